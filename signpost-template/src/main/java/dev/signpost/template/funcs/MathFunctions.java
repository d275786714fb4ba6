package dev.signpost.template.funcs;

import java.util.List;
import java.util.Map;

import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.GoFmt;
import dev.signpost.template.lang.GoInt;
import dev.signpost.template.lang.TemplateFunction;
import dev.signpost.template.lang.TemplateFunction.ArgType;

/**
 * consul-template's math helpers add, subtract, multiply, divide, modulo, minimum and maximum. They take
 * {@code (b, a)} and compute {@code a OP b}, so {@code {{subtract 2 5}}} is 3 and {@code {{5 | subtract 2}}} is 3.
 * Two ints give an int; a float on either side gives a float; integer division by zero fails like Go's runtime.
 * Stateless.
 */
final class MathFunctions {

    private MathFunctions() {
    }

    private enum Op { ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO, MINIMUM, MAXIMUM }

    static void register(Map<String, TemplateFunction> m) {
        for (Op op : Op.values()) {
            String name = op.name().toLowerCase(java.util.Locale.ROOT);
            m.put(name, TemplateFunction.of((inv, args) -> apply(op, name, args.get(1), args.get(0)),
                    ArgType.ANY, ArgType.ANY));
        }
    }

    private static FunctionException unknown(String name, Object v) {
        return new FunctionException(GoFmt.sprintf(name + ": unknown type for %q (%T)",
                java.util.Arrays.asList(v, v)));
    }

    private static Object apply(Op op, String name, Object a, Object b) {
        Long ai = GoInt.intValue(a);
        Long bi = GoInt.intValue(b);
        if (ai == null && !(a instanceof Double)) {
            throw unknown(name, a);
        }
        if (bi == null && !(b instanceof Double)) {
            throw unknown(name, b);
        }
        if (ai != null && bi != null) {
            return GoInt.int64(ints(op, ai, bi));
        }
        if (op == Op.MODULO) {
            throw unknown(name, a instanceof Double ? a : b);
        }
        double x = ai != null ? ai : (Double) a;
        double y = bi != null ? bi : (Double) b;
        return switch (op) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> x / y;
            // minimum and maximum return the winner in its own kind: an int side comes back as int64.
            case MINIMUM -> x < y ? widen(a, ai) : widen(b, bi);
            case MAXIMUM -> x > y ? widen(a, ai) : widen(b, bi);
            case MODULO -> throw unknown(name, a);
        };
    }

    private static Object widen(Object v, Long asInt) {
        return asInt != null ? GoInt.int64(asInt) : v;
    }

    private static long ints(Op op, long x, long y) {
        return switch (op) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> {
                if (y == 0) {
                    throw new FunctionException("runtime error: integer divide by zero");
                }
                yield x / y;
            }
            case MODULO -> {
                if (y == 0) {
                    throw new FunctionException("runtime error: integer divide by zero");
                }
                yield x % y;
            }
            case MINIMUM -> x < y ? x : y;
            case MAXIMUM -> x > y ? x : y;
        };
    }

    static List<String> names() {
        return List.of("add", "subtract", "multiply", "divide", "modulo", "minimum", "maximum");
    }
}
