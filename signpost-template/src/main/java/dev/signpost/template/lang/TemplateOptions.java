package dev.signpost.template.lang;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How to parse and run a template: action delimiters (empty means Go's {@code {{ }}}), the {@code missingkey}
 * behaviour, and extra functions, which may override builtins as Go's Funcs does. Immutable.
 */
public record TemplateOptions(String leftDelimiter, String rightDelimiter, MissingKey missingKey,
                              Map<String, TemplateFunction> functions) {

    public TemplateOptions {
        requireNonNull(leftDelimiter, "leftDelimiter");
        requireNonNull(rightDelimiter, "rightDelimiter");
        requireNonNull(missingKey, "missingKey");
        functions = Map.copyOf(functions);
        for (String name : functions.keySet()) {
            if (!goodName(name)) {
                throw new IllegalArgumentException("function name " + GoStrings.quote(name)
                        + " is not a valid identifier");
            }
        }
    }

    /** Go's defaults: {@code {{ }}}, missingkey=default (invalid), builtins only. */
    public static TemplateOptions defaults() {
        return new TemplateOptions("", "", MissingKey.INVALID, Map.of());
    }

    public TemplateOptions withDelimiters(String left, String right) {
        return new TemplateOptions(left, right, missingKey, functions);
    }

    public TemplateOptions withMissingKey(MissingKey value) {
        return new TemplateOptions(leftDelimiter, rightDelimiter, value, functions);
    }

    public TemplateOptions withFunctions(Map<String, TemplateFunction> value) {
        return new TemplateOptions(leftDelimiter, rightDelimiter, missingKey, value);
    }

    private static boolean goodName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int r = name.codePointAt(i);
            boolean ok = r == '_' || Character.isLetter(r) || (i > 0 && Character.isDigit(r));
            if (!ok) {
                return false;
            }
            i += Character.charCount(r);
        }
        return true;
    }
}
