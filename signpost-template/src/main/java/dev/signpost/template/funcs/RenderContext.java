package dev.signpost.template.funcs;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.signpost.template.lang.TemplateFunction;

/**
 * The state of one render: the data source, the dependencies used and missing so far (in first-use order) and the
 * template's scratch pad. Functions reach it through {@link TemplateFunction.Invocation#context()}. Confined to the
 * rendering thread.
 */
final class RenderContext {

    final TemplateData data;
    final RenderOptions options;
    final Set<Dependency> used = new LinkedHashSet<>();
    final Set<Dependency> missing = new LinkedHashSet<>();
    final Scratch scratch = new Scratch();

    RenderContext(TemplateData data, RenderOptions options) {
        this.data = data;
        this.options = options;
    }

    static RenderContext of(TemplateFunction.Invocation inv) {
        if (inv.context() instanceof RenderContext c) {
            return c;
        }
        throw new IllegalStateException("consul-template functions need a RenderContext");
    }

    /** Records a dependency as used; returns it for chaining. */
    <D extends Dependency> D use(D d) {
        used.add(d);
        return d;
    }

    void miss(Dependency d) {
        missing.add(d);
    }
}
