package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.signpost.client.GoDuration;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.config.ChainOverrides;
import dev.signpost.core.config.DiscoveryChain;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/**
 * {@code GET /v1/discovery-chain/:service} (agent/discovery_chain_endpoint.go): the service's discovery chain
 * compiled from the stored config entries, in this datacenter or the one {@code ?compile-dc} names, with blocking
 * queries woken by any config entry change; {@code POST} with a body of overrides (connect timeout, protocol,
 * mesh gateway mode) compiles a customized chain. Needs {@code service:read} on the service.
 */
final class DiscoveryChainEndpoints {
    private static final String PREFIX = "/v1/discovery-chain/";

    private final Reads reads;

    DiscoveryChainEndpoints(Reads reads) {
        this.reads = requireNonNull(reads, "reads");
    }

    void addTo(Routes routes) {
        routes.prefix("GET", PREFIX, Guard.reads(Resource.SERVICE), this::read)
                .prefix("POST", PREFIX, Guard.reads(Resource.SERVICE), this::read);
    }

    private ApiResponse read(ApiRequest request) {
        String service = request.pathRest();
        if (service.isEmpty()) {
            throw ApiException.badRequest("Missing chain name");
        }
        ChainOverrides overrides = request.method().equals("POST") ? overrides(request) : ChainOverrides.NONE;
        String datacenter = request.param("compile-dc").filter(dc -> !dc.isEmpty()).orElse(reads.datacenter());
        // The trust domain is this cluster's, wherever the chain is compiled for.
        String trustDomain = DiscoveryChain.trustDomain(reads.datacenter());
        var result = reads.read(request, Scope.of(Topic.CONFIG), s -> {
            try {
                DiscoveryChain chain = DiscoveryChain.compile(service, datacenter, trustDomain,
                        (kind, name) -> s.configEntry(kind, name).value(), overrides);
                return new Indexed<>(chain, s.configEntries("").index());
            } catch (IllegalArgumentException e) {
                throw new ApiException(500, "failed to compile discovery chain: " + e.getMessage());
            }
        });
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("Chain", result.value().json());
        return ApiResponse.json(Json.write(ConfigEndpoints.tree(chain), request.has("pretty")))
                .withHeaders(result.headers());
    }

    /** The POST body: Consul's 400 "Request decoding failed: ..." when it does not decode. */
    private static ChainOverrides overrides(ApiRequest request) {
        ChainOverrides overrides = ChainOverrides.decode(ConfigEndpoints.jsonObject(request.body(),
                "map[string]interface {}", why -> ApiException.badRequest("Request decoding failed: " + why)),
                GoDuration::parse);
        if (!overrides.validMeshGatewayMode()) {
            throw ApiException.badRequest("Invalid OverrideMeshGateway.Mode parameter");
        }
        return overrides;
    }
}
