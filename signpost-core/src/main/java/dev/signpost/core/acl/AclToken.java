package dev.signpost.core.acl;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A token (Consul's {@code ACLToken}): the public accessor ID, the secret a client presents, and what it links to.
 * Policies and roles are linked by ID; their names are looked up when the token is shown, as Consul does, so a
 * renamed policy shows its new name.
 *
 * @param createTime when it was made, RFC 3339, decided before replication
 * @param expirationTime when it stops working, RFC 3339 ("" for never), decided before replication from Consul's
 *                       {@code ExpirationTTL} or {@code ExpirationTime}; replicas only compare it to a clock when a
 *                       token is presented, and the leader deletes a token once it has expired
 */
public record AclToken(String accessorId, String secretId, String description, List<String> policyIds,
                       List<String> roleIds, List<ServiceIdentity> serviceIdentities,
                       List<NodeIdentity> nodeIdentities, boolean local, String createTime,
                       long createIndex, long modifyIndex, String expirationTime) {
    public AclToken {
        requireNonNull(accessorId, "accessorId");
        requireNonNull(secretId, "secretId");
        requireNonNull(description, "description");
        policyIds = List.copyOf(policyIds);
        roleIds = List.copyOf(roleIds);
        serviceIdentities = List.copyOf(serviceIdentities);
        nodeIdentities = List.copyOf(nodeIdentities);
        requireNonNull(createTime, "createTime");
        // Log entries and snapshots written before tokens could expire carry no expiration time.
        expirationTime = expirationTime == null ? "" : expirationTime;
    }

    /** A token that never expires. */
    public AclToken(String accessorId, String secretId, String description, List<String> policyIds,
                    List<String> roleIds, List<ServiceIdentity> serviceIdentities, List<NodeIdentity> nodeIdentities,
                    boolean local, String createTime, long createIndex, long modifyIndex) {
        this(accessorId, secretId, description, policyIds, roleIds, serviceIdentities, nodeIdentities, local,
                createTime, createIndex, modifyIndex, "");
    }

    /** The same token stamped with the indexes of a write. */
    public AclToken at(long create, long modify) {
        return new AclToken(accessorId, secretId, description, policyIds, roleIds, serviceIdentities,
                nodeIdentities, local, createTime, create, modify, expirationTime);
    }

    /** Whether the token has expired at {@code now} (Consul's IsExpired: at or after its ExpirationTime). */
    public boolean expiredAt(java.time.Instant now) {
        return !expirationTime.isEmpty() && !now.isBefore(java.time.Instant.parse(expirationTime));
    }
}
