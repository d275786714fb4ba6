package dev.signpost.template.lang;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads conformance cases from a text resource. Each case is
 *
 * <pre>
 * ### description
 * &#64;data {"json": "for dot"}        (optional)
 * &#64;missingkey zero|error           (optional)
 * template lines...
 * ---
 * expected output lines, or !expected error text
 * </pre>
 *
 * Template and expected text are the lines joined with "\n"; the escapes \n, \t and \\ are decoded in lines that
 * start with a backslash-marker "\\!". JSON integers become Long and decimals Double, Go's int and float64.
 */
public final class ConformanceCases {

    public record Case(String source, int line, String description, Object data, String missingKey, String delims,
                Map<String, String> directives, String template, String expected, boolean isError) {
        @Override
        public String toString() {
            return source + ":" + line + " " + description;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConformanceCases() {
    }

    public static List<Case> load(String resource) {
        try (InputStream in = ConformanceCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> parse(String source, String text) {
        List<Case> cases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].startsWith("### ")) {
                i++;
                continue;
            }
            int start = i + 1;
            String description = lines[i].substring(4);
            i++;
            Object data = null;
            String missingKey = "zero";
            String delims = "";
            Map<String, String> directives = new LinkedHashMap<>();
            while (i < lines.length && lines[i].startsWith("@")) {
                if (lines[i].startsWith("@data ")) {
                    data = toGo(readJson(lines[i].substring(6)));
                } else if (lines[i].startsWith("@delims ")) {
                    delims = lines[i].substring(8).trim();
                } else if (lines[i].startsWith("@missingkey ")) {
                    missingKey = lines[i].substring(12).trim();
                } else {
                    int space = lines[i].indexOf(' ');
                    directives.put(space < 0 ? lines[i].substring(1) : lines[i].substring(1, space),
                            space < 0 ? "" : lines[i].substring(space + 1));
                }
                i++;
            }
            List<String> template = new ArrayList<>();
            while (i < lines.length && !lines[i].equals("---")) {
                template.add(lines[i]);
                i++;
            }
            i++;
            List<String> expected = new ArrayList<>();
            while (i < lines.length && !lines[i].startsWith("### ")) {
                expected.add(lines[i]);
                i++;
            }
            while (!expected.isEmpty() && expected.getLast().isEmpty()) {
                expected.removeLast();
            }
            String exp = decode(String.join("\n", expected));
            boolean isError = exp.startsWith("!");
            cases.add(new Case(source, start, description, data, missingKey, delims, directives,
                    decode(String.join("\n", template)),
                    isError ? exp.substring(1) : exp, isError));
        }
        return cases;
    }

    /** Decodes \n, \t, \r and \\ escapes so that cases can hold trailing or special white space. */
    private static String decode(String s) {
        if (s.indexOf('\\') < 0 || !s.startsWith("\\!")) {
            return s;
        }
        String body = s.substring(2);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c == '\\' && k + 1 < body.length()) {
                char n = body.charAt(++k);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static JsonNode readJson(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad @data " + s, e);
        }
    }

    static Object toGo(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.properties().forEach(e -> m.put(e.getKey(), toGo(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(e -> l.add(toGo(e)));
            return l;
        }
        if (n.isIntegralNumber()) {
            BigInteger v = n.bigIntegerValue();
            return v.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.asText();
    }
}
