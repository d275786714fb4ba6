package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.CoordinateConfig;
import dev.signpost.core.coordinate.NodeCoordinate;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.UserEvent;
import dev.signpost.core.state.EventLog;
import dev.signpost.core.watch.Watches;

/**
 * The local agent as {@code /v1/agent/*} sees it: the services and checks this agent owns, its identity
 * and its view of the members. Implemented by the agent module; an unknown ID is a
 * {@link dev.signpost.core.NotFoundException}, a bad definition an {@link dev.signpost.core.InvalidRequestException}.
 */
public interface LocalAgent {

    /** Who this agent is. */
    Identity identity();

    /** The agents this one knows of, itself included. */
    List<Member> members();

    /** This agent's services, by ID. */
    Map<String, Service> services();

    /** This agent's checks, by ID. */
    Map<String, Check> checks();

    /** Adds or replaces a service and its checks. */
    /**
     * Calls {@code onChange} once, at the next change of {@link #services}; an agent that cannot tell wakes waiters
     * only at the end of their wait.
     */
    default Watches.Subscription watchServices(Runnable onChange) {
        return () -> { };
    }

    void registerService(Service service, List<CheckSpec> checks, boolean replaceExistingChecks);

    /**
     * Registers a definition: its service, then the sidecar proxy it asks for, whose port (when 0) the agent picks
     * from its sidecar range and whose checks (when none) are Consul's defaults.
     */
    void register(AgentDefinitions.Registration registration, boolean replaceExistingChecks);

    /** Removes a service and its checks; 404 when this agent has no such service. */
    void deregisterService(String serviceId);

    /** Adds or replaces a check; 404 when it names a service this agent does not have. */
    void registerCheck(CheckSpec check);

    /** Removes a check; 404 when unknown. */
    void deregisterCheck(String checkId);

    /** Sets a check's status from outside (TTL checks); 404 when unknown. */
    void updateCheck(String checkId, HealthStatus status, String output);

    /**
     * Puts the whole node in maintenance (a critical {@code _node_maintenance} check) or takes it out. The
     * default, for agents without maintenance mode (test doubles), refuses.
     */
    default void nodeMaintenance(boolean enable, String reason) {
        throw new ApiException(405, "maintenance mode is not available on this agent");
    }

    /** Puts one service in maintenance ({@code _service_maintenance:ID}) or takes it out; 404 when unknown. */
    default void serviceMaintenance(String serviceId, boolean enable, String reason) {
        throw new ApiException(405, "maintenance mode is not available on this agent");
    }

    /** Joins the agent at ADDR[:PORT] (LAN port); false when it did not answer. */
    boolean join(String address);

    /**
     * Marks a member as left (Consul's force-leave; a failed server then leaves the Raft group too), or with
     * {@code prune} forgets it; false when no member has that name.
     */
    default boolean forceLeave(String node, boolean prune) {
        return false;
    }

    /** Leaves the cluster gracefully and shuts this agent down. */
    void leave();

    /**
     * Reads the agent's configuration again ({@code PUT /v1/agent/reload}). The default, for agents without
     * config files (test doubles), refuses.
     */
    default void reload() {
        throw new ApiException(500, "this agent has no configuration to reload");
    }

    /** The Raft group this agent reaches (its replica's view); the default has none. */
    default ClusterOperator operator() {
        return ClusterOperator.NONE;
    }

    /**
     * Keeps the agent's tokens after {@code PUT /v1/agent/token/*} when {@code acl.enable_token_persistence} says so
     * (Consul's acl-tokens.json); throws when they could not be written. The default keeps nothing.
     */
    default void persistTokens(dev.signpost.core.acl.AgentTokens tokens) {
    }

    /** Every member's gossip keyring; the default (test doubles without a LAN port) answers 500. */
    default KeyringOperator keyring() {
        return (operation, key) -> {
            throw new ApiException(500, "keyring operations are not available on this agent");
        };
    }

    /** This agent's LAN coordinate ({@code Coord} of {@code /v1/agent/self}); the default is the origin. */
    default Coordinate coordinate() {
        return Coordinate.origin(CoordinateConfig.serf());
    }

    /**
     * The servers' coordinates among servers (Consul's WAN coordinates), by server name, for
     * {@code /v1/coordinate/datacenters}; the default, for agents without a LAN port, has none.
     */
    default List<NodeCoordinate> serverCoordinates() {
        return List.of();
    }

    /** The user events fired on this agent. */
    Events events();

    /** An agent's user events, thread-safe: fired here, listed by name, with a wake-up for blocking lists. */
    interface Events {
        /** Adds an event with a fresh ID and the next Lamport time. */
        UserEvent fire(String name, byte[] payload, String nodeFilter, String serviceFilter, String tagFilter);

        /** The events with this name ("" for all), with Consul's index of the whole log. */
        EventLog.Listed list(String name);

        /** Calls {@code onChange} once, at the next event fired; it must not block. */
        Watches.Subscription watch(Runnable onChange);
    }

    /**
     * A check as registered through the agent API.
     *
     * @param id the check ID; "" lets the agent derive one
     * @param status the initial status; {@code statusGiven} is false when the request had none
     */
    record CheckSpec(String id, String name, String notes, HealthStatus status, boolean statusGiven, String serviceId,
                     CheckDefinition definition) {
        public CheckSpec {
            requireNonNull(id, "id");
            requireNonNull(name, "name");
            requireNonNull(notes, "notes");
            requireNonNull(status, "status");
            requireNonNull(serviceId, "serviceId");
            requireNonNull(definition, "definition");
        }
    }

    /** This agent's identity and versions, for {@code /v1/agent/self}. */
    record Identity(String nodeName, String nodeId, String datacenter, boolean server, String version,
                    String advertiseAddress, Member member) {
    }

    /**
     * A cluster member as {@code /v1/agent/members} shows it.
     *
     * @param status Serf's code: 1 alive, 2 leaving, 3 left, 4 failed
     */
    record Member(String name, String address, int port, Map<String, String> tags, int status) {
        public Member {
            tags = Map.copyOf(tags);
        }
    }
}
