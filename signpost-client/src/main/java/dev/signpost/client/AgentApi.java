package dev.signpost.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

import static java.util.Objects.requireNonNull;

/** {@code /v1/agent}: the local agent's own services, checks and view of the cluster. Thread-safe. */
public final class AgentApi {

    private final ConsulClient client;

    AgentApi(ConsulClient client) {
        this.client = client;
    }

    public QueryResult<AgentSelf> self() {
        return client.read("/v1/agent/self", new QueryString(), QueryOptions.DEFAULT,
                new TypeReference<AgentSelf>() { }, null);
    }

    /** The agent's node name ({@code Config.NodeName} of {@link #self()}). */
    public String nodeName() {
        return self().value().nodeName();
    }

    /** Services registered with this agent, by service ID. */
    public QueryResult<Map<String, AgentService>> services() {
        return client.read("/v1/agent/services", new QueryString(), QueryOptions.DEFAULT,
                new TypeReference<Map<String, AgentService>>() { }, null);
    }

    /** Checks registered with this agent, by check ID. */
    public QueryResult<Map<String, HealthCheck>> checks() {
        return client.read("/v1/agent/checks", new QueryString(), QueryOptions.DEFAULT,
                new TypeReference<Map<String, HealthCheck>>() { }, null);
    }

    /** LAN members, or WAN members when {@code wan}. */
    public QueryResult<List<Member>> members(boolean wan) {
        QueryString q = new QueryString();
        if (wan) {
            q.add("wan", "1");
        }
        return client.read("/v1/agent/members", q, QueryOptions.DEFAULT, new TypeReference<List<Member>>() { }, null);
    }

    /** {@code PUT /v1/agent/service/register}; registering an existing ID replaces it. */
    public void register(ServiceRegistration registration) {
        register(registration, WriteOptions.DEFAULT);
    }

    public void register(ServiceRegistration registration, WriteOptions options) {
        requireNonNull(registration, "registration");
        client.write("PUT", "/v1/agent/service/register", new QueryString(), options,
                ConsulClient.json(registration), null);
    }

    /** {@code PUT /v1/agent/service/deregister/<id>}; also removes the service's checks. */
    public void deregister(String serviceId) {
        client.write("PUT", "/v1/agent/service/deregister/" + QueryString.segment(serviceId), new QueryString(),
                WriteOptions.DEFAULT, new byte[0], null);
    }

    /** Marks a TTL check passing ({@code note} becomes its output; empty for none). */
    public void passTtl(String checkId, String note) {
        ttl("pass", checkId, note);
    }

    public void warnTtl(String checkId, String note) {
        ttl("warn", checkId, note);
    }

    public void failTtl(String checkId, String note) {
        ttl("fail", checkId, note);
    }

    /** {@code PUT /v1/agent/check/update/<id>} with status passing, warning or critical and an output. */
    public void updateTtl(String checkId, String status, String output) {
        if (!List.of(HealthCheck.PASSING, HealthCheck.WARNING, HealthCheck.CRITICAL).contains(status)) {
            throw new IllegalArgumentException("check status must be passing, warning or critical, not \""
                    + status + "\"");
        }
        client.write("PUT", "/v1/agent/check/update/" + QueryString.segment(checkId), new QueryString(),
                WriteOptions.DEFAULT, ConsulClient.json(Map.of("Status", status, "Output", output)), null);
    }

    /** {@code PUT /v1/agent/check/deregister/<id>}. */
    public void deregisterCheck(String checkId) {
        client.write("PUT", "/v1/agent/check/deregister/" + QueryString.segment(checkId), new QueryString(),
                WriteOptions.DEFAULT, new byte[0], null);
    }

    /** {@code PUT /v1/agent/join/<address>}: this agent joins the cluster (or WAN pool) at {@code address}. */
    public void join(String address, boolean wan) {
        QueryString q = new QueryString();
        if (wan) {
            q.add("wan", "1");
        }
        client.write("PUT", "/v1/agent/join/" + QueryString.segment(address), q, WriteOptions.DEFAULT, new byte[0],
                null);
    }

    /** {@code PUT /v1/agent/leave}: this agent leaves the cluster gracefully and shuts down. */
    public void leave() {
        client.write("PUT", "/v1/agent/leave", new QueryString(), WriteOptions.DEFAULT, new byte[0], null);
    }

    /** {@code PUT /v1/agent/force-leave/<node>}: marks a failed member as left. */
    public void forceLeave(String node) {
        client.write("PUT", "/v1/agent/force-leave/" + QueryString.segment(node), new QueryString(),
                WriteOptions.DEFAULT, new byte[0], null);
    }

    private void ttl(String verb, String checkId, String note) {
        QueryString q = new QueryString();
        if (!note.isEmpty()) {
            q.add("note", note);
        }
        client.write("PUT", "/v1/agent/check/" + verb + "/" + QueryString.segment(checkId), q,
                WriteOptions.DEFAULT, new byte[0], null);
    }
}
