package dev.signpost.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.signpost.core.acl.AclPolicy;
import dev.signpost.core.acl.AclRole;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.acl.NodeIdentity;
import dev.signpost.core.acl.ServiceIdentity;

/**
 * Consul's JSON for tokens, policies and roles ({@code agent/structs/acl.go}): records whose component names are
 * Consul's field names, lists Consul omits when empty marked so. Links name their policy or role as it is named
 * now; a link to something deleted is left out, as Consul leaves it out.
 */
@SuppressWarnings("checkstyle:MemberName")
final class AclWire {
    /** Consul's {@code redactedToken}: what a token's secret reads as to a caller without acl:write. */
    static final String REDACTED = "<hidden>";

    private AclWire() {
    }

    record Link(String ID, String Name) {
    }

    record ServiceIdentityJson(String ServiceName, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> Datacenters) {
        static ServiceIdentityJson of(ServiceIdentity s) {
            return new ServiceIdentityJson(s.serviceName(), s.datacenters());
        }
    }

    record NodeIdentityJson(String NodeName, String Datacenter) {
        static NodeIdentityJson of(NodeIdentity n) {
            return new NodeIdentityJson(n.nodeName(), n.datacenter());
        }
    }

    /** A token as {@code /v1/acl/token/:id} shows it; {@code ID} is set only by bootstrap (the legacy field). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record TokenJson(String ID, String AccessorID, String SecretID,
                     @JsonInclude(JsonInclude.Include.ALWAYS) String Description, List<Link> Policies,
                     List<Link> Roles, List<ServiceIdentityJson> ServiceIdentities,
                     List<NodeIdentityJson> NodeIdentities, @JsonInclude(JsonInclude.Include.ALWAYS) boolean Local,
                     String ExpirationTime, String CreateTime, String Hash,
                     @JsonInclude(JsonInclude.Include.ALWAYS) long CreateIndex,
                     @JsonInclude(JsonInclude.Include.ALWAYS) long ModifyIndex) {
    }

    /** A policy with its rules. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record PolicyJson(String ID, String Name, @JsonInclude(JsonInclude.Include.ALWAYS) String Description,
                      @JsonInclude(JsonInclude.Include.ALWAYS) String Rules, List<String> Datacenters, String Hash,
                      @JsonInclude(JsonInclude.Include.ALWAYS) long CreateIndex,
                      @JsonInclude(JsonInclude.Include.ALWAYS) long ModifyIndex) {
        static PolicyJson of(AclPolicy p) {
            return new PolicyJson(p.id(), p.name(), p.description(), p.rules(), p.datacenters(), hash(p.at(0, 0).toString()),
                    p.createIndex(), p.modifyIndex());
        }
    }

    /** A policy in {@code /v1/acl/policies}: no rules. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record PolicyStubJson(String ID, String Name, @JsonInclude(JsonInclude.Include.ALWAYS) String Description,
                          List<String> Datacenters, String Hash,
                          @JsonInclude(JsonInclude.Include.ALWAYS) long CreateIndex,
                          @JsonInclude(JsonInclude.Include.ALWAYS) long ModifyIndex) {
        static PolicyStubJson of(AclPolicy p) {
            return new PolicyStubJson(p.id(), p.name(), p.description(), p.datacenters(), hash(p.at(0, 0).toString()),
                    p.createIndex(), p.modifyIndex());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record RoleJson(String ID, String Name, @JsonInclude(JsonInclude.Include.ALWAYS) String Description,
                    List<Link> Policies, List<ServiceIdentityJson> ServiceIdentities,
                    List<NodeIdentityJson> NodeIdentities, String Hash,
                    @JsonInclude(JsonInclude.Include.ALWAYS) long CreateIndex,
                    @JsonInclude(JsonInclude.Include.ALWAYS) long ModifyIndex) {
    }

    /** Names linked IDs as they are now; links to deleted things are left out. */
    static List<Link> links(List<String> ids, Function<String, Optional<String>> nameOf) {
        return ids.stream().flatMap(id -> nameOf.apply(id).map(name -> new Link(id, name)).stream()).toList();
    }

    static TokenJson token(AclToken t, String legacyId, boolean showSecret, Function<String, Optional<String>> policy,
                           Function<String, Optional<String>> role) {
        return new TokenJson(legacyId, t.accessorId(), showSecret ? t.secretId() : REDACTED, t.description(),
                links(t.policyIds(), policy), links(t.roleIds(), role),
                t.serviceIdentities().stream().map(ServiceIdentityJson::of).toList(),
                t.nodeIdentities().stream().map(NodeIdentityJson::of).toList(), t.local(), t.expirationTime(),
                t.createTime(),
                hash(t.accessorId() + t.policyIds() + t.roleIds() + t.serviceIdentities() + t.nodeIdentities()
                        + t.description()), t.createIndex(), t.modifyIndex());
    }

    static RoleJson role(AclRole r, Function<String, Optional<String>> policy) {
        return new RoleJson(r.id(), r.name(), r.description(), links(r.policyIds(), policy),
                r.serviceIdentities().stream().map(ServiceIdentityJson::of).toList(),
                r.nodeIdentities().stream().map(NodeIdentityJson::of).toList(), hash(r.at(0, 0).toString()),
                r.createIndex(), r.modifyIndex());
    }

    /** Consul's {@code Hash}: a digest of the content, base64; it changes when the content does. */
    static String hash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
