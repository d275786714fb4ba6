package dev.signpost.testing.history;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One client operation on a key-value register, as a history records it: what was asked, what came back and when
 * (nanoseconds of one monotonic clock). Values are unique per write, so "the value I read" names one version, and a
 * compare-and-set on the ModifyIndex of a read is a compare-and-set on that read's value.
 *
 * @param process the client that ran it (a client runs one operation at a time)
 * @param kind read, write or compare-and-set
 * @param key the register
 * @param value a read's result, or the value a write or compare-and-set stores; empty for a missing key
 * @param expected a compare-and-set's expected current value (empty: the key must be absent, Consul's {@code ?cas=0})
 * @param outcome {@code OK} (and for a compare-and-set whether it swapped), or {@code INFO} when the answer was lost
 *     and the write may or may not have happened
 * @param invoked when the request was sent
 * @param completed when the answer came back; ignored for {@code INFO}, which may take effect any time after
 *     {@code invoked}
 */
public record Op(int process, Kind kind, String key, Optional<String> value, Optional<String> expected,
                 Outcome outcome, boolean swapped, long invoked, long completed) {

    /** What the operation did. */
    public enum Kind { READ, WRITE, CAS }

    /** Whether the answer came back: {@code INFO} means the client cannot know whether a write happened. */
    public enum Outcome { OK, INFO }

    public Op {
        requireNonNull(kind, "kind");
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        requireNonNull(expected, "expected");
        requireNonNull(outcome, "outcome");
        if (kind == Kind.READ && outcome == Outcome.INFO) {
            throw new IllegalArgumentException("a read without an answer tells nothing: leave it out of the history");
        }
        if (outcome == Outcome.OK && completed < invoked) {
            throw new IllegalArgumentException("completed " + completed + " before invoked " + invoked);
        }
    }

    public static Op read(int process, String key, Optional<String> seen, long invoked, long completed) {
        return new Op(process, Kind.READ, key, seen, Optional.empty(), Outcome.OK, false, invoked, completed);
    }

    public static Op write(int process, String key, String value, Outcome outcome, long invoked, long completed) {
        return new Op(process, Kind.WRITE, key, Optional.of(value), Optional.empty(), outcome, false, invoked,
                completed);
    }

    public static Op cas(int process, String key, Optional<String> expected, String value, Outcome outcome,
                         boolean swapped, long invoked, long completed) {
        return new Op(process, Kind.CAS, key, Optional.of(value), expected, outcome, swapped, invoked, completed);
    }

    /** The register after this operation on {@code current}, or empty when its recorded answer is impossible there. */
    Optional<Optional<String>> step(Optional<String> current) {
        return switch (kind) {
            case READ -> current.equals(value) ? Optional.of(current) : Optional.empty();
            case WRITE -> Optional.of(value);
            case CAS -> {
                boolean matches = current.equals(expected);
                if (outcome == Outcome.INFO) {
                    // Only the swapping branch is offered: a lost CAS that did not swap changed nothing, which is
                    // the same as leaving it unlinearized.
                    yield matches ? Optional.of(value) : Optional.empty();
                }
                if (swapped) {
                    yield matches ? Optional.of(value) : Optional.empty();
                }
                yield matches ? Optional.empty() : Optional.of(current);
            }
        };
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case READ -> "read " + key + " -> " + value.orElse("<none>");
            case WRITE -> "write " + key + " = " + value.orElseThrow();
            case CAS -> "cas " + key + " " + expected.orElse("<none>") + " -> " + value.orElseThrow()
                    + (outcome == Outcome.OK ? (swapped ? " : true" : " : false") : "");
        };
        return "p" + process + " " + what + (outcome == Outcome.INFO ? " (no answer)" : "")
                + " [" + invoked + ", " + (outcome == Outcome.INFO ? "?" : completed) + "]";
    }
}
