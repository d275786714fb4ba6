package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.model.Node;
import dev.signpost.http.ApiServer;
import dev.signpost.http.LocalAgent;
import dev.signpost.http.LogFeed;
import dev.signpost.metrics.Metrics;
import dev.signpost.raft.RaftConfig;
import dev.signpost.raft.RaftRegistry;
import dev.signpost.raft.RaftTls;

/**
 * A running {@code signpost agent}: its LAN port, the services it owns, the HTTP and DNS listeners (open at
 * once, as Consul's), then the Raft registry; started in that order and stopped in reverse. This node's own
 * registration follows as soon as a leader is known.
 *
 * <p>The parts it starts keep their own rules: {@link ClientListeners} the HTTP and DNS listeners, {@link NodeSync}
 * the first sync with the catalog, {@link StopOrder} the order of the stop, {@link StartBanner} the start's lines.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final String nodeId;
    private final Node node;
    private final SelfDescription description;
    private static final Duration GOSSIP_INTERVAL = Duration.ofSeconds(1);
    /**
     * Until the agent has synced, for at most FORMING_WINDOW, rounds come this often: agents started together find
     * each other sooner, and one that waits long for peers (-bootstrap-expect) goes back to the usual pace.
     */
    private static final Duration FORMING_INTERVAL = Duration.ofMillis(200);
    private static final Duration FORMING_WINDOW = Duration.ofSeconds(30);

    private final StopOrder running = new StopOrder();
    private final DeferredRegistry registry = new DeferredRegistry();
    /** Every timer of the agent and every time it stamps on a write: steady through system clock steps. */
    private final Clock clock = SteadyClock.anchoredNow();
    private final CheckTasks checkTasks = new CheckTasks(clock);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cluster").daemon().factory());
    private Members members;
    private Cluster cluster;
    private CoordinateSync coordinateSync;
    private AgentOperator operator;
    private LocalServices local;
    private NodeSync sync;
    private volatile Supplier<AgentConfig> reloadSource;
    private volatile boolean failed;
    private long lastRound; // System.nanoTime of the last gossip round; the ticker's thread only
    private final long startedNanos = System.nanoTime();
    private boolean closed;
    private volatile Runnable onStopped = () -> { };
    private final Metrics metrics;
    private final LogFeed logs;
    private volatile Optional<RaftTls> raftTls = Optional.empty();

    private Agent(AgentConfig config, Path dataDir, boolean temporaryDataDir, String nodeId, Metrics metrics,
                  LogFeed logs) {
        this.metrics = metrics;
        this.logs = logs;
        this.config = config;
        this.dataDir = dataDir;
        this.temporaryDataDir = temporaryDataDir;
        this.nodeId = nodeId;
        this.description = new SelfDescription(config, nodeId);
        this.node = description.node();
    }

    /** Starts an agent; on failure everything started so far is stopped again. */
    public static Agent start(AgentConfig config) throws IOException {
        return start(config, Metrics.none(), LogFeed.none());
    }

    /**
     * Starts an agent that records Consul's metrics into {@code metrics} and streams {@code logs} at
     * {@code /v1/agent/monitor}; on failure everything started so far is stopped again.
     */
    public static Agent start(AgentConfig config, Metrics metrics, LogFeed logs) throws IOException {
        requireNonNull(config, "config");
        requireNonNull(metrics, "metrics");
        requireNonNull(logs, "logs");
        Path dir = config.dataDir().orElse(null);
        boolean temporary = dir == null;
        if (temporary) {
            dir = Files.createTempDirectory("signpost-dev-");
        }
        Agent agent = new Agent(config, dir, temporary,
                NodeIdentity.nodeId(config.nodeId(), temporary ? java.util.Optional.empty() : config.dataDir()),
                metrics, logs);
        try {
            agent.startAll();
        } catch (IOException | RuntimeException e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    private void startAll() throws IOException {
        // Consul reads its certificates before anything listens: a bad file stops the start with tlsutil's words.
        Optional<TlsSetup.Internal> internalTls = TlsSetup.internalRpc(config.tls().internalRpc(),
                config.datacenter(), config.domain());
        Optional<ApiServer.Https> https = TlsSetup.https(config.tls().https(), config.httpsPort());
        StartBanner.log(config, nodeId, temporaryDataDir ? null : dataDir, https.isPresent(), internalTls.isPresent());

        MemberInfo self = new MemberInfo(config.nodeName(), nodeId, config.advertiseAddress(), config.serfLanPort(),
                config.serverPort(), config.server() ? "consul" : "node", config.datacenter(), config.bootstrapExpect(),
                false, List.of(), "", false).asIncarnation(clock.millis());
        members = new Members(clock, config.nodeFailAfter(), self);
        members.meteredBy(metrics);
        List<String> joins = new ArrayList<>();
        config.join().forEach(a -> joins.add(withPort(a, config.serfLanPort())));
        config.retryJoin().forEach(a -> joins.add(withPort(a, config.serfLanPort())));
        cluster = new Cluster(members, registry, this::startRaft, joins, clock, config.retryInterval(),
                config.retryMax(), this::joinGaveUp);
        coordinateSync = new CoordinateSync(registry, config.nodeName(), cluster.coordinates()::lan,
                () -> members.all().size(), clock);
        Optional<GossipKeyring> keyring = GossipKeyring.open(config.gossip().encrypt(),
                config.gossip().keyringFile() && !temporaryDataDir ? Optional.of(dataDir) : Optional.empty(),
                warning -> LOG.warn("agent: {}", warning));
        LOG.info(" Gossip Encryption: {}", keyring.isPresent());
        Lan lan = Lan.start(new InetSocketAddress(config.bindAddress(), config.serfLanPort()), cluster,
                Duration.ofSeconds(1), new GossipSecurity(keyring, config.gossip().verifyIncoming(),
                        config.gossip().verifyOutgoing(), new GossipCipher(new SecureRandom())), internalTls);
        raftTls = internalTls.map(TlsSetup.Internal::raft);
        running.add(lan);
        cluster.attach(lan);
        GossipKeys keys = new GossipKeys(keyring, members, config.datacenter(), lan::keyring, Duration.ofSeconds(1));
        cluster.keyring(keys);
        running.add(keys::close);

        local = new LocalServices(registry, this::node,
                new ServiceStore(temporaryDataDir ? java.util.Optional.empty() : java.util.Optional.of(dataDir)),
                config.enableScriptChecks(),
                checkTasks.runners(config.enableScriptChecks(), config.nodeName(), registry),
                new TokenRights(registry, config, clock, () -> config.acl().tokens().agentToken()),
                new Sidecars(config.sidecarMinPort(), config.sidecarMaxPort()));
        local.load();
        sync = new NodeSync(this, config, registry, node, local);
        operator = new AgentOperator(registry, members, config.version(), clock, cluster::raftConfigurationOf,
                AgentOperator.initialAutopilot(config.electionTimeout()));
        AgentApi api = new AgentApi(this::identity, this::members, this::join, this::leaveAndStop, this::reload,
                local)
                .withOperator(operator)
                .withForceLeave(members::forceLeave)
                .withCoordinates(cluster.coordinates()::lan, members::serverCoordinates)
                .withKeyring(keys);
        if (config.acl().enableTokenPersistence()) {
            AgentTokenStore tokenStore = new AgentTokenStore(dataDir);
            if (tokenStore.load(config.acl().tokens())) {
                LOG.info("agent: loaded the ACL tokens set through the API from {}", AgentTokenStore.FILE);
            }
            api.withTokenStore(tokenStore::save);
        }
        checkTasks.reapSessions(registry);
        checkTasks.reapTombstones(registry);
        checkTasks.reapExpiredTokens(registry);
        checkTasks.keepInitialManagementToken(registry, config.acl());
        checkTasks.antiEntropy(local);
        // Consul opens its listeners before Raft has a leader: until there is one, reads that need a leader
        // and writes answer 500 "No cluster leader", and nobody who reaches a started agent is refused.
        new ClientListeners(config, registry, clock, metrics, logs).start(api, https, running::add);
        boolean single = config.dev() || config.bootstrap();
        if (RaftRegistry.hasRaftData(dataDir, config.datacenter())) {
            LOG.info("consul: Raft data found, disabling bootstrap mode");
            RaftRegistry raft = startRaft(List.of());
            registry.set(raft);
            if (config.rejoinAfterLeave()) {
                cluster.rejoin(Cluster.rejoinTargets(raft.voters(), config.nodeName(), config.serfLanPort()));
            }
        } else if (single) {
            registry.set(startRaft(List.of(new RaftRegistry.Peer(config.nodeName(), config.advertiseAddress() + ":"
                    + config.serverPort()))));
        } else if (config.server() && config.bootstrapExpect() == 0 && joins.isEmpty()) {
            LOG.warn("consul: EnableSingleNode disabled, and no known peers. Aborting election.");
        }
        if (single) {
            Thread.ofVirtual().name("first-sync").start(sync::syncOnceLeader);
        }

        ticker.scheduleWithFixedDelay(this::tick, 0, FORMING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("==> Signpost agent running!");
    }

    private synchronized RaftRegistry startRaft(List<RaftRegistry.Peer> peers) throws IOException {
        if (closed) {
            throw new IllegalStateException("the agent is stopping");
        }
        LocalResources.checkPortFree(config.bindAddress(), config.serverPort(), "-server-port");
        RaftConfig raftConfig = new RaftConfig(config.nodeName(), dataDir, config.bindAddress(),
                config.advertiseAddress(), config.serverPort(), config.datacenter(), config.electionTimeout(),
                Duration.ofSeconds(7), config.snapshotThreshold(), config.snapshotInterval(), raftTls);
        RaftRegistry raft = config.server() ? RaftRegistry.start(raftConfig, peers)
                : RaftRegistry.startListener(raftConfig, peers);
        raft.meteredBy(metrics);
        raft.onStorageFailure(this::raftStorageFailed);
        running.addRaft(raft);
        return raft;
    }

    /** One gossip round, then this node's own registration until it is in the catalog. */
    private void tick() {
        long now = System.nanoTime();
        boolean forming = !sync.synced() && now - startedNanos < FORMING_WINDOW.toNanos();
        if (!forming && now - lastRound < GOSSIP_INTERVAL.toNanos()) {
            return;
        }
        lastRound = now;
        try {
            cluster.tick();
            operator.leaderRound();
            if (!sync.synced() && registry.cluster().knownLeader()) {
                sync.syncSelf();
            }
            if (sync.synced()) {
                coordinateSync.round();
            }
        } catch (RuntimeException e) {
            LOG.warn("agent: cluster round failed: {}", e.getMessage());
        }
    }

    private static String withPort(String address, int defaultPort) {
        return address.contains(":") ? address : address + ":" + defaultPort;
    }

    /** This agent's node as the catalog holds it; the same for the agent's whole life. */
    Node node() {
        return node;
    }

    private LocalAgent.Identity identity() {
        return description.identity(members);
    }

    private List<LocalAgent.Member> members() {
        return description.members(members);
    }

    /** Joins the agent at ADDR[:PORT] ({@code PUT /v1/agent/join}); false when it did not answer. */
    boolean join(String address) {
        return cluster.join(withPort(address, config.serfLanPort()));
    }

    /**
     * Where {@code PUT /v1/agent/reload} and SIGHUP get the configuration anew (the CLI re-reads its files).
     * Without one, a reload fails with a message saying so.
     */
    public void onReload(Supplier<AgentConfig> source) {
        this.reloadSource = requireNonNull(source, "source");
    }

    /** Consul's reload: the config files' services and checks are registered again, removed ones dropped. */
    public void reload() {
        Supplier<AgentConfig> source = reloadSource;
        if (source == null) {
            throw new IllegalStateException("this agent was started without config files to reload");
        }
        LOG.info("agent: Reloading configuration...");
        sync.reapply(source.get());
    }

    /** Leaves the cluster gracefully ({@code PUT /v1/agent/leave}), then stops, as Consul's agent does. */
    private void leaveAndStop() {
        cluster.leave();
        stopInBackground();
    }

    /** Leaves the cluster gracefully (a signal asked for it: leave_on_terminate, skip_leave_on_interrupt). */
    public void leave() {
        LOG.info("agent: Gracefully shutting down agent...");
        cluster.leave();
    }

    /** Consul's agent exits when {@code -retry-max} join attempts all failed. */
    private void joinGaveUp(String address) {
        LOG.error("agent: Retry join failed: max join retry exhausted for {}, exiting", address);
        stopFailed();
    }

    /** Stops the agent by itself, and the CLI exits 1. */
    private void stopFailed() {
        failed = true;
        stopInBackground();
    }

    private void stopInBackground() {
        Thread.ofVirtual().start(() -> {
            close();
            onStopped.run();
        });
    }

    /**
     * Ratis could not write its log (a full or failing disk) and closed it: this server can neither lead nor follow
     * until it starts again, so it stops, as etcd does when it cannot write its WAL, and a supervisor (systemd,
     * Docker's --restart) brings it back once the disk takes writes.
     */
    private void raftStorageFailed(Throwable cause) {
        if (failed) {
            return;
        }
        LOG.error("agent: cannot write the Raft log in {}: {}; stopping. Free disk space there, then start the agent "
                + "again: it catches up from the others", dataDir, rootMessage(cause));
        stopFailed();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** Whether the agent stopped because it could not do what it was told (the CLI then exits 1). */
    public boolean failed() {
        return failed;
    }

    /** What to do once the agent stopped by itself (after a leave): the CLI exits. */
    public void onStopped(Runnable action) {
        this.onStopped = requireNonNull(action, "action");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("agent: Requesting shutdown");
        ticker.shutdownNow();
        checkTasks.close();
        if (cluster != null) {
            cluster.close();
        }
        running.stopAll();
        if (temporaryDataDir) {
            LocalResources.deleteTree(dataDir);
        }
        LOG.info("agent: shutdown complete");
    }
}
