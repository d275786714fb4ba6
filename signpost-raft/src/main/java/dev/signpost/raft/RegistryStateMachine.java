package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.Registry.WriteResult;
import dev.signpost.core.command.Command;
import dev.signpost.core.state.CatalogSnapshot;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.CatalogStore;

/**
 * The Ratis state machine over a {@link CatalogStore}: decodes each committed log entry into a command
 * and applies it at the entry's index; writes and loads snapshots in the Raft storage directory.
 *
 * <p>Ratis calls {@code applyTransaction} and {@code takeSnapshot} from one thread in log order; HTTP and
 * DNS readers read the store concurrently through its lock.
 */
final class RegistryStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryStateMachine.class);

    private final CatalogStore store;
    private final CommandCodec codec;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final AppliedIndex applied;
    private final Consumer<RaftPeerId> onLeaderChange;
    private volatile Consumer<Throwable> onLogFailed = cause -> { };
    private volatile Admission admission = () -> { };
    private final ExecutorService snapshotWriter = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("raft-snapshot-writer").daemon().factory());
    private final AtomicBoolean writingSnapshot = new AtomicBoolean();
    /** Guards which snapshot file is the latest: the background writer against a snapshot installed from the leader. */
    private final Object snapshotFiles = new Object();
    private volatile RaftMetrics metrics = RaftMetrics.NONE;

    /** On the leader: when a write was taken, and the command itself when it was submitted here (else null). */
    private record Taken(Command command, long nanos) {
    }

    /** @param applied advanced as entries are applied and snapshots loaded, never elsewhere */
    RegistryStateMachine(CatalogStore store, CommandCodec codec, AppliedIndex applied,
                         Consumer<RaftPeerId> onLeaderChange) {
        this.store = requireNonNull(store, "store");
        this.codec = requireNonNull(codec, "codec");
        this.applied = requireNonNull(applied, "applied");
        this.onLeaderChange = requireNonNull(onLeaderChange, "onLeaderChange");
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        loadLatestSnapshot();
    }

    @Override
    public void reinitialize() throws IOException {
        loadLatestSnapshot();
    }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot;
        synchronized (snapshotFiles) {
            snapshot = storage.loadLatestSnapshot();
        }
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(file.toPath()), 1 << 16)) {
            store.restore(codec.readSnapshot(in));
        }
        setLastAppliedTermIndex(snapshot.getTermIndex());
        applied.advance(snapshot.getIndex());
        LOG.info("raft: restored snapshot at index {}", snapshot.getIndex());
    }

    /**
     * Every applied entry passes here: commands from {@link #applyTransaction}, after the store has them, and
     * Ratis' own entries (configuration changes, a new leader's first entry).
     */
    @Override
    protected boolean updateLastAppliedTermIndex(TermIndex newTermIndex) {
        boolean updated = super.updateLastAppliedTermIndex(newTermIndex);
        applied.advance(newTermIndex.getIndex());
        return updated;
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    /** On the leader, a command submitted here travels with its entry, so applying it needs no decoding. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        admission.check();
        TransactionContext trx = super.startTransaction(request);
        trx.setStateMachineContext(new Taken(request.getMessage() instanceof CommandMessage submitted
                ? submitted.command() : null, System.nanoTime()));
        return trx;
    }

    /** Records Consul's raft.apply and raft.commitTime from now on. */
    void meteredBy(RaftMetrics recorder) {
        this.metrics = recorder;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long index = entry.getIndex();
        Taken taken = trx.getStateMachineContext() instanceof Taken t ? t : null;
        Command command = taken != null && taken.command() != null ? taken.command()
                : codec.decode(entry.getStateMachineLogEntry().getLogData().toByteArray(), index);
        CatalogState.Applied applied = store.apply(command, index);
        if (taken != null) { // the leader, which took this write
            RaftMetrics recorder = metrics;
            recorder.apply.add(applied.results().size());
            recorder.commitTime.since(taken.nanos());
        }
        updateLastAppliedTermIndex(entry.getTerm(), index);
        // One byte per result (a batch has one per command), then the index.
        ByteBuffer reply = ByteBuffer.allocate(applied.results().size() + 8);
        applied.results().forEach(result -> reply.put((byte) (result ? 1 : 0)));
        reply.putLong(index).flip();
        return CompletableFuture.completedFuture(Message.valueOf(
                org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(reply)));
    }

    /** Decodes what {@link #applyTransaction} replied to a single write: its result and index. */
    static WriteResult decodeReply(Message reply) {
        return decodeReplies(reply).getFirst();
    }

    /** Decodes what {@link #applyTransaction} replied: the result of each write (more than one for a batch). */
    static List<WriteResult> decodeReplies(Message reply) {
        ByteBuffer bytes = reply.getContent().asReadOnlyByteBuffer();
        long index = bytes.getLong(bytes.limit() - 8);
        List<WriteResult> results = new ArrayList<>(bytes.limit() - 8);
        for (int i = 0; i < bytes.limit() - 8; i++) {
            results.add(new WriteResult(bytes.get(i) == 1, index));
        }
        return results;
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        // Ratis runs this on the leader once its read index is applied: answering with the applied index
        // lets a follower wait until it has applied as much, then read its own store (a read-index read).
        ByteBuffer applied = ByteBuffer.allocate(8).putLong(getLastAppliedTermIndex().getIndex()).flip();
        return CompletableFuture.completedFuture(Message.valueOf(
                org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(applied)));
    }

    /** Decodes what {@link #query} answered. */
    static long decodeAppliedIndex(Message reply) {
        return reply.getContent().asReadOnlyByteBuffer().getLong();
    }

    /**
     * Captures the state as of the last applied entry and writes it in the background, as Consul's FSM
     * snapshots do: writing a large catalog took the apply thread for most of a second, and on a leader
     * every write waited behind it.
     *
     * <p>Ratis compacts its log up to the index returned here, so this returns the latest snapshot already
     * on disk, not the one just started; the log is compacted behind a snapshot at the next check after it
     * was written. While a write is still running, no second capture is taken.
     */
    @Override
    public long takeSnapshot() {
        TermIndex last = getLastAppliedTermIndex();
        if (last != null && last.getIndex() >= 0 && writingSnapshot.compareAndSet(false, true)) {
            CatalogSnapshot content = store.snapshot();
            try {
                snapshotWriter.execute(() -> writeSnapshot(content, last));
            } catch (RejectedExecutionException e) {
                writingSnapshot.set(false); // closing
            }
        }
        SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
        return latest == null ? -1 : latest.getIndex();
    }

    private void writeSnapshot(CatalogSnapshot content, TermIndex last) {
        long started = System.nanoTime();
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        File temp = new File(target.getParentFile(), target.getName() + ".tmp");
        try {
            try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(temp.toPath()), 1 << 16)) {
                codec.writeSnapshot(content, out);
            }
            synchronized (snapshotFiles) {
                // A snapshot installed from the leader meanwhile may be newer than this one.
                SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
                if (latest != null && latest.getIndex() >= last.getIndex()) {
                    Files.delete(temp.toPath());
                    return;
                }
                Files.move(temp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                MD5FileUtil.computeAndSaveMd5ForFile(target);
                storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new org.apache.ratis.server.storage.FileInfo(
                        target.toPath(), MD5FileUtil.readStoredMd5ForFile(target)), last));
            }
            LOG.info("raft: snapshot taken at index {} ({} ms)", last.getIndex(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException | RuntimeException e) {
            LOG.warn("raft: snapshot at index {} failed: {}", last.getIndex(), e.toString());
            try {
                Files.deleteIfExists(temp.toPath());
            } catch (IOException ignored) {
                // the next snapshot overwrites it
            }
        } finally {
            writingSnapshot.set(false);
        }
    }

    @Override
    public void close() throws IOException {
        snapshotWriter.shutdown();
        try {
            if (!snapshotWriter.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("raft: gave up waiting for a snapshot being written; the previous one stays the latest");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.close();
    }

    /** A check on the leader before a write is appended; its IOException refuses the write (Ratis replies with it). */
    interface Admission {
        void check() throws IOException;
    }

    void admission(Admission check) {
        this.admission = requireNonNull(check, "check");
    }

    /** What to do once Ratis failed to write the log: it closed the log, and this server cannot go on. */
    void onLogFailed(Consumer<Throwable> action) {
        this.onLogFailed = requireNonNull(action, "action");
    }

    @Override
    public void notifyLogFailed(Throwable cause, LogEntryProto failedEntry) {
        onLogFailed.accept(cause);
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        onLeaderChange.accept(newLeaderId);
    }
}
