package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.signpost.core.AclNotFoundException;
import dev.signpost.core.PermissionDeniedException;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.AclPolicy;
import dev.signpost.core.acl.AclRole;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.acl.Acls;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.AclBootstrap;
import dev.signpost.core.command.AclTokenDelete;
import dev.signpost.core.command.AclTokenSet;
import dev.signpost.core.state.AclView;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/**
 * {@code /v1/acl/bootstrap}, {@code /v1/acl/token*} and {@code /v1/acl/tokens} (agent/acl_endpoint.go and the
 * server's ACL.Token* RPCs): tokens are checked and stamped with their IDs and create time here, before
 * replication, and shown with their links named as they are now.
 */
final class AclTokenEndpoints {
    private static final Scope ACL_TOPICS = Scope.of(Topic.ACL_TOKENS, Topic.ACL_POLICIES, Topic.ACL_ROLES);

    private final Reads reads;
    private final AclChecks checks;
    private final Clock clock;
    private final TokenExpiry expiry;

    AclTokenEndpoints(Reads reads, AclChecks checks, Clock clock) {
        this.reads = requireNonNull(reads, "reads");
        this.checks = requireNonNull(checks, "checks");
        this.clock = requireNonNull(clock, "clock");
        this.expiry = new TokenExpiry(checks.config().minExpirationTtl(), checks.config().maxExpirationTtl());
    }

    void addTo(Routes routes) {
        routes.exact("PUT", "/v1/acl/bootstrap", Guard.open("bootstrap works once, before any token exists"),
                        this::bootstrap)
                .exact("PUT", "/v1/acl/token", Guard.filters(Resource.ACL, "acl:write"), r -> set(r, ""))
                .exact("GET", "/v1/acl/token/self", Guard.filters(Resource.ACL, "the caller's own token"), this::self)
                .prefix("GET", "/v1/acl/token/", Guard.filters(Resource.ACL, "acl:read"), this::read)
                .prefix("PUT", "/v1/acl/token/", Guard.filters(Resource.ACL, "acl:write"), this::setOrClone)
                .prefix("DELETE", "/v1/acl/token/", Guard.filters(Resource.ACL, "acl:write"), this::delete)
                .exact("GET", "/v1/acl/tokens", Guard.filters(Resource.ACL, "acl:read"), this::list);
    }

    private ApiResponse bootstrap(ApiRequest request) {
        checks.requireEnabled();
        AclToken token = new AclToken(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "Bootstrap Token (Global Management)", List.of(Acls.GLOBAL_MANAGEMENT_ID), List.of(), List.of(),
                List.of(), false, now(), 0, 0);
        long done = reads.registry().read(Registry.ReadMode.DEFAULT, s -> s.acl().bootstrapIndex());
        Registry.WriteResult written = done == 0 ? reads.registry().write(new AclBootstrap(token)) : null;
        if (written == null || !written.result()) {
            long index = reads.registry().read(Registry.ReadMode.DEFAULT, s -> s.acl().bootstrapIndex());
            throw PermissionDeniedException.because("ACL bootstrap no longer allowed (reset index: " + index + ")");
        }
        return reads.registry().read(Registry.ReadMode.DEFAULT, s -> {
            AclToken stored = s.acl().token(token.accessorId()).value().orElseThrow();
            return json(request, show(s, stored, stored.secretId(), true), written.index());
        });
    }

    private ApiResponse self(ApiRequest request) {
        checks.requireEnabled();
        AclToken token = request.caller().token().orElseThrow(AclNotFoundException::new);
        var result = reads.read(request, ACL_TOPICS, s -> new Indexed<>(show(s, s.acl().token(token.accessorId())
                .value().orElseThrow(AclNotFoundException::new), "", true), s.acl().tokens().index()));
        return Reads.json(request, result);
    }

    private ApiResponse read(ApiRequest request) {
        checks.require(request, Access.READ);
        String id = request.pathRest();
        if (id.isEmpty()) {
            throw ApiException.badRequest("Missing token ID");
        }
        boolean secrets = AclChecks.canWriteAcl(request);
        var result = reads.read(request, ACL_TOPICS, s -> new Indexed<>(s.acl().token(id).value()
                .filter(t -> !t.expiredAt(clock.instant())).map(t -> show(s, t, "", secrets)),
                s.acl().tokens().index()));
        if (result.value().isEmpty()) {
            throw new AclNotFoundException();
        }
        return Reads.json(request, new Reads.Result<>(result.value().get(), result.index(), result.headers(),
                result.cache()));
    }

    private ApiResponse list(ApiRequest request) {
        checks.require(request, Access.READ);
        String policy = request.param("policy").orElse("");
        String role = request.param("role").orElse("");
        boolean secrets = AclChecks.canWriteAcl(request);
        var result = reads.read(request, ACL_TOPICS, s -> new Indexed<>(s.acl().tokens().value().stream()
                .filter(t -> policy.isEmpty() || t.policyIds().contains(policy))
                .filter(t -> role.isEmpty() || t.roleIds().contains(role))
                .filter(t -> !t.expiredAt(clock.instant()))
                .map(t -> show(s, t, "", secrets)).toList(), s.acl().tokens().index()));
        return Reads.json(request, result);
    }

    private ApiResponse setOrClone(ApiRequest request) {
        String rest = request.pathRest();
        if (rest.endsWith("/clone")) {
            return clone(request, rest.substring(0, rest.length() - "/clone".length()));
        }
        if (rest.isEmpty()) {
            return set(request, "");
        }
        return set(request, rest);
    }

    /** Create (no ID in the path) or update. */
    private ApiResponse set(ApiRequest request, String pathId) {
        checks.require(request, Access.WRITE);
        Body body = AclChecks.object(request, "Token");
        boolean create = pathId.isEmpty();
        String accessor = body.text("AccessorID", "");
        if (!create && !accessor.isEmpty() && !accessor.equals(pathId)) {
            throw ApiException.badRequest("Token Accessor ID in URL and payload do not match");
        }
        if (!body.text("Rules", "").isEmpty()) {
            throw ApiException.badRequest("Rules cannot be specified for this token");
        }
        if (!body.text("Type", "").isEmpty()) {
            throw ApiException.badRequest("Type cannot be specified for this token");
        }
        if (!body.text("AuthMethod", "").isEmpty()) {
            throw ApiException.badRequest("AuthMethod field is disallowed outside of login");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AclToken token = reads.registry().read(Registry.ReadMode.DEFAULT, s -> create
                ? forCreate(s.acl(), body, accessor, now) : forUpdate(s.acl(), body, pathId));
        return write(request, token);
    }

    private AclToken forCreate(AclView acl, Body body, String accessor, Instant now) {
        String id = accessor;
        if (id.isEmpty()) {
            id = UUID.randomUUID().toString();
        } else {
            requireFreshUuid(acl, id, "AccessorID", acl.token(id).value().isPresent());
        }
        String secret = body.text("SecretID", "");
        if (secret.isEmpty()) {
            secret = UUID.randomUUID().toString();
        } else {
            requireFreshUuid(acl, secret, "SecretID", acl.tokenBySecret(secret).isPresent());
        }
        return new AclToken(id, secret, body.text("Description", ""), AclChecks.policyLinks(body, acl),
                roleLinks(body, acl), AclChecks.serviceIdentities(body, "token"),
                AclChecks.nodeIdentities(body, "token"), body.bool("Local", false), now.toString(), 0, 0,
                expiry.of(body, now));
    }

    private static void requireFreshUuid(AclView acl, String id, String field, boolean inUse) {
        if (!Acls.isUuid(id)) {
            throw ApiException.badRequest("Invalid Token: " + field + " is not a valid UUID");
        }
        if (id.startsWith("00000000-0000-0000-0000-0000000000")) {
            throw ApiException.badRequest("Invalid Token: UUIDs with the prefix \"00000000-0000-0000-0000-0000000000\""
                    + " are reserved");
        }
        if (inUse) {
            throw ApiException.badRequest("Invalid Token: " + field + " is already in use");
        }
    }

    private AclToken forUpdate(AclView acl, Body body, String id) {
        if (!Acls.isUuid(id)) {
            throw ApiException.badRequest("AccessorID is not a valid UUID");
        }
        AclToken old = acl.token(id).value().orElseThrow(
                () -> ApiException.badRequest("Cannot find token \"" + id + "\""));
        String secret = body.text("SecretID", "");
        if (!secret.isEmpty() && !secret.equals(old.secretId())) {
            throw ApiException.badRequest("Changing a tokens SecretID is not permitted");
        }
        boolean local = body.bool("Local", old.local());
        if (local != old.local()) {
            throw ApiException.badRequest("cannot toggle local mode of " + id);
        }
        TokenExpiry.requireUnchanged(body, old);
        return new AclToken(id, old.secretId(), body.text("Description", ""), AclChecks.policyLinks(body, acl),
                roleLinks(body, acl), AclChecks.serviceIdentities(body, "token"),
                AclChecks.nodeIdentities(body, "token"), local, old.createTime(), 0, 0, old.expirationTime());
    }

    private static List<String> roleLinks(Body body, AclView acl) {
        return AclChecks.links(body.objects("Roles"), "role", id -> acl.role(id).value().isPresent(),
                name -> acl.roleNamed(name).value().map(AclRole::id));
    }

    private ApiResponse clone(ApiRequest request, String id) {
        checks.require(request, Access.WRITE);
        String description = request.body().length == 0 ? ""
                : AclChecks.object(request, "Token").text("Description", "");
        AclToken original = reads.registry().read(Registry.ReadMode.DEFAULT, s -> s.acl().token(id).value())
                .orElseThrow(AclNotFoundException::new);
        AclToken copy = new AclToken(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                description.isEmpty() ? original.description() : description, original.policyIds(),
                original.roleIds(), original.serviceIdentities(), original.nodeIdentities(), original.local(), now(),
                0, 0, original.expirationTime());
        return write(request, copy);
    }

    private ApiResponse write(ApiRequest request, AclToken token) {
        Registry.WriteResult written = reads.registry().write(new AclTokenSet(token));
        if (!written.result()) {
            throw ApiException.badRequest("Invalid Token: SecretID is already in use");
        }
        return reads.registry().read(Registry.ReadMode.DEFAULT, s -> json(request,
                show(s, s.acl().token(token.accessorId()).value().orElseThrow(), "", true), written.index()));
    }

    private ApiResponse delete(ApiRequest request) {
        checks.require(request, Access.WRITE);
        String id = request.pathRest();
        if (!Acls.isUuid(id)) {
            throw ApiException.badRequest("Accessor ID is missing or an invalid UUID");
        }
        if (id.equals(Acls.ANONYMOUS_TOKEN_ID)) {
            throw ApiException.badRequest("Delete operation not permitted on the anonymous token");
        }
        Optional<AclToken> token = reads.registry().read(Registry.ReadMode.DEFAULT, s -> s.acl().token(id).value());
        if (token.isPresent() && token.get().secretId().equals(request.caller().secret())) {
            throw ApiException.badRequest("Deletion of the request's authorization token is not permitted");
        }
        if (token.isPresent()) {
            reads.registry().write(new AclTokenDelete(id));
        }
        return ApiResponse.json(Json.write(true, request.has("pretty")));
    }

    /** A token as JSON; its secret only for a caller that may write ACLs. */
    static AclWire.TokenJson show(CatalogState s, AclToken t, String legacyId, boolean secret) {
        Function<String, Optional<String>> policy = id -> s.acl().policy(id).value().map(AclPolicy::name);
        Function<String, Optional<String>> role = id -> s.acl().role(id).value().map(AclRole::name);
        return AclWire.token(t, legacyId, secret, policy, role);
    }

    private static ApiResponse json(ApiRequest request, Object value, long index) {
        return ApiResponse.json(Json.write(value, request.has("pretty")))
                .withHeaders(Map.of("X-Consul-Index", Long.toString(index)));
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS).toString();
    }
}
