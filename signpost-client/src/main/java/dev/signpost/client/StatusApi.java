package dev.signpost.client;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;

/** {@code /v1/status}: the Raft leader and peers. Thread-safe. */
public final class StatusApi {

    private final ConsulClient client;

    StatusApi(ConsulClient client) {
        this.client = client;
    }

    /** The leader's {@code ip:port} (Raft port), or empty when there is none. */
    public String leader() {
        return client.read("/v1/status/leader", new QueryString(), QueryOptions.DEFAULT,
                new TypeReference<String>() { }, null).value();
    }

    /** The Raft peers' {@code ip:port}. */
    public List<String> peers() {
        return client.read("/v1/status/peers", new QueryString(), QueryOptions.DEFAULT,
                new TypeReference<List<String>>() { }, null).value();
    }
}
