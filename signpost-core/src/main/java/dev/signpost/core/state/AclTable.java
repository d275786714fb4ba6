package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.signpost.core.acl.AclPolicy;
import dev.signpost.core.acl.AclRole;
import dev.signpost.core.acl.AclSnapshot;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.acl.Acls;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.NodeIdentity;
import dev.signpost.core.acl.ServiceIdentity;
import dev.signpost.core.acl.Rules;
import dev.signpost.core.watch.Topic;

/**
 * Tokens, policies and roles, by ID, with the bootstrap index. The built-in anonymous token and
 * global-management policy exist from the start (index 0) and are stored once edited. Each policy's rules are
 * parsed when it is written, so resolving a token parses nothing.
 *
 * <p>Not thread-safe: {@link CatalogState} is its only user.
 */
final class AclTable {
    private final Map<String, AclToken> tokens = new TreeMap<>();
    private final Map<String, String> accessorBySecret = new HashMap<>();
    private final Map<String, AclPolicy> policies = new TreeMap<>();
    private final Map<String, Rules> parsed = new HashMap<>();
    private final Map<String, AclRole> roles = new TreeMap<>();
    private long bootstrapIndex;

    AclTable() {
        restore(AclSnapshot.empty());
    }

    /**
     * Stores a token; false (and nothing changed) when another token has its secret, which two writers racing
     * past the check before replication could both ask for.
     */
    boolean setToken(AclToken token, long index, Set<String> changed) {
        String holder = accessorBySecret.get(token.secretId());
        if (holder != null && !holder.equals(token.accessorId())) {
            return false;
        }
        AclToken old = tokens.get(token.accessorId());
        long created = old == null || old.createIndex() == 0 ? index : old.createIndex();
        if (old != null) {
            accessorBySecret.remove(old.secretId());
        }
        putToken(token.at(created, index));
        changed.add(Topic.ACL_TOKENS);
        return true;
    }

    boolean deleteToken(String accessorId, Set<String> changed) {
        AclToken old = tokens.remove(accessorId);
        if (old == null) {
            return true;
        }
        accessorBySecret.remove(old.secretId());
        if (accessorId.equals(Acls.ANONYMOUS_TOKEN_ID)) {
            putToken(Acls.anonymous()); // refused before replication; never lose the anonymous identity
        }
        changed.add(Topic.ACL_TOKENS);
        return true;
    }

    boolean bootstrap(AclToken token, long index, Set<String> changed) {
        if (bootstrapIndex != 0 || !setToken(token, index, changed)) {
            return false;
        }
        bootstrapIndex = index;
        return true;
    }

    /** Stores a policy; false (and nothing changed) when another policy has its name. */
    boolean setPolicy(AclPolicy policy, long index, Set<String> changed) {
        if (policyNamed(policy.name()).filter(p -> !p.id().equals(policy.id())).isPresent()) {
            return false;
        }
        AclPolicy old = policies.get(policy.id());
        long created = old == null || old.createIndex() == 0 ? index : old.createIndex();
        putPolicy(policy.at(created, index));
        changed.add(Topic.ACL_POLICIES);
        return true;
    }

    boolean deletePolicy(String id, Set<String> changed) {
        if (id.equals(Acls.GLOBAL_MANAGEMENT_ID) || policies.remove(id) == null) {
            return true;
        }
        parsed.remove(id);
        changed.add(Topic.ACL_POLICIES);
        return true;
    }

    /** Stores a role; false (and nothing changed) when another role has its name. */
    boolean setRole(AclRole role, long index, Set<String> changed) {
        if (roleNamed(role.name()).filter(r -> !r.id().equals(role.id())).isPresent()) {
            return false;
        }
        AclRole old = roles.get(role.id());
        roles.put(role.id(), role.at(old == null ? index : old.createIndex(), index));
        changed.add(Topic.ACL_ROLES);
        return true;
    }

    boolean deleteRole(String id, Set<String> changed) {
        if (roles.remove(id) != null) {
            changed.add(Topic.ACL_ROLES);
        }
        return true;
    }

    private void putToken(AclToken token) {
        tokens.put(token.accessorId(), token);
        accessorBySecret.put(token.secretId(), token.accessorId());
    }

    private void putPolicy(AclPolicy given) {
        // Consul's leader upgrades the built-in management policy to this version's rules (its rules cannot be
        // edited), so a snapshot from before a new rule (intentions) still manages everything.
        AclPolicy policy = given.id().equals(Acls.GLOBAL_MANAGEMENT_ID) && !given.rules().equals(
                Acls.GLOBAL_MANAGEMENT_RULES) ? new AclPolicy(given.id(), given.name(), given.description(),
                Acls.GLOBAL_MANAGEMENT_RULES, given.datacenters(), given.createIndex(), given.modifyIndex()) : given;
        policies.put(policy.id(), policy);
        Rules rules;
        try {
            rules = Rules.parse(policy.rules());
        } catch (RuntimeException e) {
            rules = Rules.none(); // parsed before replication; every replica decides the same here
        }
        parsed.put(policy.id(), rules);
    }

    // ---- reads

    Optional<AclToken> token(String accessorId) {
        return Optional.ofNullable(tokens.get(accessorId));
    }

    Optional<AclToken> tokenBySecret(String secret) {
        return Optional.ofNullable(accessorBySecret.get(secret)).map(tokens::get);
    }

    List<AclToken> tokens() {
        return List.copyOf(tokens.values());
    }

    Optional<AclPolicy> policy(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    Optional<AclPolicy> policyNamed(String name) {
        return policies.values().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    List<AclPolicy> policies() {
        List<AclPolicy> all = new ArrayList<>(policies.values());
        all.sort(Comparator.comparing(AclPolicy::id));
        return all;
    }

    Optional<Rules> rules(String policyId) {
        return Optional.ofNullable(parsed.get(policyId));
    }

    Optional<AclRole> role(String id) {
        return Optional.ofNullable(roles.get(id));
    }

    Optional<AclRole> roleNamed(String name) {
        return roles.values().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    List<AclRole> roles() {
        return List.copyOf(roles.values());
    }

    long bootstrapIndex() {
        return bootstrapIndex;
    }

    /**
     * The authorizer of a token in a datacenter: its policies, its roles' policies and both's identities, over the
     * default. Links to deleted policies or roles grant nothing, and policies scoped to other datacenters are
     * skipped, as in Consul.
     */
    Authorizer authorizer(AclToken token, String datacenter, Authorizer.DefaultPolicy fallback) {
        List<Rules> all = new ArrayList<>();
        List<String> policyIds = new ArrayList<>(token.policyIds());
        List<ServiceIdentity> services = new ArrayList<>(token.serviceIdentities());
        List<NodeIdentity> nodes = new ArrayList<>(token.nodeIdentities());
        for (String roleId : token.roleIds()) {
            role(roleId).ifPresent(role -> {
                policyIds.addAll(role.policyIds());
                services.addAll(role.serviceIdentities());
                nodes.addAll(role.nodeIdentities());
            });
        }
        for (String id : policyIds) {
            AclPolicy policy = policies.get(id);
            if (policy != null && (policy.datacenters().isEmpty() || policy.datacenters().contains(datacenter))) {
                all.add(parsed.get(id));
            }
        }
        for (ServiceIdentity identity : services) {
            if (identity.datacenters().isEmpty() || identity.datacenters().contains(datacenter)) {
                all.add(identity.rules());
            }
        }
        for (NodeIdentity identity : nodes) {
            if (identity.datacenter().equals(datacenter)) {
                all.add(identity.rules());
            }
        }
        return Authorizer.of(all, fallback);
    }

    // ---- snapshots

    AclSnapshot snapshot() {
        return new AclSnapshot(tokens(), policies(), roles(), bootstrapIndex);
    }

    void restore(AclSnapshot snapshot) {
        tokens.clear();
        accessorBySecret.clear();
        policies.clear();
        parsed.clear();
        roles.clear();
        putToken(Acls.anonymous());
        putPolicy(Acls.globalManagement());
        snapshot.tokens().forEach(this::putToken);
        snapshot.policies().forEach(this::putPolicy);
        snapshot.roles().forEach(r -> roles.put(r.id(), r));
        bootstrapIndex = snapshot.bootstrapIndex();
    }
}
