package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

import dev.signpost.core.NoLeaderException;
import dev.signpost.core.StorageFullException;

/**
 * The requests this server makes of Raft: to its own division while it leads, else through the {@link LeaderClient};
 * each waited for at most the write timeout, a failure being a {@link NoLeaderException} (or the Ratis failure
 * {@link RatisReplies#failed} words). Thread-safe.
 */
final class RaftCalls {
    private final RaftServer server;
    private final RaftPeerId selfId;
    private final RaftGroupId groupId;
    private final Supplier<RaftServer.Division> division;
    private final LeaderClient client;
    private final StorageGuard storage;
    private final Duration timeout;
    /** The identity of requests this server submits to itself while it leads (Ratis' retry cache keys on it). */
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong localCallIds = new AtomicLong();

    RaftCalls(RaftServer server, RaftPeerId selfId, RaftGroupId groupId, Supplier<RaftServer.Division> division,
              LeaderClient client, StorageGuard storage, Duration timeout) {
        this.server = requireNonNull(server, "server");
        this.selfId = requireNonNull(selfId, "selfId");
        this.groupId = requireNonNull(groupId, "groupId");
        this.division = requireNonNull(division, "division");
        this.client = requireNonNull(client, "client");
        this.storage = requireNonNull(storage, "storage");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /** Asks this server to take a snapshot once {@code threshold} entries were applied since the last. */
    void takeSnapshot(long threshold) throws InterruptedException, ExecutionException, TimeoutException {
        server.snapshotManagementAsync(SnapshotManagementRequest.newCreate(localClientId, selfId, groupId,
                localCallIds.incrementAndGet(), timeout.toMillis(), threshold))
                .get(timeout.toMillis() * 4, TimeUnit.MILLISECONDS);
    }

    /**
     * Submits a request to this server when it leads, otherwise (or when {@link #submitLocally} hands it on) through
     * the client; throws {@link NoLeaderException} on failure.
     */
    RaftClientReply submit(Message message, RaftClientRequest.Type type, String what,
                           Function<RaftClient, CompletableFuture<RaftClientReply>> viaClient) {
        RaftClientReply reply = submitLocally(message, type, what);
        if (reply != null) {
            return reply;
        }
        RaftClient via = client.get();
        long sentNanos = System.nanoTime(); // after get(), which may build the client this call goes through
        return RatisReplies.successful(await(viaClient.apply(via), what, () -> client.dropIfBuiltBefore(sentNanos)));
    }

    /**
     * Submits a request to this server's Raft division if it leads; null when it does not, or when Ratis refused it
     * in a way that lets it go to the leader instead: not ready yet, handing its leadership over, or a read on a server
     * that stopped leading. A write on a server that stopped leading may already be in the log, so it fails rather
     * than going again (see {@link RatisReplies#mayResend}); one refused while this server's disk is short of room
     * fails with that reason.
     */
    RaftClientReply submitLocally(Message message, RaftClientRequest.Type type, String what) {
        if (!awaitLeaderReady()) {
            return null;
        }
        RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(localClientId).setServerId(selfId)
                .setGroupId(groupId).setCallId(localCallIds.incrementAndGet()).setMessage(message)
                .setType(type).build();
        CompletableFuture<RaftClientReply> local;
        try {
            local = server.submitClientRequestAsync(request);
        } catch (IOException e) {
            local = CompletableFuture.failedFuture(e);
        }
        boolean write = type.is(RaftClientRequestProto.TypeCase.WRITE);
        local = local.exceptionally(e -> RatisReplies.mayResend(e, write) ? null : RatisReplies.rethrow(e));
        RaftClientReply reply = await(local, what);
        if (reply == null || reply.getException() != null && RatisReplies.mayResend(reply.getException(), write)) {
            if (write) {
                // Refused here while this leader's disk is below the reserve (it is handing its leadership over for
                // that): the disk is the reason to give, not a step-down, and not a detour through the next leader.
                storage.shortOfRoom().ifPresent(refusal -> {
                    throw RatisReplies.failed(refusal.getMessage());
                });
            }
            return null;
        }
        return RatisReplies.successful(reply);
    }

    /**
     * True when this server leads and is ready to append, after waiting (at most the write timeout) while it has
     * just been elected and not yet committed its first entry; false when it does not lead. Without the wait, the
     * writes a new leader makes at once (autopilot, ACL set-up) went to the leader through the Ratis client, which
     * a lone server never needs otherwise: its gRPC threads and buffers were a tenth of an idle agent's memory.
     */
    boolean awaitLeaderReady() {
        long deadline = System.nanoTime() + timeout.toNanos();
        DivisionInfo info = division.get().getInfo();
        while (info.isLeader() && !info.isLeaderReady() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
        }
        return info.isLeader();
    }

    /** Waits for a Ratis call, which may retry for long: we give up after the write timeout. */
    <T> T await(CompletableFuture<T> future, String what) {
        return await(future, what, () -> { });
    }

    /** As {@link #await(CompletableFuture, String)}; {@code onLost} runs when its client timed out or closed. */
    private <T> T await(CompletableFuture<T> future, String what, Runnable onLost) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            onLost.run();
            throw new NoLeaderException(what + " timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoLeaderException(what + " interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoLeaderException || e.getCause() instanceof StorageFullException) {
                throw (RuntimeException) e.getCause();
            }
            if (e.getCause() instanceof AlreadyClosedException) {
                onLost.run();
            }
            throw RatisReplies.failed(String.valueOf(e.getCause().getMessage()));
        }
    }
}
