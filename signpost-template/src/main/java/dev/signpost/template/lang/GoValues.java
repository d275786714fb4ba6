package dev.signpost.template.lang;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How Java values stand for Go values inside templates, and the Go rules that depend only on the value: type names,
 * truth, and map key order. The mapping: null is Go's untyped nil (an invalid value), {@link String} is string,
 * {@link Long} is int, {@link Double} is float64, {@link Boolean} is bool, {@link List} is a slice, {@link Map} with
 * string keys is a map ({@link GoMap} when the element type matters), {@link GoStruct} is a struct or pointer to one,
 * {@link GoNil} a typed nil pointer, {@link GoChannel} a channel. Stateless.
 */
public final class GoValues {

    /** Go sorts string map keys by bytes; comparing code points gives the same order as comparing UTF-8 bytes. */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private GoValues() {
    }

    /** A map's keys as strings, in Go's key order: the order the encoders write a map in. */
    public static List<String> sortedKeys(Map<?, ?> m) {
        List<String> keys = new ArrayList<>(m.size());
        m.keySet().forEach(k -> keys.add(String.valueOf(k)));
        keys.sort(KEY_ORDER);
        return keys;
    }

    /** Converts the Java boxed numbers a caller might pass (Integer, Short, Float, ...) to the canonical ones. */
    public static Object normalize(Object v) {
        return switch (v) {
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Float f -> (double) f;
            case Character c -> (long) c;
            case null, default -> v;
        };
    }

    /** The Go type of a value as %T and error messages print it. */
    public static String typeName(Object v) {
        return switch (v) {
            case null -> "<nil>";
            case String s -> "string";
            case Long l -> "int";
            case GoInt g -> g.goTypeName();
            case Integer i -> "int";
            case Double d -> "float64";
            case Boolean b -> "bool";
            case GoComplex c -> "complex128";
            case GoStruct s -> s.goTypeName();
            case GoNil n -> n.goTypeName();
            case GoChannel c -> c.goTypeName();
            case GoMap<?> m -> m.goTypeName();
            case Map<?, ?> m -> "map[string]interface {}";
            case GoSlice<?> l -> l.goTypeName();
            case List<?> l -> "[]interface {}";
            case TemplateFunction f -> "func(...interface {}) (interface {}, error)";
            default -> v.getClass().getSimpleName();
        };
    }

    /** Go's truth (exec.go isTrue): false, 0, "", empty collections, nil and typed nil are false; structs are true. */
    static boolean truth(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case Long l -> l != 0;
            case GoInt g -> g.value() != 0;
            case Integer i -> i != 0;
            case Double d -> d != 0;
            case String s -> !s.isEmpty();
            case List<?> l -> !l.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case GoComplex c -> c.real() != 0 || c.imag() != 0;
            case GoNil n -> false;
            default -> true;
        };
    }

    /** Truth for and/or/not, where a value without truth counts as false. */
    public static boolean isTrue(Object v) {
        return truth(v);
    }
}
