package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.signpost.core.command.Command;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

/**
 * The data directory's record of this agent's services and checks, and the writes that bring them back after a
 * restart (as Consul loads its persisted services). Apart from {@link LocalServices} because what is on disk and how
 * it returns to the catalog is one job, independent of how services and checks change at run time.
 *
 * <p>Thread-safe: every use of the store holds its lock. {@link LocalServices} saves under its own monitor too, so
 * the journal's order is the order the changes were made in.
 */
final class LocalJournal {
    private final ServiceStore store;

    LocalJournal(ServiceStore store) {
        this.store = requireNonNull(store, "store");
    }

    /** What an earlier run saved. */
    ServiceStore.Saved load() {
        synchronized (store) {
            return store.load();
        }
    }

    /**
     * Saves a change of the services and checks. A change is one appended line, a few microseconds: cheaper than
     * handing it to a writer thread and waking the caller again, which was two thread switches per registration. A
     * failure is thrown to the caller, with the change already held in memory.
     */
    void save(Consumer<ServiceStore> change) {
        synchronized (store) {
            change.accept(store);
        }
    }

    void close() {
        synchronized (store) {
            store.close();
        }
    }

    /** The idempotent writes that put {@code held} services and checks back in the catalog as this node's. */
    static List<Command> restoreWrites(Node self, List<Service> held, Collection<Check> heldChecks) {
        Map<String, List<Check>> checksOf = new HashMap<>();
        heldChecks.forEach(c -> checksOf.computeIfAbsent(c.serviceId(), id -> new ArrayList<>()).add(c));
        List<Command> writes = new ArrayList<>();
        for (Service service : held) {
            writes.add(Register.service(self, service, checksOf.getOrDefault(service.id(), List.of())));
        }
        checksOf.getOrDefault("", List.of()).forEach(c -> writes.add(new Register(self, List.of(), List.of(c), false)));
        return writes;
    }
}
