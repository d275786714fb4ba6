package dev.signpost.template.render;

import dev.signpost.template.dependency.TemplateData;
import dev.signpost.template.funcs.ConsulFunctions;
import dev.signpost.template.funcs.RenderContext;
import dev.signpost.template.lang.MissingKey;
import dev.signpost.template.lang.Template;
import dev.signpost.template.lang.TemplateException;
import dev.signpost.template.lang.TemplateOptions;

import static java.util.Objects.requireNonNull;

/**
 * A template in consul-template's dialect: Go's text/template plus consul-template's functions, with dot nil and
 * {@code missingkey=zero} (or {@code error} with {@code error_on_missing_key}), exactly as consul-template sets them
 * up. Parse once, then {@link #execute} on every pass: each pass reports the dependencies it used and those still
 * missing, which is consul-template's multi-pass contract (a pass may discover new queries once earlier ones answer,
 * e.g. {@code range services} then {@code service .Name}).
 *
 * <p>Immutable and thread-safe; each execution keeps its own state (scratch, dependency sets).
 */
public final class ConsulTemplate {

    private final Template template;
    private final RenderOptions options;

    private ConsulTemplate(Template template, RenderOptions options) {
        this.template = template;
        this.options = options;
    }

    /**
     * Parses a template under consul-template's name for it, the empty string, so errors read
     * {@code template: :1: ...}.
     *
     * @throws TemplateException with Go's parse error
     */
    public static ConsulTemplate parse(String text, RenderOptions options) {
        return parse("", text, options);
    }

    /**
     * Parses a template under the given name.
     *
     * @throws TemplateException with Go's parse error
     */
    public static ConsulTemplate parse(String name, String text, RenderOptions options) {
        requireNonNull(options, "options");
        TemplateOptions lang = TemplateOptions.defaults()
                .withDelimiters(options.leftDelimiter(), options.rightDelimiter())
                .withMissingKey(options.errorOnMissingKey() ? MissingKey.ERROR : MissingKey.ZERO)
                .withFunctions(ConsulFunctions.forDenylist(options.functionDenylist()));
        return new ConsulTemplate(Template.parse(name, text, lang), options);
    }

    /**
     * Runs one pass against the data source.
     *
     * @throws TemplateException with Go's execution error; consul-template prefixes it with "execute: " and the path
     */
    public RenderResult execute(TemplateData data) {
        requireNonNull(data, "data");
        RenderContext ctx = new RenderContext(data, options.env(), options.clock());
        String output = template.execute(null, ctx);
        return new RenderResult(output, ctx.used(), ctx.missing());
    }

    /** The template's name as errors print it. */
    public String name() {
        return template.name();
    }
}
