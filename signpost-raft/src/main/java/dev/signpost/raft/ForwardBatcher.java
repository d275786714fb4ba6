package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongConsumer;

import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;

import dev.signpost.core.NoLeaderException;
import dev.signpost.core.StorageFullException;
import dev.signpost.core.Registry.WriteResult;
import dev.signpost.core.command.Batch;

/**
 * A follower's writes on their way to the leader. A write goes at once while fewer than
 * {@value #MAX_IN_FLIGHT} sends are on their way; otherwise it waits for one to come back and then goes
 * with every write that waited meanwhile, as one {@link Batch}: one Raft client request, one log entry and
 * one reply instead of one each, as the log's group commit does with fsyncs. Under no load nothing waits.
 *
 * <p>A batch is applied once, as a single write is: the Ratis client retries a request under its call ID and
 * the leader answers a retry of an applied request from its retry cache. Transactions go alone (their
 * outcome is kept by index).
 *
 * <p>A send counts as on its way for at most the write timeout: the Ratis client may go on retrying one for
 * far longer while it looks for a new leader, and its writers have given up by then anyway. Without the
 * bound, two such sends would hold back every later write of this server. The owner of the client hears of
 * each send that timed out (see {@link LeaderClient}: it replaces the client).
 */
final class ForwardBatcher {
    static final int MAX_IN_FLIGHT = 2;
    static final int MAX_COMMANDS = 256;
    /** Encoded bytes per batch; a larger single write goes alone. */
    static final int MAX_BYTES = 1 << 20;

    private final CommandCodec codec;
    private final Function<Message, CompletableFuture<RaftClientReply>> send;
    private final Duration timeout;
    private final LongConsumer onTimeout;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>(); // guarded by this
    private int inFlight; // guarded by this

    private record Pending(CommandMessage message, CompletableFuture<WriteResult> result) {
    }

    /**
     * @param send sends a message to the leader (the Ratis client's async write)
     * @param timeout how long a send may take before its writes fail and the next ones go
     * @param onTimeout told the {@link System#nanoTime} just after a send that timed out was handed over
     */
    ForwardBatcher(CommandCodec codec, Function<Message, CompletableFuture<RaftClientReply>> send, Duration timeout,
                   LongConsumer onTimeout) {
        this.codec = requireNonNull(codec, "codec");
        this.send = requireNonNull(send, "send");
        this.timeout = requireNonNull(timeout, "timeout");
        this.onTimeout = requireNonNull(onTimeout, "onTimeout");
    }

    /** Sends a write, alone or with others; completes with its result, or fails with {@link NoLeaderException}. */
    CompletableFuture<WriteResult> write(CommandMessage message) {
        Pending pending = new Pending(message, new CompletableFuture<>());
        if (!Batch.batchable(message.command())) {
            dispatch(List.of(pending));
            return pending.result();
        }
        List<Pending> batch;
        synchronized (this) {
            waiting.add(pending);
            batch = takeBatch();
        }
        if (batch != null) {
            dispatch(batch);
        }
        return pending.result();
    }

    /** The next writes to send, or null when enough are on their way (or none wait). Holds this monitor. */
    private List<Pending> takeBatch() {
        if (inFlight >= MAX_IN_FLIGHT || waiting.isEmpty()) {
            return null;
        }
        List<Pending> batch = new ArrayList<>();
        int bytes = 0;
        while (!waiting.isEmpty() && batch.size() < MAX_COMMANDS) {
            int size = waiting.peek().message().content().size();
            if (!batch.isEmpty() && bytes + size > MAX_BYTES) {
                break;
            }
            batch.add(waiting.poll());
            bytes += size;
        }
        inFlight++;
        return batch;
    }

    private void dispatch(List<Pending> batch) {
        boolean counted = batch.size() > 1 || Batch.batchable(batch.getFirst().message().command());
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = send.apply(batch.size() == 1 ? batch.getFirst().message() : CommandMessage.of(
                    new Batch(batch.stream().map(p -> p.message().command()).toList()), codec));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        long sentNanos = System.nanoTime(); // after the send, so a client built for it counts as older
        // A copy times out, not the Ratis client's own future, which Ratis goes on completing.
        reply.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, error) -> {
            List<Pending> next = null;
            if (counted) {
                synchronized (this) {
                    inFlight--;
                    next = takeBatch();
                }
            }
            if (error instanceof TimeoutException || unwrap(error) instanceof AlreadyClosedException) {
                // A client whose ordered stream closed (its retries ran out while the leader was gone) fails every
                // later call at once, and never times out: it has to go as a silent one does.
                onTimeout.accept(sentNanos);
            }
            complete(batch, r, error);
            if (next != null) {
                dispatch(next);
            }
        });
    }

    /** How a failure of the client's future reaches the copy: wrapped once. */
    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static void complete(List<Pending> batch, RaftClientReply reply, Throwable error) {
        error = unwrap(error);
        if (error instanceof TimeoutException) {
            error = new NoLeaderException("write timed out: no answer from the leader");
        }
        List<WriteResult> results = null;
        if (error == null) {
            try {
                results = RegistryStateMachine.decodeReplies(RatisReplies.successful(reply).getMessage());
            } catch (NoLeaderException | StorageFullException e) {
                error = e;
            }
        }
        if (error != null) {
            for (Pending pending : batch) {
                pending.result().completeExceptionally(error);
            }
            return;
        }
        if (results.size() != batch.size()) {
            IllegalStateException wrong = new IllegalStateException(
                    "the leader answered " + results.size() + " results for " + batch.size() + " writes");
            batch.forEach(p -> p.result().completeExceptionally(wrong));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }
}
