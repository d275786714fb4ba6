package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.signpost.core.AclNotFoundException;
import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.AclPolicy;
import dev.signpost.core.acl.Acls;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.acl.Rules;
import dev.signpost.core.command.AclPolicyDelete;
import dev.signpost.core.command.AclPolicySet;
import dev.signpost.core.state.AclView;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/**
 * {@code /v1/acl/policy*} and {@code /v1/acl/policies}: a policy's rules are parsed here, before replication, so
 * rules that do not parse are a 400 naming the line and nothing is written.
 */
final class AclPolicyEndpoints {
    private static final Scope POLICIES = Scope.of(Topic.ACL_POLICIES);

    private final Reads reads;
    private final AclChecks checks;

    AclPolicyEndpoints(Reads reads, AclChecks checks) {
        this.reads = requireNonNull(reads, "reads");
        this.checks = requireNonNull(checks, "checks");
    }

    void addTo(Routes routes) {
        routes.exact("PUT", "/v1/acl/policy", Guard.filters(Resource.ACL, "acl:write"), r -> set(r, ""))
                .prefix("GET", "/v1/acl/policy/name/", Guard.filters(Resource.ACL, "acl:read"), this::readByName)
                .prefix("GET", "/v1/acl/policy/", Guard.filters(Resource.ACL, "acl:read"), this::read)
                .prefix("PUT", "/v1/acl/policy/", Guard.filters(Resource.ACL, "acl:write"),
                        r -> set(r, r.pathRest()))
                .prefix("DELETE", "/v1/acl/policy/", Guard.filters(Resource.ACL, "acl:write"), this::delete)
                .exact("GET", "/v1/acl/policies", Guard.filters(Resource.ACL, "acl:read"), this::list);
    }

    private ApiResponse read(ApiRequest request) {
        checks.require(request, Access.READ);
        String id = request.pathRest();
        if (id.isEmpty()) {
            throw ApiException.badRequest("Missing policy ID");
        }
        return one(request, reads.read(request, POLICIES, s -> s.acl().policy(id)));
    }

    private ApiResponse readByName(ApiRequest request) {
        checks.require(request, Access.READ);
        String name = request.pathRest();
        if (name.isEmpty()) {
            throw ApiException.badRequest("Missing policy Name");
        }
        return one(request, reads.read(request, POLICIES, s -> s.acl().policyNamed(name)));
    }

    private static ApiResponse one(ApiRequest request, Reads.Result<Optional<AclPolicy>> result) {
        AclPolicy policy = result.value().orElseThrow(AclNotFoundException::new);
        return Reads.json(request, new Reads.Result<>(AclWire.PolicyJson.of(policy), result.index(), result.headers(),
                result.cache()));
    }

    private ApiResponse list(ApiRequest request) {
        checks.require(request, Access.READ);
        var result = reads.read(request, POLICIES, s -> {
            Indexed<java.util.List<AclPolicy>> all = s.acl().policies();
            return new Indexed<>(all.value().stream().map(AclWire.PolicyStubJson::of).toList(), all.index());
        });
        return Reads.json(request, result);
    }

    private ApiResponse set(ApiRequest request, String pathId) {
        checks.require(request, Access.WRITE);
        Body body = AclChecks.object(request, "Policy");
        String name = AclChecks.checkedName(body, pathId, "Policy");
        String rules = body.text("Rules", "");
        try {
            Rules.parse(rules);
        } catch (InvalidRequestException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        AclPolicy policy = reads.registry().read(Registry.ReadMode.DEFAULT, s -> checked(s.acl(), pathId, name,
                body.text("Description", ""), rules, body.strings("Datacenters")));
        Registry.WriteResult written = reads.registry().write(new AclPolicySet(policy));
        if (!written.result()) {
            throw ApiException.badRequest("Invalid Policy: A Policy with Name \"" + name + "\" already exists");
        }
        AclPolicy stored = reads.registry().read(Registry.ReadMode.DEFAULT,
                s -> s.acl().policy(policy.id()).value().orElseThrow());
        return ApiResponse.json(Json.write(AclWire.PolicyJson.of(stored), request.has("pretty")))
                .withHeaders(Map.of("X-Consul-Index", Long.toString(written.index())));
    }

    private static AclPolicy checked(AclView acl, String pathId, String name, String description, String rules,
                                     java.util.List<String> datacenters) {
        Optional<AclPolicy> named = acl.policyNamed(name).value();
        if (pathId.isEmpty()) {
            if (named.isPresent()) {
                throw ApiException.badRequest("Invalid Policy: A Policy with Name \"" + name + "\" already exists");
            }
            return new AclPolicy(UUID.randomUUID().toString(), name, description, rules, datacenters, 0, 0);
        }
        if (!Acls.isUuid(pathId)) {
            throw ApiException.badRequest("Policy ID invalid UUID");
        }
        AclPolicy old = acl.policy(pathId).value().orElseThrow(
                () -> ApiException.badRequest("cannot find policy " + pathId));
        if (!old.name().equals(name) && named.isPresent()) {
            throw ApiException.badRequest("Invalid Policy: A policy with name \"" + name + "\" already exists");
        }
        if (pathId.equals(Acls.GLOBAL_MANAGEMENT_ID)) {
            if (!datacenters.isEmpty()) {
                throw ApiException.badRequest("Changing the Datacenters of the builtin global-management policy is "
                        + "not permitted");
            }
            if (!rules.equals(old.rules())) {
                throw ApiException.badRequest("Changing the Rules for the builtin global-management policy is not "
                        + "permitted");
            }
        }
        return new AclPolicy(pathId, name, description, rules, datacenters, 0, 0);
    }

    private ApiResponse delete(ApiRequest request) {
        checks.require(request, Access.WRITE);
        String id = request.pathRest();
        if (id.isEmpty()) {
            throw ApiException.badRequest("Missing policy ID");
        }
        if (id.equals(Acls.GLOBAL_MANAGEMENT_ID)) {
            throw ApiException.badRequest("Delete operation not permitted on the builtin global-management policy");
        }
        boolean exists = reads.registry().read(Registry.ReadMode.DEFAULT, s -> s.acl().policy(id).value().isPresent());
        if (exists) {
            reads.registry().write(new AclPolicyDelete(id));
        }
        return ApiResponse.json(Json.write(true, request.has("pretty")));
    }
}
