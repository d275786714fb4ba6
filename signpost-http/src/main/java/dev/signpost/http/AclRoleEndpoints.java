package dev.signpost.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.signpost.core.Registry;
import dev.signpost.core.acl.AclPolicy;
import dev.signpost.core.acl.AclRole;
import dev.signpost.core.acl.Acls;
import dev.signpost.core.command.AclRoleDelete;
import dev.signpost.core.command.AclRoleSet;
import dev.signpost.core.state.AclView;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/** {@code /v1/acl/role*} and {@code /v1/acl/roles}: roles bundle policies and identities for tokens to link. */
final class AclRoleEndpoints extends AclObjectEndpoints {
    private static final Scope ROLES = Scope.of(Topic.ACL_ROLES, Topic.ACL_POLICIES);

    AclRoleEndpoints(Reads reads, AclChecks checks) {
        super(reads, checks, "role", "roles");
    }

    @Override
    ApiResponse read(ApiRequest request, String id) {
        return one(request, reads.read(request, ROLES, s -> show(s, s.acl().role(id))));
    }

    @Override
    ApiResponse readByName(ApiRequest request, String name) {
        return one(request, reads.read(request, ROLES, s -> show(s, s.acl().roleNamed(name))));
    }

    private static Indexed<Optional<AclWire.RoleJson>> show(CatalogState s, Indexed<Optional<AclRole>> role) {
        return new Indexed<>(role.value().map(r -> json(s, r)), role.index());
    }

    private static AclWire.RoleJson json(CatalogState s, AclRole r) {
        return AclWire.role(r, id -> s.acl().policy(id).value().map(AclPolicy::name));
    }

    /** Consul answers an unknown role with an empty 404 (a policy or token with 403 "ACL not found"). */
    private static ApiResponse one(ApiRequest request, Reads.Result<Optional<AclWire.RoleJson>> result) {
        if (result.value().isEmpty()) {
            return ApiResponse.text(404, "").withHeaders(result.headers());
        }
        return Reads.json(request, new Reads.Result<>(result.value().get(), result.index(), result.headers(),
                result.cache()));
    }

    @Override
    ApiResponse list(ApiRequest request) {
        String policy = request.param("policy").orElse("");
        var result = reads.read(request, ROLES, s -> new Indexed<>(s.acl().roles().value().stream()
                .filter(r -> policy.isEmpty() || r.policyIds().contains(policy)).map(r -> json(s, r)).toList(),
                s.acl().roles().index()));
        return Reads.json(request, result);
    }

    @Override
    ApiResponse set(ApiRequest request, String pathId) {
        Body body = AclChecks.object(request, "Role");
        String name = AclChecks.checkedName(body, pathId, "Role");
        AclRole role = reads.registry().read(Registry.ReadMode.DEFAULT, s -> checked(s.acl(), pathId, name, body));
        Registry.WriteResult written = reads.registry().write(new AclRoleSet(role));
        if (!written.result()) {
            throw ApiException.badRequest("Invalid Role: A Role with Name \"" + name + "\" already exists");
        }
        AclWire.RoleJson stored = reads.registry().read(Registry.ReadMode.DEFAULT,
                s -> json(s, s.acl().role(role.id()).value().orElseThrow()));
        return ApiResponse.json(Json.write(stored, request.has("pretty")))
                .withHeaders(Map.of("X-Consul-Index", Long.toString(written.index())));
    }

    private static AclRole checked(AclView acl, String pathId, String name, Body body) {
        Optional<AclRole> named = acl.roleNamed(name).value();
        String id = pathId;
        if (id.isEmpty()) {
            if (named.isPresent()) {
                throw ApiException.badRequest("Invalid Role: A Role with Name \"" + name + "\" already exists");
            }
            id = UUID.randomUUID().toString();
        } else {
            if (!Acls.isUuid(id)) {
                throw ApiException.badRequest("Role ID invalid UUID");
            }
            AclRole old = acl.role(id).value().orElseThrow(() -> ApiException.badRequest("cannot find role " + pathId));
            if (!old.name().equals(name) && named.isPresent()) {
                throw ApiException.badRequest("Invalid Role: A role with name \"" + name + "\" already exists");
            }
        }
        List<String> policies = AclChecks.policyLinks(body, acl);
        return new AclRole(id, name, body.text("Description", ""), policies, AclChecks.serviceIdentities(body, "role"),
                AclChecks.nodeIdentities(body, "role"), 0, 0);
    }

    @Override
    ApiResponse delete(ApiRequest request, String id) {
        boolean exists = reads.registry().read(Registry.ReadMode.DEFAULT, s -> s.acl().role(id).value().isPresent());
        if (exists) {
            reads.registry().write(new AclRoleDelete(id));
        }
        return ApiResponse.json(Json.write(true, request.has("pretty")));
    }
}
