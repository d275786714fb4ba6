package dev.signpost.registrator;

import static java.util.Objects.requireNonNull;

import dev.signpost.client.ConsulClient;

/**
 * A backend that talks to Consul through a {@link ConsulClient}: it can list what it holds, and closing it closes the
 * client. Thread-safe (the client is).
 */
abstract class ConsulClientBackend implements Backend {
    final ConsulClient client;

    ConsulClientBackend(ConsulClient client) {
        this.client = requireNonNull(client, "client");
    }

    @Override
    public final boolean canList() {
        return true;
    }

    @Override
    public final void close() {
        client.close();
    }
}
