package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.NoLeaderException;
import dev.signpost.core.Registry;
import dev.signpost.core.command.Command;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.CatalogStore;

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
    private final CatalogStore store = new CatalogStore();
    private final CommandCodec codec = new CommandCodec();
    private final RaftGroup group;
    private final RaftPeerId selfId;
    private final RaftServer server;
    private final RaftProperties properties;
    private final AtomicReference<RaftPeerId> leader = new AtomicReference<>();
    private RaftClient client;
    private long clientBuiltNanos; // guarded by this
    private final ForwardBatcher forwarder;
    /** The identity of requests this server submits to itself while it leads (Ratis' retry cache keys on it). */
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong localCallIds = new AtomicLong();
    private volatile long lastLeaderContactNanos = System.nanoTime();
    private List<RaftPeer> clientPeers = List.of();

    /** Runs the snapshot checks and the leader-contact sampling. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("raft-timer").daemon().factory());
    private final AppliedIndex applied = new AppliedIndex();
    private final RegistryStateMachine stateMachine;

    private RaftRegistry(RaftConfig config, List<Peer> peers, boolean listener) throws IOException {
        this.config = config;
        this.forwarder = new ForwardBatcher(codec, message -> client().async().send(message), config.writeTimeout(),
                this::dropClientOlderThan);
        this.selfId = RaftPeerId.valueOf(config.nodeName());
        this.properties = properties(config);
        boolean existing = hasRaftData(config.dataDir(), config.datacenter());
        // With Raft data the stored configuration wins; the peers only seed a new group.
        List<RaftPeer> initial = new ArrayList<>(existing ? List.of() : raftPeers(peers));
        if (listener && !existing) {
            // A client agent keeps a replica as a non-voting listener: reads and DNS are served locally.
            initial.add(RaftPeer.newBuilder().setId(config.nodeName()).setAddress(config.advertiseAddress())
                    .setStartupRole(RaftPeerRole.LISTENER).build());
        }
        this.group = RaftGroup.valueOf(groupId(config.datacenter()), initial);
        this.stateMachine = new RegistryStateMachine(store, codec, applied, this::leaderChanged);
        this.server = RaftServer.newBuilder()
                .setServerId(selfId)
                .setGroup(group)
                .setProperties(properties)
                .setStateMachine(stateMachine)
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
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

    /**
     * Starts this server in the datacenter's group: a new group of these voters, or, when the data
     * directory has Raft data, the group as stored there.
     */
    public static RaftRegistry start(RaftConfig config, List<Peer> peers) throws IOException {
        RaftRegistry registry = new RaftRegistry(config, peers, false);
        registry.server.start();
        registry.startTimers();
        return registry;
    }

    /**
     * Starts a client agent's replica: a non-voting listener of the group of these voters (or the group
     * stored in the data directory). The leader must add it with {@link #addListener}.
     */
    public static RaftRegistry startListener(RaftConfig config, List<Peer> voters) throws IOException {
        RaftRegistry registry = new RaftRegistry(config, voters, true);
        registry.server.start();
        registry.startTimers();
        return registry;
    }

    private void startTimers() {
        scheduleSnapshotCheck();
        timer.scheduleWithFixedDelay(this::sampleLeaderContact, 250, 250, TimeUnit.MILLISECONDS);
    }

    /**
     * Every snapshot interval (randomised up to twice it), takes a snapshot when at least the threshold of
     * entries were applied since the last one; Ratis then compacts the log behind it.
     */
    private void scheduleSnapshotCheck() {
        long interval = config.snapshotInterval().toMillis();
        long delay = interval + java.util.concurrent.ThreadLocalRandom.current().nextLong(interval);
        try {
            timer.schedule(() -> {
                try {
                    takeSnapshotIfDue();
                } finally {
                    scheduleSnapshotCheck();
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("raft: snapshot timer stopped");
        }
    }

    private void takeSnapshotIfDue() {
        try {
            long applied = division().getInfo().getLastAppliedIndex();
            if (applied - snapshotIndex() < config.snapshotThreshold()) {
                return;
            }
            server.snapshotManagementAsync(SnapshotManagementRequest.newCreate(localClientId, selfId,
                    group.getGroupId(), localCallIds.incrementAndGet(), config.writeTimeout().toMillis(),
                    config.snapshotThreshold())).get(config.writeTimeout().toMillis() * 4, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("raft: snapshot failed: {}; trying again in {} s", e.toString(), config.snapshotInterval().toSeconds());
        }
    }

    /** The index of the latest snapshot this server took or received, or 0 before the first. */
    public long snapshotIndex() {
        var latest = stateMachine.getLatestSnapshot();
        return latest == null ? 0 : latest.getIndex();
    }

    private static List<RaftPeer> raftPeers(List<Peer> peers) {
        return peers.stream().map(p -> RaftPeer.newBuilder().setId(p.name()).setAddress(p.address()).build()).toList();
    }

    /** A client over the group's current voters, rebuilt when the membership changed. */
    private synchronized RaftClient client() {
        List<RaftPeer> peers = currentPeers();
        if (client == null || !peers.equals(clientPeers)) {
            closeQuietly(client);
            client = RaftClient.newBuilder().setProperties(properties)
                    .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                            (int) (config.writeTimeout().toMillis() / 250), TimeDuration.valueOf(250, TimeUnit.MILLISECONDS)))
                    .setRaftGroup(RaftGroup.valueOf(group.getGroupId(), peers)).build();
            clientPeers = peers;
            clientBuiltNanos = System.nanoTime();
        }
        return client;
    }

    /**
     * Closes the client if it was built before a call that timed out was sent; the next call builds a new one.
     * Ratis goes on retrying a timed-out call for far longer (each attempt waits out its own timeout while a
     * leader is unreachable), and its ordered stream answers every later call of this server only after that one:
     * once a partition healed, a follower's writes waited behind a write sent while it was cut off.
     */
    private synchronized void dropClientOlderThan(long sentNanos) {
        if (client != null && clientBuiltNanos - sentNanos <= 0) {
            LOG.info("raft: no answer from the leader within {} ms; reconnecting", config.writeTimeout().toMillis());
            RaftClient stale = client;
            client = null;
            // Not on the caller's thread: a timer thread of the JDK's, which every timeout here shares.
            Thread.ofVirtual().name("raft-client-close").start(() -> closeQuietly(stale));
        }
    }

    private List<RaftPeer> currentPeers() {
        return List.copyOf(division().getRaftConf().getCurrentPeers());
    }

    /** The group's voters as this server's current configuration has them. */
    public List<Peer> voters() {
        return currentPeers().stream().map(p -> new Peer(p.getId().toString(), p.getAddress())).toList();
    }

    private List<RaftPeer> currentListeners() {
        return List.copyOf(division().getRaftConf().getCurrentPeers(RaftPeerRole.LISTENER));
    }

    /**
     * Adds a voter to the group (Ratis membership change); only the leader can. Returns when the new
     * configuration is committed.
     */
    public void addVoter(Peer peer) {
        List<RaftPeer> peers = new ArrayList<>(currentPeers());
        if (peers.stream().anyMatch(p -> p.getId().toString().equals(peer.name()))) {
            return;
        }
        peers.addAll(raftPeers(List.of(peer)));
        List<RaftPeer> listeners = new ArrayList<>(currentListeners());
        listeners.removeIf(p -> p.getId().toString().equals(peer.name()));
        setConfiguration(peers, listeners, "add " + peer.name());
        LOG.info("consul: added server {} (Addr: {}) to the Raft group", peer.name(), peer.address());
    }

    /** Adds a client agent's replica as a non-voting listener; only through the leader. */
    public void addListener(Peer peer) {
        List<RaftPeer> listeners = new ArrayList<>(currentListeners());
        if (listeners.stream().anyMatch(p -> p.getId().toString().equals(peer.name()))) {
            return;
        }
        listeners.add(RaftPeer.newBuilder().setId(peer.name()).setAddress(peer.address())
                .setStartupRole(RaftPeerRole.LISTENER).build());
        setConfiguration(currentPeers(), listeners, "add listener " + peer.name());
        LOG.info("consul: added client {} (Addr: {}) as a Raft listener", peer.name(), peer.address());
    }

    /** Removes a voter from the group; only the leader can. */
    public void removeVoter(String name) {
        List<RaftPeer> peers = new ArrayList<>(currentPeers());
        List<RaftPeer> listeners = new ArrayList<>(currentListeners());
        boolean voter = peers.removeIf(p -> p.getId().toString().equals(name));
        boolean listener = listeners.removeIf(p -> p.getId().toString().equals(name));
        if (!voter && !listener) {
            return;
        }
        setConfiguration(peers, listeners, "remove " + name);
        LOG.info("consul: removed {} from the Raft group", name);
    }

    private void setConfiguration(List<RaftPeer> peers, List<RaftPeer> listeners, String what) {
        try {
            RaftClientReply reply = client().admin().setConfiguration(peers, listeners);
            if (!reply.isSuccess()) {
                throw new NoLeaderException(what + " failed: " + reply.getException());
            }
        } catch (IOException e) {
            throw new NoLeaderException(what + " failed: " + e.getMessage());
        }
    }

    private static void closeQuietly(RaftClient c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("raft: closing a client failed: {}", e.toString());
        }
    }

    /** One group per datacenter, with a stable ID, so every server of the datacenter names the same group. */
    static RaftGroupId groupId(String datacenter) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("signpost:" + datacenter).getBytes(StandardCharsets.UTF_8)));
    }

    private static RaftProperties properties(RaftConfig config) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(config.dataDir().resolve("raft").toFile()));
        RaftConfigKeys.Rpc.setType(p, new PromptRpcType());
        GrpcConfigKeys.Server.setHost(p, config.bindHost());
        GrpcConfigKeys.Server.setPort(p, config.port());
        long election = config.electionTimeout().toMillis();
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(election, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2 * election, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, TimeDuration.valueOf(election / 5, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, TimeDuration.valueOf(election / 2, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
        // Snapshots are taken on our own timer (see scheduleSnapshotCheck), as Consul does: Ratis' trigger
        // would snapshot every N entries, many times a second under load, and apply waits for each one.
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, false);
        // Ratis' log metadata entry (the commit index, appended after every commit) lets a restarted server
        // apply past its snapshot before it hears from a leader. Consul's Raft keeps no such record either:
        // a restarted server applies the rest once a leader commits. The extra entry per commit halved the
        // throughput of a single writer.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        // Memory: Ratis keeps every reply for 60 s (its retry cache) and up to 200 MB of log entries; at a few
        // thousand writes a second that filled a 512 MB heap. A client retries for at most the write timeout,
        // and the entries followers still need are a segment or two.
        RaftServerConfigKeys.RetryCache.setExpiryTime(p,
                TimeDuration.valueOf(3 * config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, org.apache.ratis.util.SizeInBytes.valueOf("64MB"));
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        // A client call retries through leader changes for about the write timeout, then gives up.
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(2, TimeUnit.SECONDS));
        return p;
    }

    private void leaderChanged(RaftPeerId newLeader) {
        RaftPeerId previous = leader.getAndSet(newLeader);
        if (newLeader == null || newLeader.equals(previous)) {
            return;
        }
        if (newLeader.equals(selfId)) {
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
        RaftClientReply local = submitLocally(message, RaftClientRequest.writeRequestType(), "write");
        if (local != null) {
            return RegistryStateMachine.decodeReply(local.getMessage());
        }
        return await(forwarder.write(message), "write");
    }

    /**
     * Submits a request to this server when it leads, otherwise (or when it turned out not to lead, so
     * nothing was appended) through the client; throws {@link NoLeaderException} on failure.
     */
    private RaftClientReply submit(Message message, RaftClientRequest.Type type, String what,
                                   Function<RaftClient, CompletableFuture<RaftClientReply>> viaClient) {
        RaftClientReply reply = submitLocally(message, type, what);
        if (reply != null) {
            return reply;
        }
        RaftClient via = client();
        long sentNanos = System.nanoTime(); // after client(), which may build the client this call goes through
        return successful(await(viaClient.apply(via), what, () -> dropClientOlderThan(sentNanos)));
    }

    /**
     * Submits a request to this server's Raft division if it leads; null when it does not, or when it stopped
     * leading (or is not ready yet) before appending, so the request can go to the leader instead.
     */
    private RaftClientReply submitLocally(Message message, RaftClientRequest.Type type, String what) {
        if (!division().getInfo().isLeader()) {
            return null;
        }
        RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(localClientId).setServerId(selfId)
                .setGroupId(group.getGroupId()).setCallId(localCallIds.incrementAndGet()).setMessage(message)
                .setType(type).build();
        CompletableFuture<RaftClientReply> local;
        try {
            local = server.submitClientRequestAsync(request);
        } catch (IOException e) {
            local = CompletableFuture.failedFuture(e);
        }
        local = local.exceptionally(e -> notAppended(e) ? null : rethrow(e));
        RaftClientReply reply = await(local, what);
        return reply == null || notAppended(reply.getException()) ? null : successful(reply);
    }

    /** The reply, or {@link NoLeaderException} with Ratis' reason when the request failed. */
    static RaftClientReply successful(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new NoLeaderException(String.valueOf(reply.getException()));
        }
        return reply;
    }

    @Override
    public <T> T read(ReadMode mode, Function<CatalogState, T> query) {
        switch (mode) {
            case STALE -> {
            }
            case DEFAULT -> {
                DivisionInfo info = division().getInfo();
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
     * with its applied index, and this server waits to reach it.
     */
    private void readIndex() {
        long started = System.nanoTime();
        RaftClientReply reply = submit(Message.EMPTY, RaftClientRequest.readRequestType(), "consistent read",
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

    private static boolean notAppended(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof NotLeaderException || cause instanceof LeaderNotReadyException;
    }

    private static RaftClientReply rethrow(Throwable e) {
        throw e instanceof CompletionException c ? c : new CompletionException(e);
    }

    /** Waits for a Ratis call, which may retry for long: we give up after the write timeout. */
    private <T> T await(CompletableFuture<T> future, String what) {
        return await(future, what, () -> { });
    }

    private <T> T await(CompletableFuture<T> future, String what, Runnable onTimeout) {
        try {
            return future.get(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            onTimeout.run();
            throw new NoLeaderException(what + " timed out after " + config.writeTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoLeaderException(what + " interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoLeaderException noLeader) {
                throw noLeader;
            }
            throw new NoLeaderException(String.valueOf(e.getCause().getMessage()));
        }
    }

    @Override
    public CatalogStore store() {
        return store;
    }

    @Override
    public ClusterView cluster() {
        DivisionInfo info = division().getInfo();
        RaftPeerId leaderId = info.getLeaderId();
        Optional<RaftPeer> leaderPeer = Optional.ofNullable(leaderId).map(id -> division().getRaftConf().getPeer(id));
        List<String> peers = new ArrayList<>();
        for (RaftPeer peer : currentPeers()) {
            peers.add(peer.getAddress());
        }
        long lastContact = info.isLeader() ? 0 : lastContactMillis(info);
        return new ClusterView(leaderPeer.map(RaftPeer::getAddress), Optional.ofNullable(leaderId).map(RaftPeerId::toString),
                info.isLeader(), lastContact, peers);
    }

    /**
     * Milliseconds since this server last heard from a leader (Consul's X-Consul-LastContact): Ratis' count
     * while it follows a leader; once there is none (Ratis then reports 0), the time since the last contact
     * seen, which keeps growing until a leader is elected.
     */
    private long lastContactMillis(DivisionInfo info) {
        noteLeaderContact(info);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastLeaderContactNanos);
    }

    /** Notes when a leader was last heard from: now on the leader, Ratis' count on a follower that has one. */
    private void noteLeaderContact(DivisionInfo info) {
        if (info.isLeader()) {
            lastLeaderContactNanos = System.nanoTime();
            return;
        }
        var role = info.getRoleInfoProto();
        if (info.getLeaderId() != null && role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
            long elapsedMillis = role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs();
            lastLeaderContactNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(elapsedMillis);
        }
    }

    /** Samples the leader contact a few times a second, so the time keeps counting while nobody asks. */
    private void sampleLeaderContact() {
        try {
            noteLeaderContact(division().getInfo());
        } catch (RuntimeException e) {
            LOG.debug("raft: cannot sample the leader contact: {}", e.toString());
        }
    }

    private RaftServer.Division division() {
        try {
            return server.getDivision(group.getGroupId());
        } catch (IOException e) {
            throw new IllegalStateException("raft group not running: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        timer.shutdownNow();
        synchronized (this) {
            closeQuietly(client);
            client = null;
        }
        server.close();
    }
}
