package dev.signpost.template.render;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.signpost.template.dependency.Dependency;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one render pass: the output text, every dependency the pass used (in first-use order; the runner
 * watches these), and those that had no data yet. While {@link #missing()} is not empty the output is incomplete
 * and must not be written; render again when data arrives. Immutable.
 */
public record RenderResult(String output, Set<Dependency> used, Set<Dependency> missing) {

    public RenderResult {
        requireNonNull(output, "output");
        used = Collections.unmodifiableSet(new LinkedHashSet<>(used));
        missing = Collections.unmodifiableSet(new LinkedHashSet<>(missing));
    }

    /** Whether every dependency had data, so the output may be written. */
    public boolean complete() {
        return missing.isEmpty();
    }
}
