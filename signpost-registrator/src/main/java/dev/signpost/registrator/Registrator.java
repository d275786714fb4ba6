package dev.signpost.registrator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.signpost.client.ClientTls;
import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.RetryPolicy;
import dev.signpost.metrics.Metrics;

/**
 * {@code signpost registrator}: registers every Docker container's published ports in a Consul-compatible registry
 * and removes them when the container stops, like gliderlabs/registrator.
 *
 * <p>Entry points for the CLI:
 * <pre>{@code
 * if (RegistratorConfig.isVersionRequest(args)) { print(Registrator.version()); return 0; }
 * RegistratorConfig config = RegistratorConfig.parse(args);  // RegistratorConfigException: exit 2, print getMessage()
 * Registrator.run(config);                                    // blocks; RegistratorException: exit 1
 * }</pre>
 * or {@code Registrator r = Registrator.create(config); r.run(); ... r.close()} (close from another thread, e.g. a
 * shutdown hook). Stopping never deregisters anything, as upstream.
 *
 * <p>Start-up, in the seed's words: {@code Starting registrator VERSION ...}, {@code Using consul adapter: URI},
 * {@code Connecting to backend (n/m)} with {@code -retry-attempts}/{@code -retry-interval}, {@code consul: current
 * leader  ADDR}, then the Docker event stream is opened before listing so nothing is missed, {@code Listening for
 * Docker events ...}, {@code Syncing services on N containers} and one line per service or ignored port. Then one
 * loop thread handles, in order: container events (start: add; die: remove per {@code -deregister}; destroy: remove;
 * health_status: update the service's Docker-health check), {@code -resync}, {@code -ttl-refresh}, a registry check
 * every {@code registryCheck} (re-registers what a restarted registry lost), retries of failed writes with backoff,
 * and reconnecting the event stream when it closes (then a full resync, stale containers removed).
 *
 * <p>Threading: {@link #run()} runs the loop on the calling thread; Docker's event thread only enqueues.
 */
public final class Registrator implements AutoCloseable {

    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration MAX_RECONNECT_BACKOFF = Duration.ofSeconds(30);

    private final RegistratorConfig config;
    private final Docker docker;
    private final Backend backend;
    private final Clock clock;
    private final LogSink log;
    private final Bridge bridge;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile AutoCloseable events;
    private Metrics metrics = Metrics.none();
    private Instant nextResync = Instant.MAX;
    private Instant nextRefresh = Instant.MAX;
    private Instant nextRegistryCheck = Instant.MAX;
    private Instant nextReconnect = Instant.MAX;
    private int reconnectFailures;
    private int generation;

    Registrator(RegistratorConfig config, Docker docker, Backend backend, Clock clock,
                Function<String, Optional<String>> resolver, LogSink log) {
        this.config = config;
        this.docker = docker;
        this.backend = backend;
        this.clock = clock;
        this.log = log;
        this.bridge = new Bridge(docker, backend, new ServiceMapper(config, resolver), config, clock, log);
    }

    /**
     * Counts into {@code metrics}: Docker container events seen ({@code registrator.events}, labelled with the
     * action), registrations, deregistrations, retries and failed registry writes. Call before {@link #run()}.
     */
    public Registrator meteredBy(Metrics recorder) {
        this.metrics = recorder;
        bridge.meteredBy(recorder);
        return this;
    }

    /** A registrator for a real Docker Engine ({@code config.dockerHost()}) and the configured registry. */
    public static Registrator create(RegistratorConfig config) {
        return new Registrator(config, new DockerEngine(config.dockerHost()), backend(config), Clock.systemUTC(),
                Hostnames::resolve, LogSink.slf4j());
    }

    /** Creates, starts and runs a registrator until the thread is interrupted. */
    public static void run(RegistratorConfig config) {
        try (Registrator r = create(config)) {
            r.run();
        }
    }

    /** This build's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        String v = Registrator.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    static Backend backend(RegistratorConfig config) {
        // The registrator retries on its own (Pending, -retry-attempts); one slow call must not stall the loop. The
        // single quick retry covers a pooled connection that a restarted agent closed.
        ConsulClient.Builder builder = ConsulClient.builder().address(config.registry().address())
                .token(config.consulToken())
                .retry(new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(100)))
                .connectTimeout(Duration.ofSeconds(3)).requestTimeout(Duration.ofSeconds(10));
        if (config.registry().isTls()) {
            builder.tls(tlsOf(System.getenv()));
        }
        ConsulClient client = builder.build();
        return config.registry().isKv() ? new ConsulKvBackend(client, config.registry().prefix())
                : new ConsulBackend(client);
    }

    /**
     * Upstream's consul-tls adapter: the CA of {@code CONSUL_CACERT}, the client certificate of
     * {@code CONSUL_CLIENT_CERT} and {@code CONSUL_CLIENT_KEY}, the server's certificate always verified against the
     * host dialled (its TLS config sets no other knob).
     */
    static ClientTls tlsOf(Map<String, String> env) {
        ClientTls tls = ClientTls.defaults();
        String ca = env.getOrDefault("CONSUL_CACERT", "");
        if (!ca.isBlank()) {
            tls = tls.withCaFile(Path.of(ca.strip()));
        }
        String cert = env.getOrDefault("CONSUL_CLIENT_CERT", "");
        String key = env.getOrDefault("CONSUL_CLIENT_KEY", "");
        if (!cert.isBlank() || !key.isBlank()) {
            tls = tls.withClientCertificate(cert.isBlank() ? null : Path.of(cert.strip()),
                    key.isBlank() ? null : Path.of(key.strip()));
        }
        return tls;
    }

    /** Starts (see the class comment), then loops until {@link #close()} or an interrupt. */
    public void run() {
        start();
        loop();
    }

    /** The start-up sequence; throws {@link RegistratorException} when the backend or Docker cannot be reached. */
    void start() {
        log.info("Starting registrator " + version() + " ...");
        if (!config.hostIp().isEmpty()) {
            log.info("Forcing host IP to " + config.hostIp());
        }
        log.info("Using " + config.registry().scheme() + " adapter: " + config.registry().text());
        connectBackend();
        try {
            events = docker.events(listener());
        } catch (Docker.DockerException e) {
            throw new RegistratorException(e.getMessage(), e);
        }
        log.info("Listening for Docker events ...");
        try {
            bridge.sync(false);
        } catch (Docker.DockerException e) {
            throw new RegistratorException(e.getMessage(), e);
        }
        Instant now = clock.instant();
        nextResync = config.resync().isZero() ? Instant.MAX : now.plus(config.resync());
        nextRefresh = config.ttlRefresh().isZero() ? Instant.MAX : now.plus(config.ttlRefresh());
        nextRegistryCheck = now.plus(config.registryCheck());
    }

    private void connectBackend() {
        int attempts = config.retryAttempts();
        for (int i = 0; attempts == -1 || i <= attempts; i++) {
            if (closed) {
                throw new RegistratorException("stopped while connecting to the backend", null);
            }
            log.info("Connecting to backend (" + i + "/" + attempts + ")");
            try {
                log.info(backend.ping());
                return;
            } catch (ConsulException e) {
                if (i == attempts) {
                    throw new RegistratorException(e.getMessage(), e);
                }
                log.warn(e.getMessage());
            }
            try {
                Thread.sleep(config.retryInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistratorException("interrupted while connecting to the backend", e);
            }
        }
    }

    private Docker.EventListener listener() {
        int mine = ++generation;
        return new Docker.EventListener() {
            @Override
            public void onEvent(Docker.Event e) {
                tasks.add(() -> handle(e));
            }

            @Override
            public void onClosed(String reason) {
                tasks.add(() -> {
                    if (mine != generation) {
                        return; // an older stream, or a second end signal of this one
                    }
                    generation++;
                    log.warn("Docker event loop closed (" + reason + "), reconnecting");
                    closeEvents();
                    nextReconnect = clock.instant();
                });
            }
        };
    }

    void handle(Docker.Event e) {
        if (!e.type().equals("container") || e.actorId().isEmpty()) {
            return;
        }
        String action = e.action();
        String kind = action.startsWith("health_status") ? "health_status" : action;
        metrics.counter("registrator.events", "action", kind).increment();
        switch (action) {
            case "start" -> bridge.add(e.actorId(), false);
            case "die" -> bridge.removeOnExit(e.actorId());
            case "destroy" -> bridge.destroyed(e.actorId());
            default -> {
                if (action.startsWith("health_status")) {
                    int colon = action.indexOf(':');
                    bridge.health(e.actorId(), colon < 0 ? "" : action.substring(colon + 1).strip());
                }
            }
        }
    }

    /** Runs tasks and timers on the calling thread until closed or interrupted. */
    void loop() {
        while (!closed && !Thread.currentThread().isInterrupted()) {
            try {
                Runnable task = tasks.poll(TICK.toMillis(), TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                }
                timers(clock.instant());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("registrator loop: " + e);
            }
        }
    }

    private void timers(Instant now) {
        if (!now.isBefore(nextReconnect)) {
            reconnect(now);
        }
        if (!now.isBefore(nextResync)) {
            nextResync = now.plus(config.resync());
            bridge.sync(true);
        }
        if (!now.isBefore(nextRefresh)) {
            nextRefresh = now.plus(config.ttlRefresh());
            bridge.refresh();
        }
        if (!now.isBefore(nextRegistryCheck)) {
            nextRegistryCheck = now.plus(config.registryCheck());
            bridge.checkRegistry();
        }
        bridge.retryDue();
    }

    private void reconnect(Instant now) {
        try {
            // Opening the stream is asynchronous and cannot tell that Docker is away; a listing can.
            docker.runningContainerIds();
            events = docker.events(listener());
        } catch (Docker.DockerException e) {
            reconnectFailures++;
            Duration wait = config.retryInterval().multipliedBy(1L << Math.min(reconnectFailures - 1, 10));
            wait = wait.compareTo(MAX_RECONNECT_BACKOFF) > 0 ? MAX_RECONNECT_BACKOFF : wait;
            nextReconnect = now.plus(wait);
            log.warn("cannot reconnect to Docker: " + e.getMessage() + "; retry in " + wait.toMillis() + " ms");
            return;
        }
        nextReconnect = Instant.MAX;
        reconnectFailures = 0;
        log.info("Listening for Docker events ... (reconnected, resyncing)");
        bridge.sync(true);
        bridge.removeStale();
    }

    private void closeEvents() {
        AutoCloseable e = events;
        events = null;
        if (e != null) {
            try {
                e.close();
            } catch (Exception ex) {
                log.warn("closing the Docker event stream: " + ex);
            }
        }
    }

    /** Stops the loop and closes the Docker connection; registrations stay. */
    @Override
    public void close() {
        closed = true;
        tasks.add(() -> { });
        closeEvents();
        docker.close();
        backend.close();
    }
}
