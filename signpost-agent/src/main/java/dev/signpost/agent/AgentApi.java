package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.NodeCoordinate;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;
import dev.signpost.core.watch.Watches;
import dev.signpost.http.AgentDefinitions;
import dev.signpost.http.ClusterOperator;
import dev.signpost.http.LocalAgent;

/**
 * The agent as {@code /v1/agent/*} and {@code /v1/event/*} see it, put together from its parts: identity,
 * members, join and leave from {@link Agent}; services and checks from {@link LocalServices}; maintenance from
 * {@link Maintenance}; user events from {@link UserEvents}. It decides nothing itself.
 *
 * <p>Thread-safe as its parts are.
 */
final class AgentApi implements LocalAgent {
    private final Supplier<Identity> identity;
    private final Supplier<List<Member>> members;
    private final Predicate<String> join;
    private final Runnable leave;
    private final Runnable reload;
    private final LocalServices local;
    private final Maintenance maintenance;
    private final UserEvents events = new UserEvents();
    private volatile ClusterOperator operator = ClusterOperator.NONE;
    private volatile dev.signpost.http.KeyringOperator keyring;
    private volatile java.util.function.Consumer<dev.signpost.core.acl.AgentTokens> tokenStore = tokens -> { };
    private volatile java.util.function.BiPredicate<String, Boolean> forceLeave = (node, prune) -> false;
    private volatile Supplier<Coordinate> coordinate = LocalAgent.super::coordinate;
    private volatile Supplier<List<NodeCoordinate>> serverCoordinates =
            List::of;

    /**
     * @param join joins the agent at an address, false when it did not answer
     * @param leave leaves the cluster and stops this agent
     * @param reload reads the configuration again ({@code PUT /v1/agent/reload})
     */
    AgentApi(Supplier<Identity> identity, Supplier<List<Member>> members, Predicate<String> join, Runnable leave,
             Runnable reload, LocalServices local) {
        this.identity = requireNonNull(identity, "identity");
        this.members = requireNonNull(members, "members");
        this.join = requireNonNull(join, "join");
        this.leave = requireNonNull(leave, "leave");
        this.reload = requireNonNull(reload, "reload");
        this.local = requireNonNull(local, "local");
        this.maintenance = new Maintenance(local);
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
    public Map<String, Service> services() {
        return local.services();
    }

    @Override
    public Watches.Subscription watchServices(Runnable onChange) {
        return local.watchServices(onChange);
    }

    @Override
    public Map<String, Check> checks() {
        return local.checks();
    }

    @Override
    public void registerService(Service service, List<CheckSpec> checks, boolean replaceExistingChecks) {
        local.registerService(service, checks, replaceExistingChecks);
    }

    @Override
    public void register(AgentDefinitions.Registration registration, boolean replaceExistingChecks) {
        local.register(registration, replaceExistingChecks);
    }

    @Override
    public void deregisterService(String serviceId) {
        local.deregisterService(serviceId);
    }

    @Override
    public void registerCheck(CheckSpec check) {
        local.registerCheck(check);
    }

    @Override
    public void deregisterCheck(String checkId) {
        local.deregisterCheck(checkId);
    }

    @Override
    public void updateCheck(String checkId, HealthStatus status, String output) {
        local.updateCheck(checkId, status, output);
    }

    @Override
    public void nodeMaintenance(boolean enable, String reason) {
        maintenance.node(enable, reason);
    }

    @Override
    public void serviceMaintenance(String serviceId, boolean enable, String reason) {
        maintenance.service(serviceId, enable, reason);
    }

    @Override
    public boolean join(String address) {
        return join.test(address);
    }

    @Override
    public void leave() {
        leave.run();
    }

    /** Sets the Raft operator API (the agent makes it once its parts exist). */
    AgentApi withOperator(ClusterOperator raftOperator) {
        this.operator = requireNonNull(raftOperator, "raftOperator");
        return this;
    }

    /** Sets where tokens set through the API are kept (acl.enable_token_persistence). */
    AgentApi withTokenStore(java.util.function.Consumer<dev.signpost.core.acl.AgentTokens> store) {
        this.tokenStore = requireNonNull(store, "store");
        return this;
    }

    @Override
    public void persistTokens(dev.signpost.core.acl.AgentTokens tokens) {
        tokenStore.accept(tokens);
    }

    /** Sets how keyring operations reach every member. */
    AgentApi withKeyring(dev.signpost.http.KeyringOperator operations) {
        this.keyring = requireNonNull(operations, "operations");
        return this;
    }

    @Override
    public dev.signpost.http.KeyringOperator keyring() {
        dev.signpost.http.KeyringOperator set = keyring;
        return set != null ? set : LocalAgent.super.keyring();
    }

    /** Sets how a member is forced out (see {@link Members#forceLeave}). */
    AgentApi withForceLeave(java.util.function.BiPredicate<String, Boolean> action) {
        this.forceLeave = requireNonNull(action, "action");
        return this;
    }

    @Override
    public boolean forceLeave(String node, boolean prune) {
        return forceLeave.test(node, prune);
    }

    /**
     * Sets where this agent's LAN coordinate and the servers' coordinates among servers (see
     * {@link Members#serverCoordinates}) come from.
     */
    AgentApi withCoordinates(Supplier<Coordinate> own, Supplier<List<NodeCoordinate>> servers) {
        this.coordinate = requireNonNull(own, "own");
        this.serverCoordinates = requireNonNull(servers, "servers");
        return this;
    }

    @Override
    public Coordinate coordinate() {
        return coordinate.get();
    }

    @Override
    public List<NodeCoordinate> serverCoordinates() {
        return serverCoordinates.get();
    }

    @Override
    public ClusterOperator operator() {
        return operator;
    }

    @Override
    public Events events() {
        return events;
    }

    @Override
    public void reload() {
        reload.run();
    }
}
