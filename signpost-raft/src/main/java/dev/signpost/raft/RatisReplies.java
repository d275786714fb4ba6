package dev.signpost.raft;

import java.util.concurrent.CompletionException;

import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;

import dev.signpost.core.NoLeaderException;

/** What a Ratis reply or failure means for a write: done, refused before it was appended, or failed. */
final class RatisReplies {
    private RatisReplies() {
    }

    /** The reply, or {@link NoLeaderException} with Ratis' reason when the request failed. */
    static RaftClientReply successful(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw failed(String.valueOf(reply.getException()));
        }
        return reply;
    }

    /** A failure's text as the error a caller sees: a full disk's refusal, or else Consul's "No cluster leader". */
    static RuntimeException failed(String failure) {
        return DiskReserve.refusalIn(failure).map(RuntimeException.class::cast)
                .orElseGet(() -> new NoLeaderException(failure));
    }

    /**
     * Whether a request this server submitted to itself may go to the leader instead: it surely was not appended, or
     * it is a read. A leader that is not ready yet refuses before appending, and so does one handing its leadership
     * over (Ratis checks both before it appends), so the next leader takes the write. A leader that steps down answers its
     * pending requests with the same "not leader" as a server that never led: those entries may be committed by the
     * next leader all the same, so sending a write again would apply it twice (a fault run saw a value come back
     * after a newer one, and a check-and-set answer false though it had swapped). Such a write fails instead, with
     * hashicorp/raft's error, and the client decides.
     */
    static boolean mayResend(Throwable e, boolean write) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof LeaderNotReadyException || cause instanceof LeaderSteppingDownException) {
            return true;
        }
        if (cause instanceof NotLeaderException) {
            if (write) {
                throw new NoLeaderException(LEADERSHIP_LOST);
            }
            return true;
        }
        return false;
    }

    /** hashicorp/raft's ErrLeadershipLost, which Consul answers with a 500. */
    static final String LEADERSHIP_LOST = "leadership lost while committing log";

    static RaftClientReply rethrow(Throwable e) {
        throw e instanceof CompletionException c ? c : new CompletionException(e);
    }
}
