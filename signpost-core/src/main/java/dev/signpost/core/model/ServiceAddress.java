package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

/** One of a service's tagged addresses ({@code lan}, {@code wan}, {@code lan_ipv4}, ...): Consul's {@code ServiceAddress}. */
public record ServiceAddress(String address, int port) {
    public ServiceAddress {
        requireNonNull(address, "address");
        Names.checkPort(port);
    }
}
