package dev.signpost.template.golib;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's strings-package behaviour where Java's differs: Unicode white space for TrimSpace, rune-wise case mapping,
 * cut sets and Split with an empty separator. Stateless.
 */
public final class GoText {

    private GoText() {
    }

    /** unicode.IsSpace. */
    static boolean isSpace(int r) {
        return switch (r) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> r >= 0x2000 && r <= 0x200A;
        };
    }

    /** strings.TrimSpace. */
    public static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** strings.Trim(s, cutset). */
    public static String trim(String s, String cutset) {
        int start = 0;
        int end = s.length();
        while (start < end && cutset.indexOf(s.codePointAt(start)) >= 0) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && cutset.indexOf(s.codePointBefore(end)) >= 0) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** strings.ToUpper, rune by rune as Go maps case (no "ß" to "SS"). */
    public static String toUpper(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(r -> b.appendCodePoint(Character.toUpperCase(r)));
        return b.toString();
    }

    /** strings.ToLower, rune by rune. */
    public static String toLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(r -> b.appendCodePoint(Character.toLowerCase(r)));
        return b.toString();
    }

    /**
     * cases.Title(language.Und, cases.NoLower): the first letter of each word is title-cased and the rest left alone.
     * Words are runs of letters, digits, marks, apostrophes and underscores.
     */
    public static String toTitle(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean inWord = false;
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            boolean wordChar = Character.isLetterOrDigit(r) || r == '_' || r == '\''
                    || Character.getType(r) == Character.NON_SPACING_MARK;
            if (wordChar && !inWord) {
                b.appendCodePoint(Character.toTitleCase(r));
            } else {
                b.appendCodePoint(r);
            }
            inWord = wordChar;
        }
        return b.toString();
    }

    /** strings.Split: an empty separator splits into runes. */
    public static List<String> split(String s, String sep) {
        List<String> out = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(r -> out.add(new String(Character.toChars(r))));
            return out;
        }
        int from = 0;
        while (true) {
            int i = s.indexOf(sep, from);
            if (i < 0) {
                out.add(s.substring(from));
                return out;
            }
            out.add(s.substring(from, i));
            from = i + sep.length();
        }
    }
}
