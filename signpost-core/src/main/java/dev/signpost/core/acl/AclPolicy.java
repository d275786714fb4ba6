package dev.signpost.core.acl;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A named set of rules (Consul's {@code ACLPolicy}). The rules text is kept as written; it was parsed before
 * replication, so it always parses.
 *
 * @param datacenters where the policy applies; empty for everywhere
 */
public record AclPolicy(String id, String name, String description, String rules, List<String> datacenters,
                        long createIndex, long modifyIndex) {
    public AclPolicy {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(rules, "rules");
        datacenters = List.copyOf(datacenters);
    }

    /** The same policy stamped with the indexes of a write. */
    public AclPolicy at(long create, long modify) {
        return new AclPolicy(id, name, description, rules, datacenters, create, modify);
    }
}
