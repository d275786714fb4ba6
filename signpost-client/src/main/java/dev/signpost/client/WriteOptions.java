package dev.signpost.client;

import static java.util.Objects.requireNonNull;

/**
 * Options of one write: datacenter ({@code dc=}) and ACL token; empty means the agent's datacenter and the
 * client's token.
 */
public record WriteOptions(String datacenter, String token) {

    /** The agent's datacenter and the client's token. */
    public static final WriteOptions DEFAULT = new WriteOptions("", "");

    public WriteOptions {
        requireNonNull(datacenter, "datacenter");
        requireNonNull(token, "token");
    }

    void appendTo(QueryString query) {
        if (!datacenter.isEmpty()) {
            query.add("dc", datacenter);
        }
    }
}
