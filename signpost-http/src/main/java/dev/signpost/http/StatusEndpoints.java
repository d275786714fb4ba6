package dev.signpost.http;

import dev.signpost.core.Registry;

/** {@code /v1/status/*}: the Raft leader and peers, as server RPC addresses. */
final class StatusEndpoints {
    private final Registry registry;

    StatusEndpoints(Registry registry) {
        this.registry = registry;
    }

    void addTo(Routes routes) {
        Guard open = Guard.open("Consul's status endpoints ask no token");
        routes.exact("GET", "/v1/status/leader", open, this::leader)
                .exact("GET", "/v1/status/peers", open, this::peers);
    }

    private ApiResponse leader(ApiRequest request) {
        return ApiResponse.json(Json.write(registry.cluster().leaderAddress().orElse(""), request.has("pretty")));
    }

    private ApiResponse peers(ApiRequest request) {
        return ApiResponse.json(Json.write(registry.cluster().peers(), request.has("pretty")));
    }
}
