package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.Registry;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.http.ApiException;
import dev.signpost.http.LocalAgent;

/**
 * The services and checks this agent owns. Every change is written to the registry first and kept
 * here only once the write succeeded, then saved to the data directory, so what the agent says it owns
 * is what the catalog has and what a restart brings back.
 *
 * <p>Thread-safe: changes are serialised on this object; reads return copies.
 */
final class LocalServices implements LocalAgent {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServices.class);

    private final Registry registry;
    private final Supplier<Node> node;
    private final Supplier<Identity> identity;
    private final Supplier<List<Member>> members;
    private final ServiceStore store;
    private final java.util.function.Predicate<String> join;
    private final Runnable leave;
    private final Map<String, Service> services = new TreeMap<>();
    private final Map<String, Check> checks = new TreeMap<>();

    LocalServices(Registry registry, Supplier<Node> node, Supplier<Identity> identity, Supplier<List<Member>> members,
                  ServiceStore store, java.util.function.Predicate<String> join, Runnable leave) {
        this.join = requireNonNull(join, "join");
        this.leave = requireNonNull(leave, "leave");
        this.registry = requireNonNull(registry, "registry");
        this.node = requireNonNull(node, "node");
        this.identity = requireNonNull(identity, "identity");
        this.members = requireNonNull(members, "members");
        this.store = requireNonNull(store, "store");
    }

    /** Registers again everything saved by an earlier run of this agent. */
    synchronized void restore() {
        ServiceStore.Saved saved = store.load();
        for (Service service : saved.services()) {
            List<Check> own = saved.checks().stream().filter(c -> c.serviceId().equals(service.id())).toList();
            write(Register.service(node.get(), service, own));
            services.put(service.id(), service);
            own.forEach(c -> checks.put(c.checkId(), c));
            LOG.info("agent: Synced service '{}'", service.id());
        }
        for (Check check : saved.checks()) {
            if (check.isNodeCheck()) {
                write(new Register(node.get(), List.of(), List.of(check), false));
                checks.put(check.checkId(), check);
            }
        }
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
        return new LinkedHashMap<>(checks);
    }

    @Override
    public synchronized void registerService(Service service, List<CheckSpec> specs, boolean replaceExistingChecks) {
        String nodeName = node.get().name();
        List<Check> newChecks = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            CheckSpec spec = specs.get(i);
            String id = !spec.id().isEmpty() ? spec.id()
                    : specs.size() == 1 ? "service:" + service.id() : "service:" + service.id() + ":" + (i + 1);
            String name = spec.name().isEmpty() ? "Service '" + service.name() + "' check" : spec.name();
            newChecks.add(newCheck(nodeName, id, name, spec, service));
        }
        write(Register.service(node.get(), service, newChecks));
        if (replaceExistingChecks) {
            for (Check old : List.copyOf(checks.values())) {
                boolean kept = newChecks.stream().anyMatch(c -> c.checkId().equals(old.checkId()));
                if (old.serviceId().equals(service.id()) && !kept) {
                    write(new DeregisterCheck(nodeName, old.checkId()));
                    checks.remove(old.checkId());
                }
            }
        }
        services.put(service.id(), service);
        newChecks.forEach(c -> checks.put(c.checkId(), c));
        save();
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
    public synchronized void deregisterService(String serviceId) {
        if (!services.containsKey(serviceId)) {
            throw ApiException.notFound("Unknown service ID \"" + serviceId
                    + "\". Ensure that the service ID is passed, not the service name.");
        }
        write(new DeregisterService(node.get().name(), serviceId));
        services.remove(serviceId);
        checks.values().removeIf(c -> c.serviceId().equals(serviceId));
        save();
        LOG.info("agent: Deregistered service '{}'", serviceId);
    }

    @Override
    public synchronized void registerCheck(CheckSpec spec) {
        Service service = null;
        if (!spec.serviceId().isEmpty()) {
            service = services.get(spec.serviceId());
            if (service == null) {
                throw ApiException.notFound("ServiceID \"" + spec.serviceId() + "\" does not exist");
            }
        }
        String id = spec.id().isEmpty() ? spec.name() : spec.id();
        Check check = newCheck(node.get().name(), id, spec.name(), spec, service);
        write(new Register(node.get(), List.of(), List.of(check), false));
        checks.put(id, check);
        save();
        LOG.info("agent: Synced check '{}'", id);
    }

    @Override
    public synchronized void deregisterCheck(String checkId) {
        if (!checks.containsKey(checkId)) {
            throw ApiException.notFound("Unknown check ID \"" + checkId + "\". Ensure that the check ID is passed, not the check name.");
        }
        write(new DeregisterCheck(node.get().name(), checkId));
        checks.remove(checkId);
        save();
        LOG.info("agent: Deregistered check '{}'", checkId);
    }

    @Override
    public synchronized void updateCheck(String checkId, HealthStatus status, String output) {
        Check existing = checks.get(checkId);
        if (existing == null) {
            throw ApiException.notFound("Unknown check ID \"" + checkId + "\". Ensure that the check ID is passed, not the check name.");
        }
        if (existing.status() == status && existing.output().equals(output)) {
            return; // no change, no Raft entry
        }
        write(new UpdateCheck(node.get().name(), checkId, status, output));
        checks.put(checkId, existing.withStatus(status, output));
        save();
        if (existing.status() != status) {
            LOG.info("agent: Check '{}' is now {}", checkId, status.wireName());
        }
    }

    @Override
    public void join(String address) {
        if (!join.test(address)) {
            throw new ApiException(500, "Failed to join " + address + ": no answer on its LAN port");
        }
    }

    @Override
    public void leave() {
        leave.run();
    }

    private void write(dev.signpost.core.command.Command command) {
        registry.write(command);
    }

    private void save() {
        store.save(new ServiceStore.Saved(List.copyOf(services.values()), List.copyOf(checks.values())));
    }
}
