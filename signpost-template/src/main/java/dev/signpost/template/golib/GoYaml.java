package dev.signpost.template.golib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.GoFmt;
import dev.signpost.template.lang.GoInt;
import dev.signpost.template.lang.GoNil;
import dev.signpost.template.lang.GoStruct;
import dev.signpost.template.lang.GoValues;

/**
 * A YAML writer in the layout of gopkg.in/yaml.v2's Marshal, which toYAML uses: block style, sorted keys, sequences
 * inside mappings not indented, strings quoted only when they would read back as something else. Covers maps,
 * lists, strings, numbers, booleans and nil. Stateless.
 */
public final class GoYaml {

    private static final Pattern NON_STRING = Pattern.compile(
            "(?i)(y|yes|n|no|true|false|on|off|null|~)|[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
                    + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|0x[0-9a-fA-F_]+|0b[01_]+|[-+]?0[0-7_]+"
                    + "|\\d{4}-\\d{2}-\\d{2}.*");

    private GoYaml() {
    }

    public static String marshal(Object v) {
        StringBuilder b = new StringBuilder();
        Object n = GoValues.normalize(v);
        if (isCollection(n) && !isEmpty(n)) {
            block(b, n, 0);
        } else {
            b.append(scalar(n)).append('\n');
        }
        return b.toString();
    }

    private static boolean isCollection(Object v) {
        return v instanceof Map<?, ?> || v instanceof List<?> || v instanceof GoStruct;
    }

    private static boolean isEmpty(Object v) {
        return v instanceof Map<?, ?> m ? m.isEmpty() : v instanceof List<?> l ? l.isEmpty()
                : v instanceof GoStruct s && s.fieldNames().isEmpty();
    }

    private static List<Map.Entry<String, Object>> entries(Object v) {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            for (String k : GoValues.sortedKeys(m)) {
                Object value = null;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (String.valueOf(e.getKey()).equals(k)) {
                        value = e.getValue();
                    }
                }
                out.add(Map.entry(k, new Holder(value)));
            }
        } else if (v instanceof GoStruct s) {
            for (String name : s.fieldNames()) {
                out.add(Map.entry(GoText.toLower(name), new Holder(s.field(name))));
            }
        }
        return out;
    }

    /** Map.entry refuses null values; a holder carries Go's nil. */
    private record Holder(Object value) {
    }

    private static void block(StringBuilder b, Object v, int indent) {
        String pad = " ".repeat(indent);
        if (v instanceof List<?> l) {
            for (Object raw : l) {
                Object e = GoValues.normalize(raw);
                b.append(pad).append('-');
                if (isCollection(e) && !isEmpty(e)) {
                    // yaml.v2 starts a nested collection on the dash's line: "- a: 1" and "- - 1".
                    StringBuilder inner = new StringBuilder();
                    block(inner, e, indent + 2);
                    b.append(' ').append(inner.substring(indent + 2));
                } else {
                    b.append(' ').append(scalar(e)).append('\n');
                }
            }
            return;
        }
        for (Map.Entry<String, Object> e : entries(v)) {
            Object value = GoValues.normalize(((Holder) e.getValue()).value());
            b.append(pad).append(scalar(e.getKey())).append(':');
            if (isCollection(value) && !isEmpty(value)) {
                b.append('\n');
                block(b, value, value instanceof List<?> ? indent : indent + 2);
            } else {
                b.append(' ').append(scalar(value)).append('\n');
            }
        }
    }

    private static String scalar(Object v) {
        return switch (v) {
            case null -> "null";
            case GoNil n -> "null";
            case Boolean x -> x.toString();
            case Long x -> x.toString();
            case GoInt x -> x.toString();
            case Double d -> d.isNaN() ? ".nan" : d.isInfinite() ? (d > 0 ? ".inf" : "-.inf") : GoFmt.print(d);
            case String s -> string(s);
            case Map<?, ?> m -> "{}";
            case List<?> l -> "[]";
            case GoStruct s -> "{}";
            default -> throw new FunctionException("toYAML: cannot marshal type: " + GoValues.typeName(v));
        };
    }

    private static String string(String s) {
        if (s.isEmpty()) {
            return "\"\"";
        }
        if (s.indexOf('\n') >= 0) {
            return s.endsWith("\n") ? "|\n  " + s.substring(0, s.length() - 1).replace("\n", "\n  ")
                    : "|-\n  " + s.replace("\n", "\n  ");
        }
        if (NON_STRING.matcher(s).matches()) {
            return dev.signpost.template.lang.GoStrings.quote(s);
        }
        if (!plainAllowed(s)) {
            return "'" + s.replace("'", "''") + "'";
        }
        return s;
    }

    private static boolean plainAllowed(String s) {
        char first = s.charAt(0);
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(first) >= 0 && !(first == '-' && s.length() > 1 && s.charAt(1) != ' ')) {
            return false;
        }
        if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ' || s.endsWith(":")) {
            return false;
        }
        if (s.contains(": ") || s.contains(" #") || s.indexOf('\t') >= 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t') {
                return false;
            }
        }
        return true;
    }
}
