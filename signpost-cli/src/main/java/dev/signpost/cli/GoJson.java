package dev.signpost.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * JSON as Go's {@code json.MarshalIndent(v, "", indent)} prints it, which is what {@code consul}'s commands print:
 * {@code "key": value}, empty {@code []} and {@code {}}, and {@code <}, {@code >}, {@code &}, U+2028 and U+2029
 * escaped as a backslash, u and four lower-case hex digits (Go escapes them for HTML by default).
 */
final class GoJson {
    static final ObjectWriter TWO_SPACES = indented("  ");
    static final ObjectWriter FOUR_SPACES = indented("    ");
    static final ObjectWriter TABS = indented("\t");

    private GoJson() {
    }

    private static ObjectWriter indented(String indent) {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setCharacterEscapes(new HtmlEscapes());
        DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
        return mapper.writer(new DefaultPrettyPrinter()
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter)
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("").withArrayEmptySeparator("")));
    }

    /** Go's escapes: JSON's own, with lower-case hex, and its HTML set. */
    private static final class HtmlEscapes extends CharacterEscapes {
        private final int[] escapes;

        HtmlEscapes() {
            escapes = standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                if (escapes[c] == ESCAPE_STANDARD) { // upper-case hex in Jackson, lower in Go
                    escapes[c] = ESCAPE_CUSTOM;
                }
            }
            escapes['<'] = ESCAPE_CUSTOM;
            escapes['>'] = ESCAPE_CUSTOM;
            escapes['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            boolean escaped = ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029;
            return escaped ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
