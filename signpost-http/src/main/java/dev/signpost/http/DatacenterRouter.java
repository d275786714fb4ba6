package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one routing point for {@code ?dc=} and {@code ?peer=}: every request passes here before its endpoint runs.
 * A request for this cluster's datacenter (or none) is served here; one for a datacenter this cluster can reach
 * goes to that datacenter's {@link Remote} (WAN federation fills the map in; today it is empty); any other is
 * Consul's 500 "No path to datacenter", for reads and writes alike. Agent endpoints answer for this agent and
 * take no {@code dc}, as Consul's do.
 *
 * <p>Cluster peering is not configured, so nothing was ever imported from a peer: a catalog or health read with
 * {@code ?peer=NAME} finds nothing, and answers the empty result Consul's state store gives for a peer name
 * with no data ({@code []}, {@code {}} for the service list, {@code null} for a node). Immutable; thread-safe.
 */
final class DatacenterRouter {
    /** Answers requests in another datacenter, e.g. by forwarding them to one of its servers. */
    @FunctionalInterface
    interface Remote {
        ApiResponse forward(ApiRequest request);
    }

    private final Reads reads;
    private final Map<String, Remote> remotes;

    DatacenterRouter(Reads reads, Map<String, Remote> remotes) {
        this.reads = requireNonNull(reads, "reads");
        this.remotes = Map.copyOf(new TreeMap<>(remotes));
    }

    /** A router for a cluster that knows only its own datacenter. */
    static DatacenterRouter localOnly(Reads reads) {
        return new DatacenterRouter(reads, Map.of());
    }

    /**
     * Where a request is answered: empty when this datacenter's endpoints should serve it, else the answer from
     * elsewhere.
     *
     * @throws ApiException 500 "No path to datacenter" for a datacenter this cluster does not know
     */
    Optional<ApiResponse> route(ApiRequest request) {
        if (!takesDatacenter(request.path())) {
            return Optional.empty();
        }
        String dc = request.param("dc").orElse("");
        if (!dc.isEmpty() && !dc.equals(reads.datacenter())) {
            Remote remote = remotes.get(dc);
            if (remote == null) {
                throw new ApiException(500, "No path to datacenter");
            }
            return Optional.of(remote.forward(request));
        }
        String peer = request.param("peer").orElse("");
        if (!peer.isEmpty() && readsImportedData(request)) {
            return Optional.of(nothingImported(request));
        }
        return Optional.empty();
    }

    /** Consul's server endpoints take {@code dc}; the agent's own ones, the datacenter list and event list do not. */
    static boolean takesDatacenter(String path) {
        return path.startsWith("/v1/") && !path.startsWith("/v1/agent/") && !path.equals("/v1/catalog/datacenters")
                && !path.equals("/v1/event/list");
    }

    private static boolean readsImportedData(ApiRequest request) {
        String path = request.path();
        return request.method().equals("GET") && !path.equals("/v1/catalog/datacenters")
                && (path.startsWith("/v1/catalog/") || path.startsWith("/v1/health/"));
    }

    private ApiResponse nothingImported(ApiRequest request) {
        String path = request.path();
        String body = path.equals("/v1/catalog/services") ? "{}" : path.startsWith("/v1/catalog/node/") ? "null" : "[]";
        QueryOptions options = QueryOptions.parse(request, reads.datacenter());
        return ApiResponse.json(body.getBytes(StandardCharsets.UTF_8))
                .withHeaders(reads.headers(1, options));
    }
}
