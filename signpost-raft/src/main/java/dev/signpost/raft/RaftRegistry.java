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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
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
 * server) for at most the configured write timeout.
 */
public final class RaftRegistry implements Registry, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftRegistry.class);

    private final RaftConfig config;
    private final CatalogStore store = new CatalogStore();
    private final CommandCodec codec = new CommandCodec();
    private final RaftGroup group;
    private final RaftPeerId selfId;
    private final RaftServer server;
    private final RaftClient client;
    private final AtomicReference<RaftPeerId> leader = new AtomicReference<>();

    private RaftRegistry(RaftConfig config, List<RaftPeer> peers) throws IOException {
        this.config = config;
        this.selfId = RaftPeerId.valueOf(config.nodeName());
        this.group = RaftGroup.valueOf(groupId(config.datacenter()), peers);
        RaftProperties properties = properties(config);
        Path raftDir = config.dataDir().resolve("raft");
        boolean existing = Files.isDirectory(raftDir.resolve(group.getGroupId().getUuid().toString()));
        if (existing) {
            LOG.info("raft: Raft data found in {}, recovering", raftDir);
        }
        RegistryStateMachine stateMachine = new RegistryStateMachine(store, codec, this::leaderChanged);
        this.server = RaftServer.newBuilder()
                .setServerId(selfId)
                .setGroup(group)
                .setProperties(properties)
                .setStateMachine(stateMachine)
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        this.client = RaftClient.newBuilder().setProperties(properties).setRaftGroup(group).build();
    }

    /** Starts a server that forms a one-server group by itself (Consul's {@code -bootstrap} and {@code -dev}). */
    public static RaftRegistry startSingle(RaftConfig config) throws IOException {
        RaftPeer self = RaftPeer.newBuilder().setId(config.nodeName()).setAddress(config.advertiseAddress()).build();
        RaftRegistry registry = new RaftRegistry(config, List.of(self));
        registry.server.start();
        return registry;
    }

    /** One group per datacenter, with a stable ID, so every server of the datacenter names the same group. */
    static RaftGroupId groupId(String datacenter) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("signpost:" + datacenter).getBytes(StandardCharsets.UTF_8)));
    }

    private static RaftProperties properties(RaftConfig config) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(config.dataDir().resolve("raft").toFile()));
        GrpcConfigKeys.Server.setHost(p, config.bindHost());
        GrpcConfigKeys.Server.setPort(p, config.port());
        long election = config.electionTimeout().toMillis();
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(election, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2 * election, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, TimeDuration.valueOf(election / 5, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, TimeDuration.valueOf(election / 2, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
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

    @Override
    public WriteResult write(Command command) {
        byte[] bytes = codec.encode(command);
        RaftClientReply reply = await(client.async().send(Message.valueOf(
                org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(bytes))), "write");
        if (!reply.isSuccess()) {
            throw new NoLeaderException(String.valueOf(reply.getException()));
        }
        return RegistryStateMachine.decodeReply(reply.getMessage());
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

    /** Waits until this server has applied everything the leader had committed when asked (Raft read index). */
    private void readIndex() {
        // A leader asks itself (Ratis confirms leadership with the followers); a follower asks for a
        // follower read, which fetches the leader's commit index and waits until it is applied here.
        CompletableFuture<RaftClientReply> read = division().getInfo().isLeader()
                ? client.async().sendReadOnly(Message.EMPTY)
                : client.async().sendReadOnly(Message.EMPTY, selfId);
        RaftClientReply reply = await(read, "consistent read");
        if (!reply.isSuccess()) {
            throw new NoLeaderException(String.valueOf(reply.getException()));
        }
    }

    private RaftClientReply await(CompletableFuture<RaftClientReply> future, String what) {
        try {
            return future.get(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new NoLeaderException(what + " timed out after " + config.writeTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoLeaderException(what + " interrupted");
        } catch (ExecutionException e) {
            throw new NoLeaderException(e.getCause().getMessage());
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
        RaftGroup current = division().getGroup();
        Optional<RaftPeer> leaderPeer = Optional.ofNullable(leaderId).map(current::getPeer);
        List<String> peers = new ArrayList<>();
        for (RaftPeer peer : current.getPeers()) {
            peers.add(peer.getAddress());
        }
        long lastContact = info.isLeader() ? 0 : lastContactMillis(info);
        return new ClusterView(leaderPeer.map(RaftPeer::getAddress), Optional.ofNullable(leaderId).map(RaftPeerId::toString),
                info.isLeader(), lastContact, peers);
    }

    private static long lastContactMillis(DivisionInfo info) {
        var role = info.getRoleInfoProto();
        if (role.hasFollowerInfo()) {
            return role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs();
        }
        return 0;
    }

    private RaftServer.Division division() {
        try {
            return server.getDivision(group.getGroupId());
        } catch (IOException e) {
            throw new IllegalStateException("raft group not running: " + e.getMessage(), e);
        }
    }

    /** True once this server leads, or knows a leader. */
    public boolean hasLeader() {
        return division().getInfo().getLeaderId() != null;
    }

    public String nodeName() {
        return requireNonNull(config.nodeName());
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
