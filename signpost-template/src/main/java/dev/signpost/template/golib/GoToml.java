package dev.signpost.template.golib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.GoInt;
import dev.signpost.template.lang.GoStrings;
import dev.signpost.template.lang.GoValues;

/**
 * A TOML writer in the layout of BurntSushi/toml's Encoder, which toTOML uses: plain keys first, then tables with a
 * blank line before each and their contents indented two spaces per level. The top level must be a map. Stateless.
 */
public final class GoToml {

    private GoToml() {
    }

    public static String marshal(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new FunctionException("toTOML: toml: top-level values must be Go maps or structs");
        }
        StringBuilder b = new StringBuilder();
        table(b, m, new ArrayList<>());
        return b.toString();
    }

    private static boolean isTable(Object v) {
        return v instanceof Map<?, ?>;
    }

    private static boolean isTableArray(Object v) {
        return v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(e -> e instanceof Map<?, ?>);
    }

    private static void table(StringBuilder b, Map<?, ?> m, List<String> path) {
        String inner = "  ".repeat(path.size());
        for (String k : GoValues.sortedKeys(m)) {
            Object v = GoValues.normalize(m.get(k));
            if (v == null || isTable(v) || isTableArray(v)) {
                continue;
            }
            b.append(inner).append(key(k)).append(" = ").append(value(v)).append('\n');
        }
        for (String k : GoValues.sortedKeys(m)) {
            Object v = GoValues.normalize(m.get(k));
            List<String> sub = new ArrayList<>(path);
            sub.add(k);
            String name = String.join(".", sub.stream().map(GoToml::key).toList());
            String subPad = "  ".repeat(sub.size() - 1);
            if (isTable(v)) {
                // BurntSushi writes a blank line only before top-level tables.
                if (sub.size() == 1 && !b.isEmpty()) {
                    b.append('\n');
                }
                b.append(subPad).append('[').append(name).append("]\n");
                table(b, (Map<?, ?>) v, sub);
            } else if (isTableArray(v)) {
                for (Object e : (List<?>) v) {
                    b.append('\n').append(subPad).append("[[").append(name).append("]]\n");
                    table(b, (Map<?, ?>) e, sub);
                }
            }
        }
    }

    private static String key(String k) {
        boolean bare = !k.isEmpty() && k.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
        return bare ? k : GoStrings.quote(k);
    }

    private static String value(Object v) {
        return switch (v) {
            case String s -> GoStrings.quote(s);
            case Boolean x -> x.toString();
            case Long x -> x.toString();
            case GoInt x -> x.toString();
            case Double d -> {
                if (d.isNaN()) {
                    yield "nan";
                }
                if (d.isInfinite()) {
                    yield d > 0 ? "inf" : "-inf";
                }
                String s = new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
                yield s.contains(".") ? s : s + ".0";
            }
            case List<?> l -> {
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        b.append(", ");
                    }
                    b.append(value(GoValues.normalize(l.get(i))));
                }
                yield b.append(']').toString();
            }
            default -> throw new FunctionException("toTOML: toml: unsupported type: " + GoValues.typeName(v));
        };
    }
}
