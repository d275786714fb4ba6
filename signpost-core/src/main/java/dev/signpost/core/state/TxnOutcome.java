package dev.signpost.core.state;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a transaction did: on success the result of each operation in order (a {@code KvEntry},
 * {@code Node}, {@code Service} or {@code Check}; a get-tree gives several, a delete none), on failure the
 * operations that failed and why, in Consul's words.
 */
public record TxnOutcome(List<Result> results, List<Error> errors) {

    public TxnOutcome {
        results = List.copyOf(requireNonNull(results, "results"));
        errors = List.copyOf(requireNonNull(errors, "errors"));
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** One result: the operation it came from and the value. */
    public record Result(int opIndex, Object value) {
        public Result {
            requireNonNull(value, "value");
        }
    }

    /** Consul's {@code TxnError}. */
    public record Error(int opIndex, String what) {
        public Error {
            requireNonNull(what, "what");
        }
    }
}
