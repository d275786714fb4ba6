package dev.signpost.template.funcs;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.signpost.template.dependency.Dependency;
import dev.signpost.template.dependency.TemplateData;
import dev.signpost.template.lang.TemplateFunction;

import static java.util.Objects.requireNonNull;

/**
 * The state of one render: the data source, the environment and clock that env and timestamp read, the dependencies
 * used and missing so far (in first-use order) and the template's scratch pad. The renderer passes one per execution
 * as the template's context; functions reach it through {@link TemplateFunction.Invocation#context()}. Confined to the
 * rendering thread.
 */
public final class RenderContext {

    final TemplateData data;
    final Map<String, String> env;
    final Clock clock;
    final Scratch scratch = new Scratch();
    private final Set<Dependency> used = new LinkedHashSet<>();
    private final Set<Dependency> missing = new LinkedHashSet<>();

    public RenderContext(TemplateData data, Map<String, String> env, Clock clock) {
        this.data = requireNonNull(data, "data");
        this.env = requireNonNull(env, "env");
        this.clock = requireNonNull(clock, "clock");
    }

    static RenderContext of(TemplateFunction.Invocation inv) {
        if (inv.context() instanceof RenderContext c) {
            return c;
        }
        throw new IllegalStateException("consul-template functions need a RenderContext");
    }

    /** The dependencies this render used so far, in first-use order; a read-only view. */
    public Set<Dependency> used() {
        return Collections.unmodifiableSet(used);
    }

    /** The dependencies this render found without data so far, in first-use order; a read-only view. */
    public Set<Dependency> missing() {
        return Collections.unmodifiableSet(missing);
    }

    /** Records query as used and reads its answer; while there is none, also records query as missing. */
    <D extends Dependency, A> Optional<A> answer(D query, Function<D, Optional<A>> read) {
        used.add(query);
        Optional<A> answer = read.apply(query);
        if (answer.isEmpty()) {
            missing.add(query);
        }
        return answer;
    }

    void miss(Dependency d) {
        missing.add(d);
    }
}
