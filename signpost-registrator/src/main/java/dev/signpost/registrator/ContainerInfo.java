package dev.signpost.registrator;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What the mapper needs from {@code docker inspect}, decoupled from docker-java so that {@link ServiceMapper} and
 * its tests need no Docker. Immutable.
 *
 * @param id full container ID
 * @param name container name without the leading {@code /}
 * @param image {@code Config.Image} as the user wrote it ({@code training/webapp}, {@code reg:5000/a/b:1.2})
 * @param env {@code Config.Env} entries {@code KEY=VALUE}
 * @param labels {@code Config.Labels}
 * @param exposedPorts {@code Config.ExposedPorts} keys, e.g. {@code 5000/tcp}
 * @param ports {@code NetworkSettings.Ports}: port key to host bindings (empty list = exposed, not published)
 * @param networkMode {@code HostConfig.NetworkMode} (bridge, default, host, none, container:ID or a network name)
 * @param ipAddress {@code NetworkSettings.IPAddress} (empty on user networks and host mode)
 * @param networks {@code NetworkSettings.Networks}: network name to the container's IP there
 * @param running {@code State.Running}
 * @param exitCode {@code State.ExitCode}
 * @param health {@code State.Health.Status}: empty without a HEALTHCHECK, else starting, healthy or unhealthy
 */
record ContainerInfo(String id, String name, String image, List<String> env, Map<String, String> labels,
                     List<String> exposedPorts, Map<String, List<Binding>> ports, String networkMode,
                     String ipAddress, Map<String, String> networks, boolean running, long exitCode, String health) {

    /** One host binding of a port; {@code hostIp} empty means all interfaces. */
    record Binding(String hostIp, String hostPort) {
        Binding {
            requireNonNull(hostIp, "hostIp");
            requireNonNull(hostPort, "hostPort");
        }
    }

    ContainerInfo {
        requireNonNull(id, "id");
        if (id.length() < 12) {
            throw new IllegalArgumentException("container ID too short: \"" + id + "\"");
        }
        name = name.startsWith("/") ? name.substring(1) : name;
        requireNonNull(image, "image");
        env = List.copyOf(env);
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        exposedPorts = List.copyOf(exposedPorts);
        TreeMap<String, List<Binding>> p = new TreeMap<>();
        ports.forEach((k, v) -> p.put(k, List.copyOf(v)));
        ports = java.util.Collections.unmodifiableMap(p);
        requireNonNull(networkMode, "networkMode");
        requireNonNull(ipAddress, "ipAddress");
        networks = java.util.Collections.unmodifiableMap(new TreeMap<>(networks));
        requireNonNull(health, "health");
    }

    /** The first 12 characters of the ID, as logs show it. */
    String shortId() {
        return id.substring(0, 12);
    }
}
