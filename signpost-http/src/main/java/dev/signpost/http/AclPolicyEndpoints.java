package dev.signpost.http;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.signpost.core.AclNotFoundException;
import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.AclPolicy;
import dev.signpost.core.acl.Acls;
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
final class AclPolicyEndpoints extends AclObjectEndpoints {
    private static final Scope POLICIES = Scope.of(Topic.ACL_POLICIES);

    AclPolicyEndpoints(Reads reads, AclChecks checks) {
        super(reads, checks, "policy", "policies");
    }

    @Override
    ApiResponse read(ApiRequest request, String id) {
        return one(request, reads.read(request, POLICIES, s -> s.acl().policy(id)));
    }

    @Override
    ApiResponse readByName(ApiRequest request, String name) {
        return one(request, reads.read(request, POLICIES, s -> s.acl().policyNamed(name)));
    }

    private static ApiResponse one(ApiRequest request, Reads.Result<Optional<AclPolicy>> result) {
        AclPolicy policy = result.value().orElseThrow(AclNotFoundException::new);
        return Reads.json(request, new Reads.Result<>(AclWire.PolicyJson.of(policy), result.index(), result.headers(),
                result.cache()));
    }

    @Override
    ApiResponse list(ApiRequest request) {
        var result = reads.read(request, POLICIES, s -> {
            Indexed<java.util.List<AclPolicy>> all = s.acl().policies();
            return new Indexed<>(all.value().stream().map(AclWire.PolicyStubJson::of).toList(), all.index());
        });
        return Reads.json(request, result);
    }

    @Override
    ApiResponse set(ApiRequest request, String pathId) {
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

    @Override
    ApiResponse delete(ApiRequest request, String id) {
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
