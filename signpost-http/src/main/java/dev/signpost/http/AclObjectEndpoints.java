package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;

/**
 * The routes Consul serves alike for ACL policies and roles: {@code PUT /v1/acl/KIND} creates,
 * {@code GET|PUT|DELETE /v1/acl/KIND/ID} reads, updates and deletes, {@code GET /v1/acl/KIND/name/NAME} reads by name
 * and {@code GET /v1/acl/PLURAL} lists. Here each route checks the token's ACL access and that its ID or name is
 * given ("Missing KIND ID"), in Consul's order; the subclass does the kind's own work.
 */
abstract class AclObjectEndpoints {
    final Reads reads;
    final AclChecks checks;
    private final String kind;
    private final String plural;

    AclObjectEndpoints(Reads reads, AclChecks checks, String kind, String plural) {
        this.reads = requireNonNull(reads, "reads");
        this.checks = requireNonNull(checks, "checks");
        this.kind = requireNonNull(kind, "kind");
        this.plural = requireNonNull(plural, "plural");
    }

    /** Creates ({@code pathId} empty) or updates an object, after the write check. */
    abstract ApiResponse set(ApiRequest request, String pathId);

    abstract ApiResponse read(ApiRequest request, String id);

    abstract ApiResponse readByName(ApiRequest request, String name);

    abstract ApiResponse delete(ApiRequest request, String id);

    abstract ApiResponse list(ApiRequest request);

    final void addTo(Routes routes) {
        String one = "/v1/acl/" + kind;
        Guard read = Guard.filters(Resource.ACL, "acl:read");
        Guard write = Guard.filters(Resource.ACL, "acl:write");
        routes.exact("PUT", one, write, r -> set(writable(r), ""))
                .prefix("GET", one + "/name/", read, r -> readByName(readable(r), named(r, "Name")))
                .prefix("GET", one + "/", read, r -> read(readable(r), named(r, "ID")))
                .prefix("PUT", one + "/", write, r -> set(writable(r), r.pathRest()))
                .prefix("DELETE", one + "/", write, r -> delete(writable(r), named(r, "ID")))
                .exact("GET", "/v1/acl/" + plural, read, r -> list(readable(r)));
    }

    private ApiRequest readable(ApiRequest request) {
        checks.require(request, Access.READ);
        return request;
    }

    private ApiRequest writable(ApiRequest request) {
        checks.require(request, Access.WRITE);
        return request;
    }

    /** The ID or name the path ends with; Consul's "Missing KIND ID" (or Name) when it is empty. */
    private String named(ApiRequest request, String what) {
        String rest = request.pathRest();
        if (rest.isEmpty()) {
            throw ApiException.badRequest("Missing " + kind + " " + what);
        }
        return rest;
    }
}
