package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;
import dev.signpost.metrics.Metrics;

/**
 * {@code /v1/operator/raft/*}, {@code /v1/operator/autopilot/health} and {@code /v1/snapshot}: Consul's operator API
 * over {@link ClusterOperator}. The archive of {@code GET /v1/snapshot} is opaque bytes with the index of its state
 * in {@code X-Consul-Index}.
 */
final class OperatorEndpoints {
    /** Autopilot's default MaxTrailingLogs: a server further behind the leader is not healthy. */
    private static final long MAX_TRAILING_LOGS = 250;

    private final LocalAgent agent;
    private final ClusterOperator operator;

    OperatorEndpoints(LocalAgent agent) {
        this(agent, Metrics.none());
    }

    /** Also shows autopilot's view as Consul's {@code consul.autopilot.healthy} and {@code failure_tolerance} gauges. */
    OperatorEndpoints(LocalAgent agent, Metrics metrics) {
        this.agent = requireNonNull(agent, "agent");
        this.operator = agent.operator();
        metrics.gauge("autopilot.healthy", () -> health(true).Healthy() ? 1 : 0);
        metrics.gauge("autopilot.failure_tolerance", () -> health(true).FailureTolerance());
    }

    void addTo(Routes routes) {
        Guard operatorRead = Guard.needs(Resource.OPERATOR, Access.READ);
        Guard operatorWrite = Guard.needs(Resource.OPERATOR, Access.WRITE);
        // Consul's snapshots need a management token: its authorizer maps them to acl:write.
        Guard management = Guard.needs(Resource.ACL, Access.WRITE);
        routes.exact("GET", "/v1/operator/raft/configuration", operatorRead, this::configuration)
                .exact("DELETE", "/v1/operator/raft/peer", operatorWrite, this::removePeer)
                .exact("POST", "/v1/operator/raft/transfer-leader", operatorWrite, this::transferLeader)
                .exact("GET", "/v1/operator/autopilot/health", operatorRead, this::health)
                .exact("GET", "/v1/snapshot", management, this::save)
                .exact("PUT", "/v1/snapshot", management, this::restore);
    }

    record ServerJson(String ID, String Node, String Address, boolean Leader, String ProtocolVersion, boolean Voter,
                      long LastIndex) {
    }

    record ConfigurationJson(List<ServerJson> Servers, long Index) {
    }

    private ApiResponse configuration(ApiRequest request) {
        ClusterOperator.RaftConfiguration conf = operator.configuration(request.has("stale"));
        List<ServerJson> servers = conf.servers().stream().map(s -> new ServerJson(s.id(), s.node(), s.address(),
                s.leader(), "3", s.voter(), s.lastIndex())).toList();
        return ApiResponse.json(Json.write(new ConfigurationJson(servers, conf.index()), request.has("pretty")));
    }

    record ServerHealthJson(String ID, String Name, String Address, String SerfStatus, String Version, boolean Leader,
                            String LastContact, long LastTerm, long LastIndex, boolean Healthy, boolean Voter,
                            String StableSince) {
    }

    record HealthJson(boolean Healthy, int FailureTolerance, List<ServerHealthJson> Servers) {
    }

    /**
     * Autopilot's server health, which {@code consul operator raft list-peers} reads for its progress columns: a
     * server is healthy when its member is alive and it trails the leader by at most 250 entries. Signpost keeps
     * no stability clock, so StableSince is Go's zero time; the answer is 429 when any server is unhealthy.
     */
    private ApiResponse health(ApiRequest request) {
        HealthJson health = health(request.has("stale"));
        return ApiResponse.json(Json.write(health, request.has("pretty"))).withStatus(health.Healthy() ? 200 : 429);
    }

    private HealthJson health(boolean stale) {
        ClusterOperator.RaftConfiguration conf = operator.configuration(stale);
        Map<String, Integer> status = new java.util.HashMap<>();
        agent.members().forEach(m -> status.put(m.name(), m.status()));
        long leaderIndex = conf.servers().stream().filter(ClusterOperator.RaftServer::leader)
                .mapToLong(ClusterOperator.RaftServer::lastIndex).findFirst().orElse(0);
        long term = Long.parseLong(operator.raftStats().getOrDefault("term", "0"));
        List<ServerHealthJson> servers = conf.servers().stream().map(s -> {
            String serf = switch (status.getOrDefault(s.node(), 0)) {
                case 1 -> "alive";
                case 2 -> "leaving";
                case 3 -> "left";
                case 4 -> "failed";
                default -> "none";
            };
            boolean healthy = serf.equals("alive") && (s.leader() || leaderIndex - s.lastIndex() <= MAX_TRAILING_LOGS);
            return new ServerHealthJson(s.id(), s.node(), s.address(), serf, AgentSelfEndpoints.CONSUL_API_VERSION,
                    s.leader(), "0s", term, s.lastIndex(), healthy, s.voter(), "0001-01-01T00:00:00Z");
        }).toList();
        long voters = servers.stream().filter(ServerHealthJson::Voter).count();
        long healthyVoters = servers.stream().filter(s -> s.Voter() && s.Healthy()).count();
        boolean healthy = servers.stream().allMatch(ServerHealthJson::Healthy);
        return new HealthJson(healthy, (int) Math.max(0, healthyVoters - (voters / 2 + 1)), servers);
    }

    private ApiResponse removePeer(ApiRequest request) {
        boolean hasId = request.has("id");
        boolean hasAddress = request.has("address");
        if (!hasId && !hasAddress) {
            throw ApiException.badRequest(
                    "Must specify either ?id with the server's ID or ?address with IP:port of peer to remove");
        }
        if (hasId && hasAddress) {
            throw ApiException.badRequest("Must specify only one of ?id or ?address");
        }
        operator.removePeer(request.param(hasId ? "id" : "address").orElse(""), hasAddress);
        return ApiResponse.empty();
    }

    private ApiResponse transferLeader(ApiRequest request) {
        operator.transferLeader(request.param("id").orElse(""));
        return ApiResponse.json(Json.write(Map.of("Success", true), request.has("pretty")));
    }

    private ApiResponse save(ApiRequest request) {
        if (request.has("stale") && request.has("consistent")) {
            throw ApiException.badRequest("Cannot specify ?stale with ?consistent, conflicting semantics.");
        }
        ClusterOperator.Snapshot snapshot = operator.snapshot(request.has("stale"));
        return new ApiResponse(200, Map.of("X-Consul-Index", Long.toString(Math.max(1, snapshot.index()))),
                "application/x-gzip", snapshot.archive());
    }

    private ApiResponse restore(ApiRequest request) {
        if (request.body().length == 0) {
            throw ApiException.badRequest("Invalid snapshot archive: the request has no body");
        }
        operator.restore(request.body());
        return ApiResponse.empty();
    }
}
