package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.NotFoundException;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.command.Command;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.watch.Watches;
import dev.signpost.http.AgentDefinitions;
import dev.signpost.http.LocalAgent.CheckSpec;

/**
 * The services and checks this agent owns. Every change is written to the registry first and kept
 * here only once the write succeeded, then saved to the data directory, so what the agent says it owns
 * is what the catalog has and what a restart brings back.
 *
 * <p>Services and checks only: who the agent is, its members and joins are {@link Agent}'s, maintenance mode is
 * {@link Maintenance}, and {@link AgentApi} puts them together for the HTTP API. Errors are core's typed
 * exceptions: an unknown ID is a {@link NotFoundException}, a bad check an
 * {@link dev.signpost.core.InvalidRequestException}. Around them: {@link SidecarRegistrations} adds a service's
 * sidecar proxy, {@link LocalJournal} keeps the data directory's record, {@link CheckStatuses} writes check results
 * and {@link CatalogRepair} runs anti-entropy.
 *
 * <p>Thread-safe: changes are serialised on this object, except the Raft writes of service registrations
 * and deregistrations, which are ordered per service ID only (so they can share Raft batches); while
 * one is under way, anti-entropy leaves that service alone. Reads return copies.
 */
final class LocalServices {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServices.class);

    private final Registry registry;
    private final CatalogRepair repair;
    private final Supplier<Node> node;
    private final LocalJournal journal;
    private static final String SERVICES_TOPIC = "agent-services";
    private final Map<String, Service> services = new TreeMap<>();
    /** Wakes readers waiting on this agent's own services (a hash-blocking agent service read). */
    private final Watches serviceWatches = new Watches();
    private final AgentChecks checks = new AgentChecks();
    private final IdLocks idLocks = new IdLocks();
    private final Set<String> inFlight = new HashSet<>(); // guarded by this
    private final boolean scriptsEnabled;
    private final CheckStatuses statuses;
    private final CheckRunner runner;
    private final SidecarRegistrations sidecarRegistrations;

    /**
     * @param scriptsEnabled whether script checks may be registered ({@code -enable-script-checks})
     * @param runners makes the runner of this agent's checks, reporting to the agent
     * @param agentRights what the agent token may write, asked at each anti-entropy round
     */
    LocalServices(Registry registry, Supplier<Node> node, ServiceStore store, boolean scriptsEnabled,
                  Function<CheckRunner.Reporter, CheckRunner> runners, Supplier<Authorizer> agentRights) {
        this(registry, node, store, scriptsEnabled, runners, agentRights, Sidecars.DEFAULT);
    }

    /** @param sidecars the port range sidecar proxies get their ports from */
    LocalServices(Registry registry, Supplier<Node> node, ServiceStore store, boolean scriptsEnabled,
                  Function<CheckRunner.Reporter, CheckRunner> runners, Supplier<Authorizer> agentRights,
                  Sidecars sidecars) {
        this.scriptsEnabled = scriptsEnabled;
        this.registry = requireNonNull(registry, "registry");
        this.repair = new CatalogRepair(registry, requireNonNull(agentRights, "agentRights"));
        this.node = requireNonNull(node, "node");
        this.journal = new LocalJournal(store);
        this.statuses = new CheckStatuses(this, checks, registry, node, journal);
        this.runner = runners.apply(statuses);
        this.sidecarRegistrations = new SidecarRegistrations(this, sidecars, scriptsEnabled);
    }

    /**
     * Takes back what an earlier run saved, before the agent answers anyone (as Consul loads its persisted
     * services): they are listed at once and their checks run; {@link #restore} writes them once there is a leader.
     */
    void load() {
        ServiceStore.Saved saved = journal.load();
        synchronized (this) {
            saved.services().forEach(service -> services.putIfAbsent(service.id(), service));
            for (Check check : saved.checks()) {
                if (checks.putIfAbsent(check)) {
                    runner.start(check);
                }
            }
        }
    }

    /**
     * Writes what this agent holds ({@link #load}'s and anything registered since) to the catalog once there is a
     * leader, up to 64 writes at a time (idempotent, so Raft batches them); on failure the caller tries again.
     */
    void restore() {
        List<Service> held;
        Collection<Check> heldChecks;
        synchronized (this) {
            held = List.copyOf(services.values());
            heldChecks = checks.copy().values();
        }
        ParallelWrites.writeAll(LocalJournal.restoreWrites(node.get(), held, heldChecks), this::write);
        held.forEach(service -> LOG.info("agent: Synced service '{}'", service.id()));
    }

    /** This agent's services, by ID. */
    synchronized Map<String, Service> services() {
        return new LinkedHashMap<>(services);
    }

    /** This agent's checks, by ID. */
    synchronized Map<String, Check> checks() {
        return checks.copy();
    }

    /** The service of this ID, if this agent has it. */
    synchronized Optional<Service> service(String serviceId) {
        return Optional.ofNullable(services.get(serviceId));
    }

    synchronized boolean hasService(String serviceId) {
        return services.containsKey(serviceId);
    }

    synchronized boolean hasCheck(String checkId) {
        return checks.contains(checkId);
    }

    /** Calls {@code onChange} once, at the next change of this agent's services as {@link #services} holds them. */
    Watches.Subscription watchServices(Runnable onChange) {
        return serviceWatches.subscribe(List.of(SERVICES_TOPIC), List.of(), onChange);
    }

    /**
     * Registers a definition: its service, then its sidecar proxy, if it asks for one, with the port and checks
     * {@link Sidecars} fills in. Every check of both is vetted and the port picked before anything is written.
     */
    void register(AgentDefinitions.Registration registration, boolean replaceExistingChecks) {
        if (registration.sidecar().isEmpty()) {
            registerService(registration.service(), registration.checks(), replaceExistingChecks);
            return;
        }
        sidecarRegistrations.register(registration, registration.sidecar().get(), replaceExistingChecks);
    }

    /** Registers a service, writing outside this monitor (one ID at a time) so registrations share Raft batches. */
    void registerService(Service service, List<CheckSpec> specs, boolean replaceExistingChecks) {
        specs.forEach(spec -> CheckRules.validate(spec.definition(), scriptsEnabled));
        ReentrantLock idLock = idLocks.of(service.id());
        idLock.lock();
        try {
            String nodeName = node.get().name();
            List<Check> newChecks = new ArrayList<>();
            List<Check> dropped = new ArrayList<>();
            synchronized (this) {
                inFlight.add(service.id());
                for (int i = 0; i < specs.size(); i++) {
                    CheckSpec spec = specs.get(i);
                    String id = !spec.id().isEmpty() ? spec.id()
                            : specs.size() == 1 ? "service:" + service.id() : "service:" + service.id() + ":" + (i + 1);
                    String name = spec.name().isEmpty() ? "Service '" + service.name() + "' check" : spec.name();
                    newChecks.add(newCheck(nodeName, id, name, spec, service));
                }
                if (replaceExistingChecks) {
                    for (Check old : checks.ofService(service.id())) {
                        boolean kept = newChecks.stream().anyMatch(c -> c.checkId().equals(old.checkId()));
                        if (!kept) {
                            dropped.add(old);
                        }
                    }
                }
            }
            try {
                write(Register.service(node.get(), service, newChecks));
                for (Check old : dropped) {
                    write(new DeregisterCheck(nodeName, old.checkId()));
                }
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    inFlight.remove(service.id());
                }
                throw e;
            }
            // One monitor entry for the bookkeeping after the write: with many concurrent registrations each
            // entry is contended, and anti-entropy never sees the service written but not yet held here.
            synchronized (this) {
                inFlight.remove(service.id());
                for (Check old : dropped) {
                    checks.remove(old.checkId());
                    runner.stop(old.checkId());
                }
                services.put(service.id(), service);
                serviceWatches.fire(Set.of(SERVICES_TOPIC));
                newChecks.forEach(checks::put);
                newChecks.forEach(runner::start);
                journal.save(store -> {
                    dropped.forEach(c -> store.removeCheck(c.checkId()));
                    store.saveService(service);
                    newChecks.forEach(store::saveCheck);
                });
            }
        } finally {
            idLock.unlock();
        }
        LOG.info("agent: Synced service '{}'", service.id());
    }

    /** A new check; re-registering an ID keeps its status and output unless a status is given. */
    private Check newCheck(String nodeName, String id, String name, CheckSpec spec, Service service) {
        Check previous = checks.get(id);
        HealthStatus status = spec.statusGiven() || previous == null ? spec.status() : previous.status();
        String output = spec.statusGiven() || previous == null ? "" : previous.output();
        return new Check(nodeName, id, name, status, spec.notes(), output, service == null ? "" : service.id(),
                service == null ? "" : service.name(), service == null ? List.of() : service.tags(), spec.definition(),
                0, 0);
    }

    /**
     * Removes a service and its checks, and the sidecar proxy registered with it (Consul's removeServiceSidecars);
     * {@link NotFoundException} when this agent has no such service.
     */
    void deregisterService(String serviceId) {
        deregisterOne(serviceId);
        sidecarRegistrations.deregisterSidecarOf(serviceId);
    }

    /** Removes one service and its checks; {@link NotFoundException} when this agent has no such service. */
    void deregisterOne(String serviceId) {
        ReentrantLock idLock = idLocks.of(serviceId);
        idLock.lock();
        try {
            synchronized (this) {
                if (!services.containsKey(serviceId)) {
                    throw new NotFoundException("Unknown service ID \"" + serviceId
                            + "\". Ensure that the service ID is passed, not the service name.");
                }
                inFlight.add(serviceId);
            }
            try {
                write(new DeregisterService(node.get().name(), serviceId));
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    inFlight.remove(serviceId);
                }
                throw e;
            }
            synchronized (this) { // as in registerService: anti-entropy never sees it gone there but held here
                inFlight.remove(serviceId);
                services.remove(serviceId);
                serviceWatches.fire(Set.of(SERVICES_TOPIC));
                List<String> removedChecks = new ArrayList<>();
                for (Check check : checks.ofService(serviceId)) {
                    checks.remove(check.checkId());
                    runner.stop(check.checkId());
                    removedChecks.add(check.checkId());
                }
                journal.save(store -> {
                    store.removeService(serviceId);
                    removedChecks.forEach(store::removeCheck);
                });
            }
        } finally {
            idLock.unlock();
        }
        LOG.info("agent: Deregistered service '{}'", serviceId);
    }

    /** Adds or replaces a check; {@link NotFoundException} when it names a service this agent does not have. */
    synchronized void registerCheck(CheckSpec spec) {
        CheckRules.validate(spec.definition(), scriptsEnabled);
        Service service = null;
        if (!spec.serviceId().isEmpty()) {
            service = services.get(spec.serviceId());
            if (service == null) {
                throw new NotFoundException("ServiceID \"" + spec.serviceId() + "\" does not exist");
            }
        }
        String id = spec.id().isEmpty() ? spec.name() : spec.id();
        Check check = newCheck(node.get().name(), id, spec.name(), spec, service);
        write(new Register(node.get(), List.of(), List.of(check), false));
        checks.put(check);
        journal.save(store -> store.saveCheck(check));
        runner.start(check);
        LOG.info("agent: Synced check '{}'", id);
    }

    /** Removes a check; {@link NotFoundException} when unknown. */
    synchronized void deregisterCheck(String checkId) {
        if (!checks.contains(checkId)) {
            throw unknownCheck(checkId);
        }
        write(new DeregisterCheck(node.get().name(), checkId));
        checks.remove(checkId);
        journal.save(store -> store.removeCheck(checkId));
        runner.stop(checkId);
        LOG.info("agent: Deregistered check '{}'", checkId);
    }

    /** Sets a check's status from outside (TTL checks); {@link NotFoundException} when unknown. */
    synchronized void updateCheck(String checkId, HealthStatus status, String output) {
        if (!checks.contains(checkId)) {
            throw unknownCheck(checkId);
        }
        runner.ttlUpdated(checkId, status);
        statuses.write(checkId, status, output);
    }

    /**
     * One anti-entropy round ({@link CatalogRepair}): puts back what a catalog write changed of this agent's node.
     * Returns how many writes it took; a failure is logged and the next round tries again.
     */
    synchronized int syncWithCatalog() {
        return repair.round(node.get(), services, checks, inFlight);
    }

    /** Stops running checks (the agent is stopping). */
    void stopChecks() {
        runner.close();
        journal.close();
    }

    private static NotFoundException unknownCheck(String checkId) {
        return new NotFoundException("Unknown check ID \"" + checkId
                + "\". Ensure that the check ID is passed, not the check name.");
    }

    private void write(Command command) {
        registry.write(command);
    }
}
