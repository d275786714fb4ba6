package dev.signpost.http;

import java.io.IOException;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.signpost.client.JsonMappers;

/** JSON in and out with Jackson: compact by default, indented for {@code ?pretty}. */
public final class Json {
    // Go's encoding/json writes map keys sorted; clients and diffs of ?pretty output rely on it.
    private static final ObjectMapper MAPPER = JsonMappers.builder() // handlers run on virtual threads
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    /** Go's json.MarshalIndent(v, "", "    "): four spaces, no space before the colon. */
    private static final DefaultPrettyPrinter GO_INDENT = goIndent();

    private Json() {
    }

    /** Serialises a value; records serialise with their component names, which are Consul's field names. */
    public static byte[] write(Object value, boolean pretty) {
        try {
            if (pretty) {
                byte[] body = MAPPER.writer(GO_INDENT).writeValueAsBytes(value);
                byte[] withNewline = java.util.Arrays.copyOf(body, body.length + 1);
                withNewline[body.length] = '\n';
                return withNewline;
            }
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses a request body; malformed JSON is Consul's 400 "Request decode failed". */
    public static Body read(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("Request decode failed: EOF");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("Request decode failed: EOF");
            }
            return new Body(node, "");
        } catch (IOException e) {
            throw ApiException.badRequest("Request decode failed: " + firstLine(e.getMessage()));
        }
    }

    private static DefaultPrettyPrinter goIndent() {
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(indenter)
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentArraysWith(indenter);
        return printer;
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
