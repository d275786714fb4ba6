package dev.signpost.registrator;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One service instance made from one container port (upstream's {@code bridge.Service}). Immutable.
 *
 * @param id service ID, {@code HOSTNAME:CONTAINER:PORT[:udp]} unless SERVICE_ID overrides it
 * @param name service name
 * @param ip address to register; empty lets Consul use the node's address
 * @param port port to register
 * @param tags tags in order
 * @param attrs the other SERVICE_* keys (lowercase, e.g. {@code check_http}), sent as Consul Meta
 * @param ttl -ttl seconds (0: none)
 * @param containerId full ID of the container it came from
 * @param containerName container name without {@code /}
 * @param exposedPort the container-side port, e.g. {@code 5000}
 * @param protocol tcp or udp
 * @param health Docker health of the container: empty without a HEALTHCHECK, else starting/healthy/unhealthy
 */
record Service(String id, String name, String ip, int port, List<String> tags, Map<String, String> attrs, int ttl,
               String containerId, String containerName, String exposedPort, String protocol, String health) {

    Service {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(ip, "ip");
        tags = List.copyOf(tags);
        attrs = Map.copyOf(attrs);
        requireNonNull(containerId, "containerId");
        requireNonNull(containerName, "containerName");
        requireNonNull(exposedPort, "exposedPort");
        requireNonNull(protocol, "protocol");
        requireNonNull(health, "health");
    }

    Service withHealth(String newHealth) {
        return new Service(id, name, ip, port, tags, attrs, ttl, containerId, containerName, exposedPort, protocol,
                newHealth);
    }

    String shortContainerId() {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
