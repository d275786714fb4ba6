package dev.signpost.core.acl;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A service identity on a token or role: write on the service (and its sidecar proxy), read on every service and
 * node, as Consul's templated policy gives it.
 *
 * @param datacenters where it applies; empty for everywhere
 */
public record ServiceIdentity(String serviceName, List<String> datacenters) {
    public ServiceIdentity {
        requireNonNull(serviceName, "serviceName");
        datacenters = List.copyOf(datacenters);
    }

    /** The rules this identity stands for. */
    public Rules rules() {
        return new Rules(List.of(
                Rule.exact(Resource.SERVICE, serviceName, Access.WRITE),
                Rule.exact(Resource.SERVICE, serviceName + "-sidecar-proxy", Access.WRITE),
                Rule.prefix(Resource.SERVICE, "", Access.READ),
                Rule.prefix(Resource.NODE, "", Access.READ)));
    }
}
