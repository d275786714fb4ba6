package dev.signpost.template.golib;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;

import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.GoFmt;
import dev.signpost.template.lang.GoInt;
import dev.signpost.template.lang.GoNil;
import dev.signpost.template.lang.GoStruct;
import dev.signpost.template.lang.GoValues;

/**
 * Go's encoding/json Marshal for template values: sorted map keys, struct fields by name, HTML-safe escaping
 * ({@code <} becomes {@code \u003c}) unless turned off, floats formatted as Go does, and MarshalIndent's layout.
 * Stateless.
 */
public final class GoJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    public static String marshal(Object v, boolean escapeHtml, String indent) {
        StringBuilder b = new StringBuilder();
        write(b, GoValues.normalize(v), escapeHtml, indent, 0);
        return b.toString();
    }

    private static void newline(StringBuilder b, String indent, int depth) {
        if (!indent.isEmpty()) {
            b.append('\n');
            b.append(indent.repeat(depth));
        }
    }

    private static void write(StringBuilder b, Object v, boolean escapeHtml, String indent, int depth) {
        switch (v) {
            case null -> b.append("null");
            case GoNil n -> b.append("null");
            case String s -> string(b, s, escapeHtml);
            case Boolean x -> b.append(x);
            case Long x -> b.append(x);
            case GoInt x -> b.append(x);
            case Double d -> b.append(number(d));
            case List<?> l -> bracketed(b, '[', ']', l.size(),
                    i -> write(b, GoValues.normalize(l.get(i)), escapeHtml, indent, depth + 1), indent, depth);
            case Map<?, ?> m -> object(b, GoValues.sortedKeys(m),
                    k -> m.containsKey(k) ? m.get(k) : valueForNonStringKey(m, k), escapeHtml, indent, depth);
            case GoStruct s -> object(b, s.fieldNames(), s::field, escapeHtml, indent, depth);
            default -> throw new FunctionException("json: unsupported type: " + GoValues.typeName(v));
        }
    }

    /** A JSON object of the names in order, each with its value: a map's sorted keys or a struct's fields. */
    private static void object(StringBuilder b, List<String> names, Function<String, Object> value,
                               boolean escapeHtml, String indent, int depth) {
        bracketed(b, '{', '}', names.size(), i -> {
            string(b, names.get(i), escapeHtml);
            b.append(indent.isEmpty() ? ":" : ": ");
            write(b, GoValues.normalize(value.apply(names.get(i))), escapeHtml, indent, depth + 1);
        }, indent, depth);
    }

    /** An array's or object's layout: size elements between open and close, comma-separated, one a line if indented. */
    private static void bracketed(StringBuilder b, char open, char close, int size, IntConsumer element, String indent,
                                  int depth) {
        if (size == 0) {
            b.append(open).append(close);
            return;
        }
        b.append(open);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                b.append(',');
            }
            newline(b, indent, depth + 1);
            element.accept(i);
        }
        newline(b, indent, depth);
        b.append(close);
    }

    private static Object valueForNonStringKey(Map<?, ?> m, String key) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (String.valueOf(e.getKey()).equals(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** encoding/json's float format: shortest repr, exponent form below 1e-6 or from 1e21, "e-7" not "e-07". */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new FunctionException("json: unsupported value: " + GoFmt.print(d));
        }
        double abs = Math.abs(d);
        return shortest(d, abs != 0 && (abs < 1e-6 || abs >= 1e21));
    }

    private static String shortest(double d, boolean exp) {
        java.math.BigDecimal bd = new java.math.BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String sign = d < 0 || (d == 0 && 1 / d < 0) ? "-" : "";
        if (!exp) {
            String plain = bd.toPlainString();
            return sign + plain;
        }
        String digits = bd.unscaledValue().toString();
        int e = digits.length() - 1 - bd.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String es = e < 0 ? "-" + (-e) : "+" + (e < 10 ? "0" + e : Integer.toString(e));
        if (e < 0 && -e < 10) {
            es = "-" + (-e);
        }
        return sign + mantissa + "e" + es;
    }

    private static void string(StringBuilder b, String s, boolean escapeHtml) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> {
                    if (c < 0x20 || (escapeHtml && (c == '<' || c == '>' || c == '&'))) {
                        b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
