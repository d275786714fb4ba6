package dev.signpost.registrator;

import java.util.List;

/**
 * A registry the registrator writes to (upstream's {@code RegistryAdapter}). Every method may throw
 * {@code dev.signpost.client.ConsulException} (unreachable, error answer); callers log one line and retry later.
 * Implementations are thread-safe.
 */
interface Backend extends AutoCloseable {

    /** Checks the registry answers; returns what to log, e.g. {@code consul: current leader  10.0.0.1:8300}. */
    String ping();

    void register(Service service);

    void deregister(Service service);

    /** Keeps a TTL'd registration alive (Consul: nothing to do, as upstream). */
    void refresh(Service service);

    /** Sets the Docker-health check of a service registered with one ({@code service.health()} not empty). */
    void updateHealth(Service service);

    /** IDs and names of the services the registry holds for this agent; empty when the backend cannot list. */
    List<Registered> services();

    /** Whether {@link #services()} means anything (cleanup and lost-state detection need it). */
    boolean canList();

    /** Deregisters a service known only by ID (cleanup of dangling entries). */
    void deregister(Registered registered);

    /** Releases the connection; registrations stay. */
    @Override
    void close();

    /** A service as the registry lists it. */
    record Registered(String id, String name) {
    }
}
