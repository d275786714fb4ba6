package dev.signpost.template.lang;

import java.util.Map;
import java.util.Set;

import dev.signpost.template.lang.Node.ListNode;

import static java.util.Objects.requireNonNull;

/**
 * A parsed Go text/template: the top-level body plus every {@code define}d and {@code block} template in the text.
 * Parse once with {@link #parse}, then {@link #execute} as often as needed.
 *
 * <p>Immutable after parsing and safe to execute from several threads at once; each execution has its own state.
 */
public final class Template {

    private final String name;
    private final String text;
    private final Map<String, ListNode> trees;
    private final TemplateOptions options;
    /** The last output's length, to size the next buffer; racy by design, it is only a hint. */
    private volatile int lastOutputLength;

    private Template(String name, String text, Map<String, ListNode> trees, TemplateOptions options) {
        this.name = name;
        this.text = text;
        this.trees = Map.copyOf(trees);
        this.options = options;
    }

    /**
     * Parses text as a template called name.
     *
     * @throws TemplateException with Go's parse error, e.g. {@code template: t:1: unexpected EOF}
     */
    public static Template parse(String name, String text, TemplateOptions options) {
        requireNonNull(name, "name");
        requireNonNull(text, "text");
        requireNonNull(options, "options");
        Map<String, ListNode> trees;
        try {
            trees = Parser.parse(name, text, options.leftDelimiter(), options.rightDelimiter(),
                    fn -> options.functions().containsKey(fn) || Builtins.ALL.containsKey(fn));
        } catch (StackOverflowError e) {
            // Go's parser allows 10000 nested parentheses and grows its stack for nested blocks; a JVM thread
            // stack is smaller, so very deep nesting is reported with Go's message for the parenthesis limit.
            throw new TemplateException(TemplateException.Phase.PARSE, name, 1, -1,
                    "template: " + name + ":1: max expression depth exceeded");
        }
        return new Template(name, text, trees, options);
    }

    /**
     * Runs the template with dot set to data and returns the output. A null data is Go's nil dot, which is what
     * consul-template passes.
     *
     * @param context handed to functions through {@link TemplateFunction.Invocation#context()}; may be null
     * @throws TemplateException with Go's execution error, e.g.
     *                           {@code template: t:1:2: executing "t" at <.Foo>: map has no entry for key "Foo"}
     */
    public String execute(Object data, Object context) {
        StringBuilder out = new StringBuilder(Math.max(text.length() + 64, lastOutputLength + 256));
        new Executor(this, name, context, out).run(GoValues.normalize(data), trees.get(name));
        lastOutputLength = out.length();
        return out.toString();
    }

    /** Runs the template with the given dot and no context. */
    public String execute(Object data) {
        return execute(data, null);
    }

    /** The name given at parse time; error messages use it. */
    public String name() {
        return name;
    }

    /** Names of all templates in this set, the top-level one included. */
    public Set<String> templateNames() {
        return trees.keySet();
    }

    String text() {
        return text;
    }

    MissingKey missingKey() {
        return options.missingKey();
    }

    ListNode tree(String templateName) {
        return trees.get(templateName);
    }

    TemplateFunction function(String fn) {
        TemplateFunction f = options.functions().get(fn);
        return f != null ? f : Builtins.ALL.get(fn);
    }

    boolean isBuiltin(String fn) {
        return !options.functions().containsKey(fn) && Builtins.ALL.containsKey(fn);
    }
}
