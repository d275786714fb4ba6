package dev.signpost.registrator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.NetworkSettings;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

/**
 * The only class that talks to Docker: docker-java over the zerodep transport ({@code unix://} socket or
 * {@code tcp://}). Calls have a 5 s connect and 30 s answer timeout; the event stream has no answer timeout (it is
 * idle between events). Thread-safe.
 */
final class DockerEngine implements Docker {

    private final String host;
    private final DockerClient calls;
    private final DockerClient stream;

    DockerEngine(String dockerHost) {
        this.host = dockerHost;
        this.calls = client(dockerHost, Duration.ofSeconds(30));
        this.stream = client(dockerHost, null);
    }

    private static DockerClient client(String dockerHost, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost)).sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5));
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }

    @Override
    public List<String> runningContainerIds() {
        return list(List.of("running"));
    }

    @Override
    public List<String> nonExitedContainerIds() {
        return list(List.of("created", "restarting", "running", "paused"));
    }

    private List<String> list(List<String> states) {
        try {
            return calls.listContainersCmd().withStatusFilter(states).withShowAll(true).exec().stream()
                    .map(com.github.dockerjava.api.model.Container::getId).toList();
        } catch (RuntimeException e) {
            throw failure("list containers", e);
        }
    }

    @Override
    public Optional<ContainerInfo> inspect(String id) {
        try {
            return Optional.of(convert(calls.inspectContainerCmd(id).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw failure("inspect container " + (id.length() > 12 ? id.substring(0, 12) : id), e);
        }
    }

    @Override
    public AutoCloseable events(EventListener listener) {
        AtomicBoolean closedByUs = new AtomicBoolean();
        ResultCallback.Adapter<com.github.dockerjava.api.model.Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(com.github.dockerjava.api.model.Event e) {
                String type = e.getType() == null ? "container" : e.getType().getValue();
                String action = e.getAction() != null ? e.getAction() : e.getStatus() == null ? "" : e.getStatus();
                String actor = e.getActor() != null && e.getActor().getId() != null ? e.getActor().getId()
                        : e.getId() == null ? "" : e.getId();
                listener.onEvent(new Event(type, action, actor));
            }

            @Override
            public void onError(Throwable t) {
                if (!closedByUs.get()) {
                    listener.onClosed(reason(t));
                }
            }

            @Override
            public void onComplete() {
                if (!closedByUs.get()) {
                    listener.onClosed("end of stream");
                }
            }
        };
        try {
            stream.eventsCmd().withEventTypeFilter(EventType.CONTAINER).exec(callback);
        } catch (RuntimeException e) {
            throw failure("listen for events", e);
        }
        return () -> {
            closedByUs.set(true);
            callback.close();
        };
    }

    static ContainerInfo convert(InspectContainerResponse r) {
        ContainerConfig config = r.getConfig();
        List<String> env = config == null || config.getEnv() == null ? List.of() : Arrays.asList(config.getEnv());
        Map<String, String> labels = config == null || config.getLabels() == null ? Map.of() : config.getLabels();
        List<String> exposed = new ArrayList<>();
        if (config != null && config.getExposedPorts() != null) {
            for (ExposedPort p : config.getExposedPorts()) {
                exposed.add(p.getPort() + "/" + p.getProtocol());
            }
        }
        NetworkSettings net = r.getNetworkSettings();
        Map<String, List<ContainerInfo.Binding>> ports = new HashMap<>();
        Map<String, String> networks = new HashMap<>();
        String ip = "";
        if (net != null) {
            Ports p = net.getPorts();
            if (p != null) {
                p.getBindings().forEach((port, bindings) -> {
                    List<ContainerInfo.Binding> list = new ArrayList<>();
                    if (bindings != null) {
                        for (Ports.Binding b : bindings) {
                            list.add(new ContainerInfo.Binding(b.getHostIp() == null ? "" : b.getHostIp(),
                                    b.getHostPortSpec() == null ? "" : b.getHostPortSpec()));
                        }
                    }
                    ports.put(port.getPort() + "/" + port.getProtocol(), list);
                });
            }
            if (net.getNetworks() != null) {
                net.getNetworks().forEach((name, n) -> networks.put(name,
                        n.getIpAddress() == null ? "" : n.getIpAddress()));
            }
            // NetworkSettings.IPAddress (deprecated in the API) is the default bridge's address.
            ip = networks.getOrDefault("bridge", "");
        }
        InspectContainerResponse.ContainerState state = r.getState();
        boolean running = state != null && Boolean.TRUE.equals(state.getRunning());
        long exit = state == null || state.getExitCodeLong() == null ? 0 : state.getExitCodeLong();
        String health = state == null || state.getHealth() == null || state.getHealth().getStatus() == null
                ? "" : state.getHealth().getStatus();
        String mode = r.getHostConfig() == null || r.getHostConfig().getNetworkMode() == null
                ? "" : r.getHostConfig().getNetworkMode();
        return new ContainerInfo(r.getId(), r.getName() == null ? "" : r.getName(),
                config == null || config.getImage() == null ? "" : config.getImage(), env, labels, exposed, ports,
                mode, ip, networks, running, exit, health);
    }

    private DockerException failure(String what, RuntimeException e) {
        return new DockerException("cannot " + what + " at " + host + ": " + reason(e), e);
    }

    static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return (m == null || m.isBlank() ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m)).strip();
    }

    @Override
    public void close() {
        try {
            calls.close();
            stream.close();
        } catch (java.io.IOException e) {
            // Closing sockets we no longer use; nothing to do.
        }
    }
}
