package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.NoLeaderException;
import dev.signpost.core.Registry;
import dev.signpost.core.command.Command;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.CatalogStore;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Watches;
import dev.signpost.metrics.Metrics;

/**
 * The registry on Apache Ratis: every write goes through the Raft log of the datacenter's group, and
 * reads are served from the local {@link CatalogStore} after the check their mode asks for.
 *
 * <p>Thread-safe. Writes and consistent reads block the calling thread (a virtual thread in the HTTP
 * server) for at most the configured write timeout; the Ratis calls under them are asynchronous.
 */
public final class RaftRegistry implements Registry, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftRegistry.class);

    private final RaftConfig config;
    private final CommandCodec codec = new CommandCodec();
    private final CatalogStore store = new CatalogStore(codec::readSnapshot);
    private final RaftGroup group;
    private final RaftPeerId selfId;
    private final RaftServer server;
    private final AtomicReference<RaftPeerId> leader = new AtomicReference<>();
    private final LeaderClient client;
    private final Membership membership;
    private final ForwardBatcher forwarder;
    private final LeaderContact leaderContact = new LeaderContact(System::nanoTime);

    /** Runs the snapshot checks and the leader-contact sampling. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("raft-timer").daemon().factory());
    private final AppliedIndex applied = new AppliedIndex();
    private final RegistryStateMachine stateMachine;
    private final RaftAdmin admin;
    private volatile RaftMetrics raftMetrics = RaftMetrics.NONE;
    private final StorageGuard storage;
    private final RaftCalls calls;

    private RaftRegistry(RaftConfig config, List<Peer> peers, boolean listener) throws IOException {
        this.config = config;
        this.selfId = RaftPeerId.valueOf(config.nodeName());
        RaftProperties properties = RatisProperties.of(config);
        Parameters parameters = RatisProperties.parameters(config);
        boolean existing = hasRaftData(config.dataDir(), config.datacenter());
        // With Raft data the stored configuration wins; the peers only seed a new group.
        List<RaftPeer> initial = new ArrayList<>(existing ? List.of() : peers.stream().map(Membership::voter).toList());
        if (listener && !existing) {
            // A client agent keeps a replica as a non-voting listener: reads and DNS are served locally.
            initial.add(Membership.listener(new Peer(config.nodeName(), config.advertiseAddress())));
        }
        this.group = RaftGroup.valueOf(groupId(config.datacenter()), initial);
        this.client = new LeaderClient(properties, parameters, group.getGroupId(), () -> members().voters(),
                config.writeTimeout());
        this.membership = new Membership(this::members,
                (voters, listeners) -> client.get().admin().setConfiguration(voters, listeners));
        this.forwarder = new ForwardBatcher(codec, message -> client.get().async().send(message),
                config.writeTimeout(), client::dropIfBuiltBefore);
        this.stateMachine = new RegistryStateMachine(store, codec, applied, this::leaderChanged);
        this.admin = new RaftAdmin(this, this::division, client, membership, codec, config.writeTimeout());
        this.storage = new StorageGuard(DiskReserve.of(config.dataDir()),
                why -> admin.handOverLeadership(config.nodeName(), Duration.ofSeconds(10), why));
        stateMachine.admission(storage::admit);
        this.server = RaftServer.newBuilder()
                .setServerId(selfId)
                .setGroup(group)
                .setProperties(properties)
                .setParameters(parameters)
                .setStateMachine(stateMachine)
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        this.calls = new RaftCalls(server, selfId, group.getGroupId(), this::division, client, storage,
                config.writeTimeout());
    }

    /** A Raft voter: its node name (the Raft peer ID) and server RPC address. */
    public record Peer(String name, String address) {
        public Peer {
            requireNonNull(name, "name");
            requireNonNull(address, "address");
        }
    }

    /** True when this data directory already holds this datacenter's Raft log: the server must not bootstrap. */
    public static boolean hasRaftData(Path dataDir, String datacenter) {
        return Files.isDirectory(dataDir.resolve("raft").resolve(groupId(datacenter).getUuid().toString()));
    }

    /** Starts a server that forms a one-server group by itself (Consul's {@code -bootstrap} and {@code -dev}). */
    public static RaftRegistry startSingle(RaftConfig config) throws IOException {
        return start(config, List.of(new Peer(config.nodeName(), config.advertiseAddress())));
    }

    /** Starts this server in a new group of these voters, or in the group stored in the data directory. */
    public static RaftRegistry start(RaftConfig config, List<Peer> peers) throws IOException {
        return new RaftRegistry(config, peers, false).started();
    }

    /**
     * Starts a client agent's replica: a non-voting listener of the group of these voters (or the group
     * stored in the data directory). The leader must add it with {@link #addListener}.
     */
    public static RaftRegistry startListener(RaftConfig config, List<Peer> voters) throws IOException {
        return new RaftRegistry(config, voters, true).started();
    }

    private RaftRegistry started() throws IOException {
        server.start();
        new SnapshotTimer(timer, ThreadLocalRandom.current(), config.snapshotInterval(), config.snapshotThreshold(),
                applied::applied, this::snapshotIndex, () -> calls.takeSnapshot(config.snapshotThreshold())).start();
        timer.scheduleWithFixedDelay(this::sampleLeaderContact, 250, 250, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(storage::check, 250, 250, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The index of the latest snapshot this server took or received, or 0 before the first. */
    public long snapshotIndex() {
        var latest = stateMachine.getLatestSnapshot();
        return latest == null ? 0 : latest.getIndex();
    }

    /** The group's configuration as this server's Raft division has it now. */
    private Membership.Members members() {
        var conf = division().getRaftConf();
        return new Membership.Members(List.copyOf(conf.getCurrentPeers()),
                List.copyOf(conf.getCurrentPeers(RaftPeerRole.LISTENER)));
    }

    /** The group's voters as this server's current configuration has them. */
    public List<Peer> voters() {
        return membership.voters();
    }

    /** Adds a voter (a Ratis membership change, on the leader); returns once the configuration is committed. */
    public void addVoter(Peer peer) {
        membership.addVoter(peer);
    }

    /** Adds a client agent's replica as a non-voting listener; only through the leader. */
    public void addListener(Peer peer) {
        membership.addListener(peer);
    }

    /** Removes a voter (or a listener) from the group; only the leader can. */
    public void removeVoter(String name) {
        membership.remove(name);
    }

    /** One group per datacenter, with a stable ID, so every server of the datacenter names the same group. */
    static RaftGroupId groupId(String datacenter) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("signpost:" + datacenter).getBytes(StandardCharsets.UTF_8)));
    }

    /** Records Consul's Raft metrics from now on ({@link RaftMetrics}). */
    public void meteredBy(Metrics metrics) {
        raftMetrics = RaftMetrics.start(metrics, this::division, applied::applied, timer);
        stateMachine.meteredBy(raftMetrics);
    }

    private void leaderChanged(RaftPeerId newLeader) {
        RaftPeerId previous = leader.getAndSet(newLeader);
        if (newLeader == null || newLeader.equals(previous)) {
            return;
        }
        if (newLeader.equals(selfId)) {
            raftMetrics.becameLeader();
            LOG.info("consul: cluster leadership acquired");
        }
        LOG.info("consul: New leader elected: {}", newLeader);
    }

    /**
     * Writes through the Raft log. On the leader the request goes straight to the local Raft server; a
     * follower, or a leader that just lost its leadership before appending, sends it to the leader through
     * the Ratis client, together with other writes when several wait (see {@link ForwardBatcher}).
     */
    @Override
    public WriteResult write(Command command) {
        CommandMessage message = CommandMessage.of(command, codec);
        if (message.content().size() > RatisProperties.LARGEST_ENTRY) {
            // Ratis would fail its log writer on it (the server stops) or never send it to a follower.
            throw new InvalidRequestException("Write too large for the Raft log: " + message
                    + ", and one entry holds at most " + RatisProperties.LARGEST_ENTRY + " bytes");
        }
        RaftClientReply local = calls.submitLocally(message, RaftClientRequest.writeRequestType(), "write");
        if (local != null) {
            return RegistryStateMachine.decodeReply(local.getMessage());
        }
        return calls.await(forwarder.write(message), "write");
    }

    @Override
    public <T> T read(ReadMode mode, Function<CatalogState, T> query) {
        switch (mode) {
            case STALE -> {
            }
            case DEFAULT -> {
                DivisionInfo info = division().getInfo();
                if (info.isLeader() && !info.isLeaderReady()) {
                    // Just elected here: /v1/status/leader already names this server, so a read waits (at most the
                    // write timeout) for its first commit, which makes its state whole, rather than answering 500.
                    calls.awaitLeaderReady();
                }
                if (info.isLeader() && !info.isLeaderReady() || info.getLeaderId() == null) {
                    throw new NoLeaderException();
                }
                if (!info.isLeader()) {
                    readIndex();
                }
            }
            case CONSISTENT -> readIndex();
        }
        return store.read(query);
    }

    /**
     * Waits until this server has applied everything the leader had applied after confirming its
     * leadership (Raft's read index, Raft thesis 6.4): the leader answers a linearizable read-only request
     * with its applied index, and this server waits to reach it: on a future that its state machine completes
     * when it applies that index ({@link AppliedIndex}), for what is left of the write timeout.
     */
    private void readIndex() {
        long started = System.nanoTime();
        RaftClientReply reply = calls.submit(Message.EMPTY, RaftClientRequest.readRequestType(), "consistent read",
                c -> c.async().sendReadOnly(Message.EMPTY));
        long target = RegistryStateMachine.decodeAppliedIndex(reply.getMessage());
        try {
            if (!applied.await(target, config.writeTimeout().minusNanos(System.nanoTime() - started))) {
                throw new NoLeaderException("this server is behind the leader (applied " + applied.applied()
                        + " of " + target + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoLeaderException("consistent read interrupted");
        }
    }

    /**
     * What to do when this server cannot go on writing its Raft data: Ratis failed to write the log (and closed it),
     * or the disk is too full to write safely. It can neither lead nor follow until it is started again.
     */
    public void onStorageFailure(Consumer<Throwable> action) {
        storage.onFailure(action);
        stateMachine.onLogFailed(action);
    }

    /** Operator calls: configuration, peer removal, leadership transfer, snapshot archives. */
    public RaftAdmin admin() {
        return admin;
    }

    /** The local state, for tests. */
    public CatalogStore store() {
        return store;
    }

    @Override
    public Watches.Subscription watch(Scope scope, Runnable onChange) {
        return store.watch(scope, onChange);
    }

    @Override
    public ClusterView cluster() {
        DivisionInfo info = division().getInfo();
        RaftPeerId leaderId = info.getLeaderId();
        Optional<RaftPeer> leaderPeer = Optional.ofNullable(leaderId).map(id -> division().getRaftConf().getPeer(id));
        List<String> peers = members().voters().stream().map(RaftPeer::getAddress).toList();
        leaderContact.note(info);
        long lastContact = info.isLeader() ? 0 : leaderContact.millisSince();
        return new ClusterView(leaderPeer.map(RaftPeer::getAddress),
                Optional.ofNullable(leaderId).map(RaftPeerId::toString), info.isLeader(), lastContact, peers);
    }

    /** Samples the leader contact a few times a second, so the time keeps counting while nobody asks. */
    private void sampleLeaderContact() {
        try {
            leaderContact.note(division().getInfo());
        } catch (RuntimeException e) {
            LOG.debug("raft: cannot sample the leader contact: {}", e.toString());
        }
    }

    RaftServer.Division division() { // package-private for tests that watch its role
        try {
            return server.getDivision(group.getGroupId());
        } catch (IOException e) {
            throw new IllegalStateException("raft group not running: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        timer.shutdownNow();
        client.close();
        server.close();
    }
}
