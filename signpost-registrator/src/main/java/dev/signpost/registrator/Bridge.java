package dev.signpost.registrator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.signpost.client.ConsulException;
import dev.signpost.metrics.Metrics;

/**
 * The registrator's memory and decisions (upstream's {@code bridge.go}): which containers it tracks, which services
 * they produced, and what to write to the registry on start, die, destroy, health change, resync, cleanup and
 * refresh. Failed writes are retried by {@link RegistryWriter} until they succeed or no longer apply; the registry
 * is compared with what we registered so that a registry that lost its state is re-populated.
 *
 * <p>Not thread-safe: one thread (the registrator loop) calls every method. Docker and registry errors are caught,
 * logged in one line, and the bridge carries on.
 */
final class Bridge {

    /** Upstream's pattern of IDs this registrator may have made: {@code HOST:CONTAINER:PORT[:udp]}. */
    private static final Pattern OWN_ID = Pattern.compile("^(.+?):([a-zA-Z0-9][a-zA-Z0-9_.-]+):[0-9]+(?::udp)?$");

    private final Docker docker;
    private final Backend backend;
    private final ServiceMapper mapper;
    private final RegistratorConfig config;
    private final LogSink log;
    private final Map<String, List<Service>> tracked = new LinkedHashMap<>();
    private final Map<String, List<Service>> kept = new LinkedHashMap<>();
    private final RegistryWriter writer;

    /** See {@link Registrator#meteredBy}. */
    void meteredBy(Metrics metrics) {
        writer.meteredBy(metrics);
    }
    private boolean registryDown;

    Bridge(Docker docker, Backend backend, ServiceMapper mapper, RegistratorConfig config, Clock clock, LogSink log) {
        this.docker = docker;
        this.backend = backend;
        this.mapper = mapper;
        this.config = config;
        this.log = log;
        this.writer = new RegistryWriter(backend, config.retryInterval(), clock, log);
    }

    /** A container started (or was found running): map it and register its services. */
    void add(String containerId, boolean quiet) {
        if (tracked.containsKey(containerId)) {
            log.info("container, " + shortId(containerId) + ", already exists, ignoring");
            return;
        }
        Optional<ContainerInfo> container;
        try {
            container = docker.inspect(containerId);
        } catch (Docker.DockerException e) {
            log.warn("unable to inspect container: " + shortId(containerId) + " " + e.getMessage());
            return;
        }
        if (container.isEmpty() || !config.accepts(container.get().labels())) {
            return;
        }
        ServiceMapper.Mapping mapping = mapper.map(container.get(), networkContainerIp(container.get()));
        if (!quiet) {
            mapping.ignored().forEach(line -> log.info("ignored: " + line));
        }
        if (mapping.services().isEmpty()) {
            return;
        }
        kept.remove(containerId);
        tracked.put(containerId, mapping.services());
        mapping.services().forEach(s -> register(s, "register failed: "));
    }

    /** Upstream's {@code container:ID} network mode (pods): the services take that container's IP. */
    private Optional<String> networkContainerIp(ContainerInfo c) {
        if (!c.networkMode().startsWith("container:")) {
            return Optional.empty();
        }
        String other = c.networkMode().substring("container:".length());
        log.info(c.name() + ": detected container NetworkMode, linked to: " + shortId(other));
        try {
            Optional<ContainerInfo> linked = docker.inspect(other);
            if (linked.isPresent()) {
                String ip = ServiceMapper.exposedIp(linked.get());
                log.info(c.name() + ": using network container IP " + ip);
                return Optional.of(ip);
            }
            log.warn("unable to inspect network container: " + shortId(other) + " no such container");
        } catch (Docker.DockerException e) {
            log.warn("unable to inspect network container: " + shortId(other) + " " + e.getMessage());
        }
        return Optional.empty();
    }

    /** A container died: deregister its services unless {@code -deregister on-success} says keep them. */
    void removeOnExit(String containerId) {
        if (!tracked.containsKey(containerId)) {
            return;
        }
        remove(containerId, shouldRemove(containerId));
    }

    /** A container was destroyed: whatever we still hold for it goes, kept services included. */
    void destroyed(String containerId) {
        if (tracked.containsKey(containerId)) {
            remove(containerId, true);
        }
        List<Service> k = kept.remove(containerId);
        if (k != null) {
            k.forEach(this::deregister);
        }
    }

    private boolean shouldRemove(String containerId) {
        if (config.deregister() == DeregisterMode.ALWAYS) {
            return true;
        }
        Optional<ContainerInfo> c;
        try {
            c = docker.inspect(containerId);
        } catch (Docker.DockerException e) {
            log.warn("registrator: error fetching status for container " + shortId(containerId)
                    + " on \"die\" event: " + e.getMessage());
            return false;
        }
        if (c.isEmpty()) {
            log.info("registrator: container " + shortId(containerId) + " was removed, could not fetch exit code");
            return true;
        }
        if (c.get().running()) {
            log.info("registrator: not removing container " + shortId(containerId) + ", still running");
            return false;
        }
        long code = c.get().exitCode();
        return code == 0 || (code & 128) == 128;
    }

    private void remove(String containerId, boolean deregister) {
        List<Service> services = tracked.remove(containerId);
        if (services == null) {
            return;
        }
        if (deregister) {
            services.forEach(this::deregister);
        } else {
            services.forEach(s -> writer.cancel(s.id()));
            kept.put(containerId, services);
        }
    }

    /** Docker reported a health change ({@code healthy}, {@code unhealthy}, {@code starting}). */
    void health(String containerId, String status) {
        List<Service> services = tracked.get(containerId);
        if (services == null) {
            return;
        }
        List<Service> updated = services.stream().map(s -> s.withHealth(status)).toList();
        tracked.put(containerId, updated);
        for (Service s : updated) {
            try {
                backend.updateHealth(s);
                log.info("health: " + shortId(containerId) + " " + s.id() + " " + status);
            } catch (ConsulException e) {
                // The check may be missing (registered before the container had one): registering again adds it.
                register(s, "health update failed: ");
            }
        }
    }

    /** Upstream's {@code Sync}: the initial one logs and adds every running container; a quiet one re-registers. */
    void sync(boolean quiet) {
        List<String> running;
        try {
            running = docker.runningContainerIds();
        } catch (Docker.DockerException e) {
            if (!quiet) {
                throw e;
            }
            log.warn("error listing containers, skipping sync: " + e.getMessage());
            return;
        }
        if (!quiet) {
            log.info("Syncing services on " + running.size() + " containers");
        }
        for (String id : running) {
            List<Service> services = tracked.get(id);
            if (services == null) {
                add(id, quiet);
            } else {
                services.forEach(s -> writer.register(s, "sync register failed: ", false));
            }
        }
        if (config.cleanup()) {
            removeStale();
            removeDangling();
        }
    }

    /** Tracked containers that no longer exist or exited lose their services (events may have been missed). */
    void removeStale() {
        Set<String> alive;
        try {
            log.info("Listing non-exited containers");
            alive = new HashSet<>(docker.nonExitedContainerIds());
        } catch (Docker.DockerException e) {
            log.warn("error listing non-exited containers: " + e.getMessage());
            return;
        }
        for (String id : new ArrayList<>(tracked.keySet())) {
            if (!alive.contains(id)) {
                log.info("stale: Removing service " + shortId(id) + " because it does not exist");
                removeOnExit(id);
            }
        }
    }

    /** Services of this host in the registry that no tracked container backs are deregistered. */
    void removeDangling() {
        if (!backend.canList()) {
            return;
        }
        log.info("Cleaning up dangling services");
        List<Backend.Registered> registered;
        try {
            registered = backend.services();
        } catch (ConsulException e) {
            log.warn("cleanup failed: " + e.getMessage());
            return;
        }
        Set<String> known = knownServiceIds();
        for (Backend.Registered r : registered) {
            Matcher m = OWN_ID.matcher(r.id());
            if (!m.matches() || !m.group(1).equals(config.hostname()) || known.contains(r.id())) {
                continue;
            }
            log.info("dangling: " + r.id());
            try {
                backend.deregister(r);
                log.info(r.id() + " removed");
            } catch (ConsulException e) {
                log.warn("deregister failed: " + r.id() + " " + e.getMessage());
            }
        }
    }

    /** Re-registers tracked services the registry no longer holds (it restarted without its state). */
    void checkRegistry() {
        if (!backend.canList()) {
            return;
        }
        Set<String> present = new HashSet<>();
        try {
            backend.services().forEach(r -> present.add(r.id()));
        } catch (ConsulException e) {
            if (!registryDown) {
                log.warn("registry unreachable: " + e.getMessage() + "; will re-check");
            }
            registryDown = true;
            return;
        }
        if (registryDown) {
            log.info("registry reachable again");
            registryDown = false;
        }
        List<Service> missing = tracked.values().stream().flatMap(List::stream)
                .filter(s -> !present.contains(s.id()) && !writer.registerPending(s.id())).toList();
        if (!missing.isEmpty()) {
            log.info("registry lost " + missing.size() + " services, registering them again");
            missing.forEach(s -> register(s, "register failed: "));
        }
    }

    /** Refreshes every tracked service (-ttl-refresh). */
    void refresh() {
        tracked.forEach((id, services) -> services.forEach(s -> {
            try {
                backend.refresh(s);
                log.info("refreshed: " + shortId(id) + " " + s.id());
            } catch (ConsulException e) {
                log.warn("refresh failed: " + s.id() + " " + e.getMessage());
            }
        }));
    }

    /** Tries again the writes whose backoff has passed, unless they no longer apply. */
    void retryDue() {
        writer.retryDue(s -> tracked.getOrDefault(s.containerId(), List.of()).stream()
                .anyMatch(t -> t.id().equals(s.id())));
    }

    private void register(Service s, String failure) {
        writer.register(s, failure, true);
    }

    private void deregister(Service s) {
        writer.deregister(s);
    }

    private Set<String> knownServiceIds() {
        Set<String> ids = new HashSet<>();
        tracked.values().forEach(l -> l.forEach(s -> ids.add(s.id())));
        kept.values().forEach(l -> l.forEach(s -> ids.add(s.id())));
        return ids;
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
