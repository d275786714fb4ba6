package dev.signpost.registrator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registry writes that failed and are tried again with exponential backoff (base {@code -retry-interval}, doubling,
 * at most 30 s), at most one per service ID: a newer intent replaces an older one (a deregister cancels a pending
 * register). Not thread-safe; owned by {@link Bridge}.
 */
final class Pending {

    enum Kind { REGISTER, DEREGISTER }

    record Op(Kind kind, Service service, int attempt, Instant due) {
    }

    private static final Duration MAX = Duration.ofSeconds(30);

    private final Map<String, Op> ops = new LinkedHashMap<>();
    private final Duration base;

    Pending(Duration base) {
        this.base = base;
    }

    /** Schedules {@code kind} for {@code service} after failure number {@code attempt} (1-based). */
    Op schedule(Kind kind, Service service, int attempt, Instant now) {
        Op op = new Op(kind, service, attempt, now.plus(backoff(attempt)));
        ops.put(service.id(), op);
        return op;
    }

    Duration backoff(int attempt) {
        Duration d = base;
        for (int i = 1; i < attempt && d.compareTo(MAX) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX) > 0 ? MAX : d;
    }

    void cancel(String serviceId) {
        ops.remove(serviceId);
    }

    boolean has(Kind kind, String serviceId) {
        Op op = ops.get(serviceId);
        return op != null && op.kind() == kind;
    }

    /** Removes and returns the operations due at {@code now}. */
    List<Op> takeDue(Instant now) {
        List<Op> due = ops.values().stream().filter(op -> !op.due().isAfter(now)).toList();
        due.forEach(op -> ops.remove(op.service().id()));
        return due;
    }

    int size() {
        return ops.size();
    }
}
