package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.NotFoundException;
import dev.signpost.core.Registry;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.http.LocalAgent;

/**
 * The services and checks this agent owns. Every change is written to the registry first and kept
 * here only once the write succeeded, then saved to the data directory, so what the agent says it owns
 * is what the catalog has and what a restart brings back.
 *
 * <p>Thread-safe: changes are serialised on this object, except the Raft writes of service registrations
 * and deregistrations, which are ordered per service ID only (so they can share Raft batches); while
 * one is under way, anti-entropy leaves that service alone. Reads return copies.
 */
final class LocalServices implements LocalAgent, CheckRunner.Reporter {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServices.class);

    private final Registry registry;
    private final Supplier<Node> node;
    private final Supplier<Identity> identity;
    private final Supplier<List<Member>> members;
    private final ServiceStore store;
    private final java.util.function.Predicate<String> join;
    private final Runnable leave;
    private final Map<String, Service> services = new TreeMap<>();
    private final AgentChecks checks = new AgentChecks();
    private final ReentrantLock[] idLocks = new ReentrantLock[1024];
    private final java.util.Set<String> inFlight = new java.util.HashSet<>(); // guarded by this
    private final boolean scriptsEnabled;
    private final CheckRunner runner;
    private final UserEvents events = new UserEvents();

    /**
     * @param scriptsEnabled whether script checks may be registered ({@code -enable-script-checks})
     * @param runners makes the runner of this agent's checks, reporting to the agent
     */
    LocalServices(Registry registry, Supplier<Node> node, Supplier<Identity> identity, Supplier<List<Member>> members,
                  ServiceStore store, java.util.function.Predicate<String> join, Runnable leave, boolean scriptsEnabled,
                  java.util.function.Function<CheckRunner.Reporter, CheckRunner> runners) {
        this.scriptsEnabled = scriptsEnabled;
        this.join = requireNonNull(join, "join");
        for (int i = 0; i < idLocks.length; i++) {
            idLocks[i] = new ReentrantLock();
        }
        this.leave = requireNonNull(leave, "leave");
        this.registry = requireNonNull(registry, "registry");
        this.node = requireNonNull(node, "node");
        this.identity = requireNonNull(identity, "identity");
        this.members = requireNonNull(members, "members");
        this.store = requireNonNull(store, "store");
        this.runner = runners.apply(this);
    }

    /**
     * Registers again everything saved by an earlier run of this agent. The writes go out up to 64 at a
     * time (they are independent and idempotent, so Raft batches them); a failure leaves this agent
     * without them, and the caller tries the whole restore again.
     */
    void restore() {
        ServiceStore.Saved saved;
        synchronized (store) {
            saved = store.load();
        }
        Node self = node.get();
        Map<String, List<Check>> checksOf = new HashMap<>();
        saved.checks().forEach(c -> checksOf.computeIfAbsent(c.serviceId(), id -> new ArrayList<>()).add(c));
        List<dev.signpost.core.command.Command> writes = new ArrayList<>();
        for (Service service : saved.services()) {
            writes.add(Register.service(self, service, checksOf.getOrDefault(service.id(), List.of())));
        }
        checksOf.getOrDefault("", List.of()).forEach(c -> writes.add(new Register(self, List.of(), List.of(c), false)));
        writeAll(writes);
        synchronized (this) {
            // A registration made through the API meanwhile is newer than the saved one: it stays (and
            // anti-entropy puts it back in the catalog should the restore's write have landed after it).
            for (Service service : saved.services()) {
                if (services.putIfAbsent(service.id(), service) == null) {
                    LOG.info("agent: Synced service '{}'", service.id());
                }
            }
            for (Check check : saved.checks()) {
                if (checks.putIfAbsent(check)) {
                    runner.start(check);
                }
            }
        }
    }

    /** Writes commands concurrently, at most 64 in flight; throws the first failure once all are done. */
    private void writeAll(List<dev.signpost.core.command.Command> writes) {
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(64);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (var command : writes) {
                inFlight.acquireUninterruptibly();
                done.add(CompletableFuture.runAsync(() -> {
                    try {
                        write(command);
                    } finally {
                        inFlight.release();
                    }
                }, threads));
            }
        }
        done.forEach(LocalServices::awaitDone);
    }

    @Override
    public Identity identity() {
        return identity.get();
    }

    @Override
    public List<Member> members() {
        return members.get();
    }

    @Override
    public synchronized Map<String, Service> services() {
        return new LinkedHashMap<>(services);
    }

    @Override
    public synchronized Map<String, Check> checks() {
        return checks.copy();
    }

    /**
     * Registers a service. The Raft write happens outside this object's monitor (only registrations of the
     * same service ID wait for each other), so concurrent registrations share Raft batches.
     */
    @Override
    public void registerService(Service service, List<CheckSpec> specs, boolean replaceExistingChecks) {
        specs.forEach(spec -> validate(spec.definition()));
        ReentrantLock idLock = lockFor(service.id());
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
                newChecks.forEach(checks::put);
                newChecks.forEach(runner::start);
                persist(() -> {
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

    @Override
    public void deregisterService(String serviceId) {
        ReentrantLock idLock = lockFor(serviceId);
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
                List<String> removedChecks = new ArrayList<>();
                for (Check check : checks.ofService(serviceId)) {
                    checks.remove(check.checkId());
                    runner.stop(check.checkId());
                    removedChecks.add(check.checkId());
                }
                persist(() -> {
                    store.removeService(serviceId);
                    removedChecks.forEach(store::removeCheck);
                });
            }
        } finally {
            idLock.unlock();
        }
        LOG.info("agent: Deregistered service '{}'", serviceId);
    }

    @Override
    public synchronized void registerCheck(CheckSpec spec) {
        validate(spec.definition());
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
        persist(() -> store.saveCheck(check));
        runner.start(check);
        LOG.info("agent: Synced check '{}'", id);
    }

    @Override
    public synchronized void deregisterCheck(String checkId) {
        if (!checks.contains(checkId)) {
            throw new NotFoundException("Unknown check ID \"" + checkId + "\". Ensure that the check ID is passed, not the check name.");
        }
        write(new DeregisterCheck(node.get().name(), checkId));
        checks.remove(checkId);
        persist(() -> store.removeCheck(checkId));
        runner.stop(checkId);
        LOG.info("agent: Deregistered check '{}'", checkId);
    }

    @Override
    public synchronized void updateCheck(String checkId, HealthStatus status, String output) {
        if (!checks.contains(checkId)) {
            throw new NotFoundException("Unknown check ID \"" + checkId + "\". Ensure that the check ID is passed, not the check name.");
        }
        runner.ttlUpdated(checkId, status);
        writeStatus(checkId, status, output);
    }

    /** Writes a check's status and output, only when they changed. */
    private void writeStatus(String checkId, HealthStatus status, String output) {
        Check existing = checks.get(checkId);
        if (existing.status() == status && existing.output().equals(output)) {
            return; // no change, no Raft entry
        }
        write(new UpdateCheck(node.get().name(), checkId, status, output));
        Check updated = existing.withStatus(status, output);
        checks.put(updated);
        persist(() -> store.saveCheck(updated));
        if (existing.status() != status) {
            LOG.info("agent: Check '{}' is now {}", checkId, status.wireName());
        }
    }

    @Override
    public boolean report(String checkId, HealthStatus status, String output) {
        try {
            synchronized (this) {
                if (!checks.contains(checkId)) {
                    return true; // deregistered meanwhile: nothing to write
                }
                writeStatus(checkId, status, output);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("agent: Check '{}' status {} not written: {}; will retry", checkId, status.wireName(), e.getMessage());
            return false;
        }
    }

    @Override
    public void reap(String serviceId) {
        try {
            boolean present;
            synchronized (this) {
                present = services.containsKey(serviceId);
            }
            // Outside this monitor: deregisterService takes the service's ID lock first (lock order).
            if (present) {
                deregisterService(serviceId);
            }
        } catch (NotFoundException e) {
            LOG.debug("agent: service '{}' was gone before it was reaped", serviceId);
        } catch (RuntimeException e) {
            LOG.warn("agent: reaping service '{}' failed: {}; will retry", serviceId, e.getMessage());
        }
    }

    static final String NODE_MAINTENANCE = "_node_maintenance";
    static final String SERVICE_MAINTENANCE_PREFIX = "_service_maintenance:";

    @Override
    public synchronized void nodeMaintenance(boolean enable, String reason) {
        if (!enable) {
            if (checks.contains(NODE_MAINTENANCE)) {
                deregisterCheck(NODE_MAINTENANCE);
                LOG.info("agent: Node left maintenance mode");
            }
            return;
        }
        String notes = reason.isEmpty()
                ? "Maintenance mode is enabled for this node, but no reason was provided. This is a default message."
                : reason;
        registerCheck(new CheckSpec(NODE_MAINTENANCE, "Node Maintenance Mode", notes, HealthStatus.CRITICAL,
                true, "", CheckDefinition.NONE));
        LOG.info("agent: Node entered maintenance mode");
    }

    @Override
    public synchronized void serviceMaintenance(String serviceId, boolean enable, String reason) {
        if (!services.containsKey(serviceId)) {
            throw new NotFoundException("Unknown service ID \"" + serviceId + "\"");
        }
        String checkId = SERVICE_MAINTENANCE_PREFIX + serviceId;
        if (!enable) {
            if (checks.contains(checkId)) {
                deregisterCheck(checkId);
                LOG.info("agent: Service '{}' left maintenance mode", serviceId);
            }
            return;
        }
        String notes = reason.isEmpty()
                ? "Maintenance mode is enabled for this service, but no reason was provided. This is a default message."
                : reason;
        registerCheck(new CheckSpec(checkId, "Service Maintenance Mode", notes, HealthStatus.CRITICAL, true,
                serviceId, CheckDefinition.NONE));
        LOG.info("agent: Service '{}' entered maintenance mode", serviceId);
    }

    /** Consul's registration checks on how a check runs. */
    private void validate(CheckDefinition d) {
        String type = d.type();
        if ((type.equals("script") || type.equals("docker")) && !scriptsEnabled) {
            throw new InvalidRequestException("Scripts are disabled on this agent; to enable, configure "
                    + "'enable_script_checks' or 'enable_local_script_checks' to true");
        }
        if ((type.equals("http") || type.equals("tcp") || type.equals("script") || type.equals("docker"))
                && d.interval().isEmpty()) {
            throw new InvalidRequestException("Invalid check: Interval must be > 0 for Script, HTTP, TCP or Docker checks");
        }
        if (type.equals("docker") && d.args().isEmpty()) {
            throw new InvalidRequestException("Invalid check: Docker checks need Args to run in the container");
        }
    }

    /**
     * One anti-entropy round: puts back what a catalog write changed of this agent's node (a deregistered
     * service, an overwritten check status). Returns how many writes it took; a failure is logged and the
     * next round tries again.
     */
    synchronized int syncWithCatalog() {
        try {
            Node self = node.get();
            var catalog = registry.read(Registry.ReadMode.STALE, s -> java.util.Map.entry(
                    s.node(self.name()).value().map(ns -> ns.services()).orElse(List.of()),
                    s.nodeChecks(self.name()).value()));
            // A service whose Raft write is under way may be in the catalog but not yet here (or the reverse):
            // leave it alone on both sides.
            List<Service> catalogServices = catalog.getKey().stream().filter(sv -> !inFlight.contains(sv.id())).toList();
            List<Check> catalogChecks = catalog.getValue().stream()
                    .filter(c -> !inFlight.contains(c.serviceId())).toList();
            Map<String, Service> localServices = new LinkedHashMap<>(services);
            localServices.keySet().removeAll(inFlight);
            Map<String, Check> localChecks = checks.copy();
            localChecks.values().removeIf(c -> inFlight.contains(c.serviceId()));
            List<dev.signpost.core.command.Command> writes = AntiEntropy.repairs(self, localServices, localChecks,
                    catalogServices, catalogChecks);
            writes.forEach(this::write);
            if (!writes.isEmpty()) {
                LOG.info("agent: Synced {} change(s) back to the catalog (anti-entropy)", writes.size());
            }
            return writes.size();
        } catch (RuntimeException e) {
            LOG.warn("agent: anti-entropy sync failed: {}; trying again next round", e.getMessage());
            return 0;
        }
    }

    /** Stops running checks (the agent is stopping). */
    void stopChecks() {
        runner.close();
        synchronized (store) {
            store.close();
        }
    }

    @Override
    public boolean join(String address) {
        return join.test(address);
    }

    @Override
    public void leave() {
        leave.run();
    }

    @Override
    public Events events() {
        return events;
    }

    private void write(dev.signpost.core.command.Command command) {
        registry.write(command);
    }

    /**
     * Saves a change of the services and checks. Called under this object's monitor, so the journal's
     * order is the order the changes were made in. A change is one appended line, a few microseconds:
     * cheaper than handing it to a writer thread and waking the caller again, which was two thread
     * switches per registration. A failure is thrown to the caller, with the change already held here.
     */
    private void persist(Runnable change) {
        synchronized (store) {
            change.run();
        }
    }

    private static void awaitDone(CompletableFuture<Void> done) {
        try {
            done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * One of a fixed set of locks: changes of one service ID wait for each other, others rarely do. A lock is
     * held across a Raft write, so with 64 locks and 64 concurrent registrations many waited for an unrelated
     * registration's write; with 1024 few do.
     */
    private ReentrantLock lockFor(String serviceId) {
        return idLocks[Math.floorMod(serviceId.hashCode(), idLocks.length)];
    }
}
