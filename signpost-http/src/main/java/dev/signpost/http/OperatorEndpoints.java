package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;

/**
 * {@code /v1/operator/raft/*} and {@code /v1/snapshot}: Consul's operator API
 * over {@link ClusterOperator}. The archive of {@code GET /v1/snapshot} is opaque bytes with the index of its state
 * in {@code X-Consul-Index}.
 */
final class OperatorEndpoints {
    private final ClusterOperator operator;

    OperatorEndpoints(LocalAgent agent) {
        this.operator = requireNonNull(agent, "agent").operator();
    }

    void addTo(Routes routes) {
        Guard operatorRead = Guard.needs(Resource.OPERATOR, Access.READ);
        Guard operatorWrite = Guard.needs(Resource.OPERATOR, Access.WRITE);
        // Consul's snapshots need a management token: its authorizer maps them to acl:write.
        Guard management = Guard.needs(Resource.ACL, Access.WRITE);
        routes.exact("GET", "/v1/operator/raft/configuration", operatorRead, this::configuration)
                .exact("DELETE", "/v1/operator/raft/peer", operatorWrite, this::removePeer)
                .exact("POST", "/v1/operator/raft/transfer-leader", operatorWrite, this::transferLeader)
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
