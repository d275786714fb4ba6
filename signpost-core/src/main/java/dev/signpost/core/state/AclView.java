package dev.signpost.core.state;

import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

import dev.signpost.core.acl.AclPolicy;
import dev.signpost.core.acl.AclRole;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.watch.Topic;

/**
 * Reads of the ACL tables with their indexes (one topic each for tokens, policies and roles), and token
 * resolution. A view over {@link CatalogState}; read under the store's read lock like every other read.
 */
public final class AclView {
    private final AclTable table;
    private final ToLongFunction<String> index;

    AclView(AclTable table, ToLongFunction<String> index) {
        this.table = table;
        this.index = index;
    }

    public Indexed<Optional<AclToken>> token(String accessorId) {
        return new Indexed<>(table.token(accessorId), index.applyAsLong(Topic.ACL_TOKENS));
    }

    /** The token a client presents a secret of. */
    public Optional<AclToken> tokenBySecret(String secret) {
        return table.tokenBySecret(secret);
    }

    public Indexed<List<AclToken>> tokens() {
        return new Indexed<>(table.tokens(), index.applyAsLong(Topic.ACL_TOKENS));
    }

    public Indexed<Optional<AclPolicy>> policy(String id) {
        return new Indexed<>(table.policy(id), index.applyAsLong(Topic.ACL_POLICIES));
    }

    public Indexed<Optional<AclPolicy>> policyNamed(String name) {
        return new Indexed<>(table.policyNamed(name), index.applyAsLong(Topic.ACL_POLICIES));
    }

    public Indexed<List<AclPolicy>> policies() {
        return new Indexed<>(table.policies(), index.applyAsLong(Topic.ACL_POLICIES));
    }

    public Indexed<Optional<AclRole>> role(String id) {
        return new Indexed<>(table.role(id), index.applyAsLong(Topic.ACL_ROLES));
    }

    public Indexed<Optional<AclRole>> roleNamed(String name) {
        return new Indexed<>(table.roleNamed(name), index.applyAsLong(Topic.ACL_ROLES));
    }

    public Indexed<List<AclRole>> roles() {
        return new Indexed<>(table.roles(), index.applyAsLong(Topic.ACL_ROLES));
    }

    /** The index of the latest change to tokens, policies or roles: what a token's rights were resolved at. */
    public long index() {
        return Math.max(index.applyAsLong(Topic.ACL_TOKENS),
                Math.max(index.applyAsLong(Topic.ACL_POLICIES), index.applyAsLong(Topic.ACL_ROLES)));
    }

    /** The index the cluster was bootstrapped at; 0 before. */
    public long bootstrapIndex() {
        return table.bootstrapIndex();
    }

    /** What a token may do in a datacenter, over the cluster's default policy. */
    public Authorizer authorizer(AclToken token, String datacenter, Authorizer.DefaultPolicy fallback) {
        return table.authorizer(token, datacenter, fallback);
    }
}
