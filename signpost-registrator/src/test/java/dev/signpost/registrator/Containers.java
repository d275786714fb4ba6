package dev.signpost.registrator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link ContainerInfo} values for tests, bridge mode by default. Not thread-safe. */
final class Containers {

    private String id = "7fde646e0c29aaaabbbbccccddddeeeeffff00001111222233334444555566667777".substring(0, 64);
    private String name = "z002";
    private String image = "training/webapp";
    private final List<String> env = new ArrayList<>();
    private final Map<String, String> labels = new HashMap<>();
    private final List<String> exposed = new ArrayList<>();
    private final Map<String, List<ContainerInfo.Binding>> ports = new HashMap<>();
    private String networkMode = "default";
    private String ip = "172.17.0.2";
    private final Map<String, String> networks = new HashMap<>(Map.of("bridge", "172.17.0.2"));
    private boolean running = true;
    private long exitCode;
    private String health = "";

    static Containers container() {
        return new Containers();
    }

    Containers id(String v) { id = v; return this; }
    Containers name(String v) { name = v; return this; }
    Containers image(String v) { image = v; return this; }
    Containers env(String kv) { env.add(kv); return this; }
    Containers label(String k, String v) { labels.put(k, v); return this; }
    Containers health(String v) { health = v; return this; }
    Containers exited(long code) { running = false; exitCode = code; return this; }

    /** {@code EXPOSE port} without publishing it (Docker lists it with no bindings). */
    Containers exposed(String key) {
        exposed.add(key);
        ports.put(key, List.of());
        return this;
    }

    /** {@code -p hostIp:hostPort:key}. */
    Containers published(String key, String hostIp, int hostPort) {
        if (!exposed.contains(key)) {
            exposed.add(key);
        }
        ports.put(key, List.of(new ContainerInfo.Binding(hostIp, Integer.toString(hostPort))));
        return this;
    }

    /** {@code --net=host}: Docker lists no ports and no IP. */
    Containers hostNetwork() {
        networkMode = "host";
        ip = "";
        networks.clear();
        networks.put("host", "");
        ports.clear();
        return this;
    }

    Containers userNetwork(String network, String address) {
        networkMode = network;
        ip = "";
        networks.clear();
        networks.put(network, address);
        return this;
    }

    ContainerInfo build() {
        return new ContainerInfo(id, "/" + name, image, env, labels, exposed, ports, networkMode, ip, networks,
                running, exitCode, health);
    }
}
