package dev.signpost.raft;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * How Signpost tunes Ratis: the one place that turns a {@link RaftConfig} into Ratis' {@link RaftProperties},
 * with the reason for every setting that differs from Ratis' default. (Named apart from Ratis' class so both
 * read plainly side by side.)
 */
final class RatisProperties {
    /**
     * The largest log entry, in bytes: Ratis' log appender sends at most this much to a follower at once (its
     * default, set here so the two limits below cannot drift apart), and a larger entry never reaches them.
     * Signpost's largest writes are a 2 MB request body and a part of a restore (1 MiB, 1.4 MB encoded; see
     * RaftAdmin).
     */
    static final int LARGEST_ENTRY = 4 << 20;

    private RatisProperties() {
    }

    /** The properties of this server's Ratis server and of its clients. */
    static RaftProperties of(RaftConfig config) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(config.dataDir().resolve("raft").toFile()));
        RaftConfigKeys.Rpc.setType(p, new PromptRpcType());
        GrpcConfigKeys.Server.setHost(p, config.bindHost());
        GrpcConfigKeys.Server.setPort(p, config.port());
        long election = config.electionTimeout().toMillis();
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(election));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(2 * election));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, millis(election / 5));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, millis(election / 2));
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        // No leader lease: a leader paused (GC, SIGSTOP) between its lease check and its read served ?consistent reads
        // a second stale (FaultsTest, PAUSE_LEADER). Consul's ?consistent confirms leadership with a round of heartbeats.
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, false);
        // Snapshots are taken on our own timer (see SnapshotTimer), as Consul does: Ratis' trigger would
        // snapshot every N entries, many times a second under load, and apply waits for each one.
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, false);
        // Ratis' log metadata entry (the commit index, appended after every commit) lets a restarted server
        // apply past its snapshot before it hears from a leader. Consul's Raft keeps no such record either:
        // a restarted server applies the rest once a leader commits. The extra entry per commit halved the
        // throughput of a single writer.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        // Memory: Ratis keeps every reply for 60 s (its retry cache) and up to 200 MB of log entries; at a few
        // thousand writes a second that filled a 512 MB heap. A client retries for at most the write timeout,
        // and the entries followers still need are a segment or two.
        RaftServerConfigKeys.RetryCache.setExpiryTime(p, millis(3 * config.writeTimeout().toMillis()));
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf("64MB"));
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        // Ratis writes its log through a direct buffer of 8 MB by default, every byte of it resident from the
        // start: 8 MB of an idle agent's memory. An entry must fit in it with its length and checksum.
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(LARGEST_ENTRY));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(LARGEST_ENTRY + (64 << 10)));
        // A client call retries through leader changes for about the write timeout, then gives up.
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(2, TimeUnit.SECONDS));
        return p;
    }

    /** The objects Ratis takes beside its properties: the gRPC transport's TLS, when the config has it. */
    static Parameters parameters(RaftConfig config) {
        Parameters parameters = new Parameters();
        config.tls().ifPresent(tls -> GrpcConfigKeys.TLS.setConf(parameters,
                new GrpcTlsConfig(tls.keyManager(), tls.trustManager(), tls.mutual())));
        return parameters;
    }

    private static TimeDuration millis(long millis) {
        return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
    }
}
