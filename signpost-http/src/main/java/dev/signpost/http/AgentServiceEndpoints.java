package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.model.Service;
import dev.signpost.core.watch.Scope;

/**
 * {@code GET /v1/agent/service/:service_id} (Consul's AgentService): one service of this agent with its
 * {@code ContentHash}, also sent as {@code X-Consul-ContentHash}; with {@code ?hash=} the read blocks until the
 * service's hash differs or {@code ?wait} ends. An unknown ID is 404 {@code unknown service ID: ID} before any ACL
 * check, as in Consul; then the token needs {@code service:read} on the service's name. The hash is a 64-bit FNV-1a
 * of the answer's JSON in hex: opaque like Consul's, equal for equal answers. The agent's own service watch wakes a
 * waiting read (its services map changes after the catalog write).
 */
final class AgentServiceEndpoints {
    /** Paths under /v1/agent/service/ that Consul routes to other handlers, which take no GET. */
    private static final List<String> OTHER_HANDLERS = List.of("register", "deregister/", "maintenance/");

    private final LocalAgent agent;
    private final Reads reads;
    private final BlockingQuery blocking;

    AgentServiceEndpoints(LocalAgent agent, Reads reads) {
        this.agent = requireNonNull(agent, "agent");
        this.reads = requireNonNull(reads, "reads");
        this.blocking = new BlockingQuery((scope, onChange) -> agent.watchServices(onChange));
    }

    void addTo(Routes routes) {
        routes.prefix("GET", "/v1/agent/service/", Guard.filters(Resource.SERVICE, "service:read on the service"),
                this::service);
    }

    /** Consul's AgentService answer: the agent's service fields and the hash over them. */
    record HashedServiceJson(@JsonInclude(JsonInclude.Include.NON_EMPTY) String Kind, String ID, String Service,
                             List<String> Tags, Map<String, String> Meta, int Port, String Address,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY)
                             Map<String, MeshWire.ServiceAddressJson> TaggedAddresses,
                             Wire.WeightsJson Weights, boolean EnableTagOverride, String ContentHash,
                             @JsonInclude(JsonInclude.Include.NON_NULL) MeshWire.AgentProxyJson Proxy,
                             @JsonInclude(JsonInclude.Include.NON_NULL) MeshWire.ConnectJson Connect,
                             String Datacenter) {
    }

    private record Hashed(Service service, HashedServiceJson json) {
    }

    private ApiResponse service(ApiRequest request) {
        String id = request.pathRest();
        if (OTHER_HANDLERS.stream().anyMatch(p -> p.endsWith("/") ? id.startsWith(p) : id.equals(p))) {
            throw new ApiException(405, "method GET not allowed");
        }
        QueryOptions options = QueryOptions.parse(request, reads.datacenter());
        String hash = request.param("hash").orElse("");
        Scope scope = Scope.of("agent-services"); // the agent's own watch has one topic: its services
        Optional<Hashed> found = blocking.run(scope,
                (Optional<Hashed> now) -> hash.isEmpty() || now.isEmpty() || !now.get().json().ContentHash().equals(hash),
                options.maxWait(), () -> current(id));
        Hashed hashed = found.orElseThrow(() -> ApiException.notFound("unknown service ID: " + id));
        request.caller().require(Resource.SERVICE, Access.READ, hashed.service().name());
        return ApiResponse.json(Json.write(hashed.json(), request.has("pretty")))
                .withHeaders(Map.of("X-Consul-ContentHash", hashed.json().ContentHash()));
    }

    private Optional<Hashed> current(String id) {
        return Optional.ofNullable(agent.services().get(id)).map(s -> {
            Wire.AgentServiceJson plain = Wire.AgentServiceJson.of(s, agent.identity().datacenter());
            String hash = Long.toHexString(fnv1a(Json.write(plain, false)));
            return new Hashed(s, new HashedServiceJson(plain.Kind(), plain.ID(), plain.Service(), plain.Tags(),
                    plain.Meta(), plain.Port(), plain.Address(), plain.TaggedAddresses(), plain.Weights(),
                    plain.EnableTagOverride(), hash, plain.Proxy(), plain.Connect(), plain.Datacenter()));
        });
    }

    private static long fnv1a(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
