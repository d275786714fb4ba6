package dev.signpost.core.acl;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A named bundle of policies and identities that tokens link to (Consul's {@code ACLRole}). */
public record AclRole(String id, String name, String description, List<String> policyIds,
                      List<ServiceIdentity> serviceIdentities, List<NodeIdentity> nodeIdentities,
                      long createIndex, long modifyIndex) {
    public AclRole {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        policyIds = List.copyOf(policyIds);
        serviceIdentities = List.copyOf(serviceIdentities);
        nodeIdentities = List.copyOf(nodeIdentities);
    }

    /** The same role stamped with the indexes of a write. */
    public AclRole at(long create, long modify) {
        return new AclRole(id, name, description, policyIds, serviceIdentities, nodeIdentities, create, modify);
    }
}
