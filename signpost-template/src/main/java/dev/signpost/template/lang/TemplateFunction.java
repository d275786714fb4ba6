package dev.signpost.template.lang;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A function callable from templates: its parameter types (which drive Go's argument checks and messages such as
 * {@code wrong number of args for join: want 2 got 1} or {@code expected string; found 3}) and its body.
 *
 * @param params   parameter types; with {@code variadic} the last one repeats
 * @param variadic whether the last parameter takes any number of arguments
 * @param body     the implementation
 */
public record TemplateFunction(List<ArgType> params, boolean variadic, Body body) {

    public TemplateFunction {
        params = List.copyOf(params);
        requireNonNull(body, "body");
        if (variadic && params.isEmpty()) {
            throw new IllegalArgumentException("a variadic function needs at least one parameter");
        }
    }

    /** A function with fixed parameters. */
    public static TemplateFunction of(Body body, ArgType... params) {
        return new TemplateFunction(List.of(params), false, body);
    }

    /** A function whose last parameter repeats. */
    public static TemplateFunction variadic(Body body, ArgType... params) {
        return new TemplateFunction(List.of(params), true, body);
    }

    /** The Go parameter kinds the executor checks arguments against. */
    public enum ArgType {
        /** interface{} or reflect.Value: anything, nil included. */
        ANY("interface {}"),
        STRING("string"),
        INT("int"),
        FLOAT("float64"),
        BOOL("bool"),
        /** []string: a list whose Go type is []string. */
        STRING_SLICE("[]string"),
        /** []interface {}: a list whose Go type is []interface {}. */
        ANY_SLICE("[]interface {}");

        private final String goName;

        ArgType(String goName) {
            this.goName = goName;
        }

        /** The type as Go error messages print it. */
        public String goName() {
            return goName;
        }
    }

    /** The implementation; throws {@link FunctionException} for Go's {@code (value, error)} error results. */
    @FunctionalInterface
    public interface Body {
        Object call(Invocation invocation, List<Object> args);
    }

    /** What a function may ask of the running template. */
    public interface Invocation {
        /** The per-execution context object handed to {@link Template#execute(Object, Object)}. */
        Object context();

        /** Runs a template defined in the same set with the given dot and returns its output. */
        String executeTemplate(String name, Object dot);
    }
}
