package dev.signpost.template.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * consul-template's quiescence timer for one template ({@code manager/runner.go quiescence.tick}): the first change
 * sets a deadline {@code min} ahead; each later change pushes it to {@code min} after that change, but never past
 * {@code max} after the first change. Pure; time comes in as arguments. Confined to the runner thread.
 */
final class Quiescence {

    private final Duration min;
    private final Duration max;
    private Instant first;
    private Instant deadline;

    Quiescence(Duration min, Duration max) {
        this.min = requireNonNull(min, "min");
        this.max = requireNonNull(max, "max");
    }

    /** A change happened at {@code now}. */
    void tick(Instant now) {
        if (first == null) {
            first = now;
            deadline = now.plus(min);
            return;
        }
        Instant pushed = now.plus(min);
        Instant cap = first.plus(max);
        deadline = pushed.isAfter(cap) ? cap : pushed;
    }

    /** Whether the timer runs and has expired at {@code now}. */
    boolean due(Instant now) {
        return deadline != null && !now.isBefore(deadline);
    }

    /** When the timer fires; empty when it is not running. */
    Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    void reset() {
        first = null;
        deadline = null;
    }
}
