package dev.signpost.raft;

import java.util.concurrent.CompletionException;

import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
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

    /** Whether the server refused the request before appending it (it does not lead, or not yet). */
    static boolean notAppended(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof NotLeaderException || cause instanceof LeaderNotReadyException;
    }

    static RaftClientReply rethrow(Throwable e) {
        throw e instanceof CompletionException c ? c : new CompletionException(e);
    }
}
