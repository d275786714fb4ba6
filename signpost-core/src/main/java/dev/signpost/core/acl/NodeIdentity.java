package dev.signpost.core.acl;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A node identity on a token or role: write on the node, read on every service, in one datacenter. */
public record NodeIdentity(String nodeName, String datacenter) {
    public NodeIdentity {
        requireNonNull(nodeName, "nodeName");
        requireNonNull(datacenter, "datacenter");
    }

    /** The rules this identity stands for. */
    public Rules rules() {
        return new Rules(List.of(
                Rule.exact(Resource.NODE, nodeName, Access.WRITE),
                Rule.prefix(Resource.SERVICE, "", Access.READ)));
    }
}
