package dev.signpost.template.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.signpost.template.lang.TemplateFunction.ArgType;

/**
 * Go's predefined template functions (text/template funcs.go): and, or, not, len, index, slice, eq, ne, lt, le, gt,
 * ge, print, printf, println, html, js, urlquery and call, with Go's results and error texts. {@code and}, {@code or}
 * and {@code call} are evaluated by the {@link Executor} because they need unevaluated arguments or the callee's
 * name. Stateless.
 */
final class Builtins {

    static final Map<String, TemplateFunction> ALL = Map.ofEntries(
            Map.entry("and", TemplateFunction.variadic(Builtins::unreachable, ArgType.ANY, ArgType.ANY)),
            Map.entry("or", TemplateFunction.variadic(Builtins::unreachable, ArgType.ANY, ArgType.ANY)),
            Map.entry("call", TemplateFunction.variadic(Builtins::unreachable, ArgType.ANY, ArgType.ANY)),
            Map.entry("not", TemplateFunction.of((inv, a) -> !GoValues.truth(a.getFirst()), ArgType.ANY)),
            Map.entry("len", TemplateFunction.of((inv, a) -> length(a.getFirst()), ArgType.ANY)),
            Map.entry("index", TemplateFunction.variadic((inv, a) -> index(a), ArgType.ANY, ArgType.ANY)),
            Map.entry("slice", TemplateFunction.variadic((inv, a) -> slice(a), ArgType.ANY, ArgType.ANY)),
            Map.entry("print", TemplateFunction.variadic((inv, a) -> GoFmt.sprint(a), ArgType.ANY)),
            Map.entry("println", TemplateFunction.variadic((inv, a) -> GoFmt.sprintln(a), ArgType.ANY)),
            Map.entry("printf", TemplateFunction.variadic(
                    (inv, a) -> GoFmt.sprintf((String) a.getFirst(), a.subList(1, a.size())),
                    ArgType.STRING, ArgType.ANY)),
            Map.entry("html", TemplateFunction.variadic((inv, a) -> Escapers.html(evalArgs(a)), ArgType.ANY)),
            Map.entry("js", TemplateFunction.variadic((inv, a) -> Escapers.js(evalArgs(a)), ArgType.ANY)),
            Map.entry("urlquery", TemplateFunction.variadic(
                    (inv, a) -> Escapers.queryEscape(evalArgs(a)), ArgType.ANY)),
            Map.entry("eq", TemplateFunction.variadic((inv, a) -> eq(a.getFirst(), a.subList(1, a.size())),
                    ArgType.ANY, ArgType.ANY)),
            Map.entry("ne", TemplateFunction.of(
                    (inv, a) -> !eq(a.get(0), java.util.Collections.singletonList(a.get(1))),
                    ArgType.ANY, ArgType.ANY)),
            Map.entry("lt", TemplateFunction.of((inv, a) -> lt(a.get(0), a.get(1)), ArgType.ANY, ArgType.ANY)),
            Map.entry("le", TemplateFunction.of((inv, a) -> le(a.get(0), a.get(1)), ArgType.ANY, ArgType.ANY)),
            Map.entry("gt", TemplateFunction.of((inv, a) -> !le(a.get(0), a.get(1)), ArgType.ANY, ArgType.ANY)),
            Map.entry("ge", TemplateFunction.of((inv, a) -> !lt(a.get(0), a.get(1)), ArgType.ANY, ArgType.ANY)));

    private Builtins() {
    }

    private static Object unreachable(TemplateFunction.Invocation inv, List<Object> args) {
        throw new IllegalStateException("evaluated by the executor");
    }

    /** text/template evalArgs: fmt.Sprint after each argument went through printableValue. */
    static String evalArgs(List<Object> args) {
        if (args.size() == 1 && args.getFirst() instanceof String s) {
            return s;
        }
        List<Object> printable = new ArrayList<>(args.size());
        for (Object a : args) {
            printable.add(a == null ? "<no value>" : a instanceof GoStruct s && s.isPointer() ? new Deref(s) : a);
        }
        return GoFmt.sprint(printable);
    }

    /** A pointer to a struct seen through the pointer: same fields, no '&' when printed. */
    private record Deref(GoStruct target) implements GoStruct {
        @Override
        public String goTypeName() {
            return target.goTypeName().substring(1);
        }

        @Override
        public List<String> fieldNames() {
            return target.fieldNames();
        }

        @Override
        public Object field(String name) {
            return target.field(name);
        }
    }

    static Object length(Object item) {
        return switch (item) {
            case null -> throw new FunctionException("reflect: call of reflect.Value.Type on zero Value");
            case String s -> (long) GoStrings.byteLength(s);
            case List<?> l -> (long) l.size();
            case Map<?, ?> m -> (long) m.size();
            case GoChannel c -> 0L;
            case GoNil n -> throw new FunctionException("len of nil pointer");
            default -> throw new FunctionException("len of type " + GoValues.typeName(item));
        };
    }

    private static int indexArg(Object index, int cap) {
        long x = switch (index) {
            case Long l -> l;
            case GoInt g -> g.value();
            case null -> throw new FunctionException("cannot index slice/array with nil");
            default -> throw new FunctionException("cannot index slice/array with type " + GoValues.typeName(index));
        };
        if (x < 0 || x > cap) {
            throw new FunctionException("index out of range: " + x);
        }
        return (int) x;
    }

    static Object index(List<Object> a) {
        Object item = a.getFirst();
        if (item == null) {
            throw new FunctionException("index of untyped nil");
        }
        for (Object index : a.subList(1, a.size())) {
            switch (item) {
                case GoNil n -> throw new FunctionException("index of nil pointer");
                case List<?> l -> {
                    int x = indexArg(index, l.size());
                    if (x == l.size()) {
                        throw new FunctionException("reflect: slice index out of range");
                    }
                    item = GoValues.normalize(l.get(x));
                }
                case String s -> {
                    byte[] b = GoStrings.bytes(s);
                    int x = indexArg(index, b.length);
                    if (x == b.length) {
                        throw new FunctionException("reflect: string index out of range");
                    }
                    item = (long) (b[x] & 0xFF);
                }
                case Map<?, ?> m -> {
                    boolean longKeys = !m.isEmpty() && m.keySet().iterator().next() instanceof Long;
                    String keyType = longKeys ? "int" : "string";
                    if (index == null) {
                        throw new FunctionException("value is nil; should be of type " + keyType);
                    }
                    if (longKeys && index instanceof GoInt g) {
                        index = g.value();
                    }
                    if (longKeys ? !(index instanceof Long) : !(index instanceof String)) {
                        throw new FunctionException("value has type " + GoValues.typeName(index) + "; should be "
                                + keyType);
                    }
                    if (m.containsKey(index)) {
                        item = GoValues.normalize(m.get(index));
                    } else {
                        item = m instanceof GoMap<?> g ? g.zero() : null;
                    }
                }
                default -> throw new FunctionException("can't index item of type " + GoValues.typeName(item));
            }
        }
        return item;
    }

    static Object slice(List<Object> a) {
        Object item = a.getFirst();
        List<Object> indexes = a.subList(1, a.size());
        if (item == null) {
            throw new FunctionException("slice of untyped nil");
        }
        if (indexes.size() > 3) {
            throw new FunctionException("too many slice indexes: " + indexes.size());
        }
        int len;
        byte[] bytes = null;
        switch (item) {
            case String s -> {
                if (indexes.size() == 3) {
                    throw new FunctionException("cannot 3-index slice a string");
                }
                bytes = GoStrings.bytes(s);
                len = bytes.length;
            }
            case List<?> l -> len = l.size();
            default -> throw new FunctionException("can't slice item of type " + GoValues.typeName(item));
        }
        int[] idx = {0, len, 0};
        for (int i = 0; i < indexes.size(); i++) {
            idx[i] = indexArg(indexes.get(i), len);
        }
        if (idx[0] > idx[1]) {
            throw new FunctionException("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (indexes.size() == 3 && idx[1] > idx[2]) {
            throw new FunctionException("invalid slice index: " + idx[1] + " > " + idx[2]);
        }
        if (bytes != null) {
            return new String(bytes, idx[0], idx[1] - idx[0], java.nio.charset.StandardCharsets.UTF_8);
        }
        if (item instanceof GoSlice<?> typed) {
            return typed.slice(idx[0], idx[1]);
        }
        return java.util.Collections.unmodifiableList(new ArrayList<>(((List<?>) item).subList(idx[0], idx[1])));
    }

    private enum Kind { INVALID, BOOL, COMPLEX, INT, FLOAT, STRING }

    private static Kind basicKind(Object v) {
        return switch (v) {
            case Boolean b -> Kind.BOOL;
            case Long l -> Kind.INT;
            case GoInt g -> Kind.INT;
            case Double d -> Kind.FLOAT;
            case GoComplex c -> Kind.COMPLEX;
            case String s -> Kind.STRING;
            case null, default -> Kind.INVALID;
        };
    }

    /** The reflect.Kind-like class of a non-basic value, for Go's canCompare. */
    private static String reflectKind(Object v) {
        return switch (v) {
            case null -> "invalid";
            case List<?> l -> "slice";
            case Map<?, ?> m -> "map";
            case GoStruct s -> s.isPointer() ? "ptr" : "struct";
            case GoNil n -> "ptr";
            case GoChannel c -> "chan";
            default -> "func";
        };
    }

    static boolean eq(Object arg1, List<Object> arg2) {
        if (arg2.isEmpty()) {
            throw new FunctionException("missing argument for comparison");
        }
        Kind k1 = basicKind(arg1);
        for (Object arg : arg2) {
            Kind k2 = basicKind(arg);
            boolean truth;
            if (k1 != k2) {
                if (arg1 != null && arg != null) {
                    // Go 1.24 and later name both types.
                    throw new FunctionException("incompatible types for comparison: " + GoValues.typeName(arg1)
                            + " and " + GoValues.typeName(arg));
                }
                truth = false;
            } else {
                truth = switch (k1) {
                    case BOOL, STRING, COMPLEX -> arg1.equals(arg);
                    case INT -> GoInt.intValue(arg1).equals(GoInt.intValue(arg));
                    case FLOAT -> ((Double) arg1).doubleValue() == (Double) arg;
                    case INVALID -> nonBasicEquals(arg1, arg);
                };
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    private static boolean nonBasicEquals(Object arg1, Object arg) {
        String kind1 = reflectKind(arg1);
        String kind2 = reflectKind(arg);
        if (!kind1.equals(kind2) && arg1 != null && arg != null) {
            throw new FunctionException("non-comparable types " + GoFmt.print(arg1) + ": "
                    + GoValues.typeName(arg1) + ", " + GoValues.typeName(arg) + ": " + GoFmt.print(arg));
        }
        boolean nil1 = arg1 == null || arg1 instanceof GoNil;
        boolean nil2 = arg == null || arg instanceof GoNil;
        if (nil1 || nil2) {
            return nil1 == nil2;
        }
        if (arg instanceof List<?> || arg instanceof Map<?, ?>) {
            throw new FunctionException("non-comparable type " + GoFmt.print(arg) + ": " + GoValues.typeName(arg));
        }
        return arg1 == arg || (arg1 instanceof GoStruct && !((GoStruct) arg1).isPointer() && arg1.equals(arg));
    }

    static boolean lt(Object arg1, Object arg2) {
        Kind k1 = basicKind(arg1);
        if (k1 == Kind.INVALID) {
            throw new FunctionException("invalid type for comparison");
        }
        Kind k2 = basicKind(arg2);
        if (k2 == Kind.INVALID) {
            throw new FunctionException("invalid type for comparison");
        }
        if (k1 != k2) {
            throw new FunctionException("incompatible types for comparison: " + GoValues.typeName(arg1) + " and "
                    + GoValues.typeName(arg2));
        }
        return switch (k1) {
            case BOOL, COMPLEX, INVALID -> throw new FunctionException("invalid type for comparison");
            case FLOAT -> (Double) arg1 < (Double) arg2;
            case INT -> GoInt.intValue(arg1) < GoInt.intValue(arg2);
            case STRING -> compareBytes((String) arg1, (String) arg2) < 0;
        };
    }

    private static int compareBytes(String a, String b) {
        return GoValues.KEY_ORDER.compare(a, b);
    }

    static boolean le(Object arg1, Object arg2) {
        return lt(arg1, arg2) || eq(arg1, java.util.Collections.singletonList(arg2));
    }

    /** The builtin call: invokes a function value with the remaining arguments. */
    static Object call(TemplateFunction.Invocation inv, String calleeName, List<Object> argv) {
        Object fn = argv.getFirst();
        List<Object> args = argv.subList(1, argv.size());
        if (fn == null) {
            throw new FunctionException("call of nil");
        }
        if (!(fn instanceof TemplateFunction f)) {
            throw new FunctionException("non-function " + calleeName + " of type " + GoValues.typeName(fn));
        }
        int numIn = f.params().size();
        if (f.variadic() && args.size() < numIn - 1) {
            throw new FunctionException("wrong number of args for " + calleeName + ": got " + args.size()
                    + " want at least " + (numIn - 1));
        }
        if (!f.variadic() && args.size() != numIn) {
            throw new FunctionException("wrong number of args for " + calleeName + ": got " + args.size()
                    + " want " + numIn);
        }
        return f.body().call(inv, args);
    }
}
