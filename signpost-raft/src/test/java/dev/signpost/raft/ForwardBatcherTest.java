package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import dev.signpost.core.NoLeaderException;
import dev.signpost.core.Registry.WriteResult;
import dev.signpost.core.command.Batch;
import dev.signpost.core.command.Command;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.TxnOp;
import dev.signpost.core.model.Bytes;

class ForwardBatcherTest {
    private final CommandCodec codec = new CommandCodec();
    /** What was sent to the "leader", in order, and the replies the test completes. */
    private final List<Command> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<RaftClientReply>> replies = Collections.synchronizedList(new ArrayList<>());
    /** When each send that timed out was made, as the batcher reported it. */
    private final List<Long> timedOutSends = Collections.synchronizedList(new ArrayList<>());
    /**
     * Only the timeout test may see a send time out: with a short timeout here, a slow first test (a cold JIT
     * encoding megabytes) saw its send time out and the next batch go from the timer's thread mid-assertion.
     */
    private ForwardBatcher batcher = batcherWithTimeout(Duration.ofMinutes(1));

    private ForwardBatcher batcherWithTimeout(Duration timeout) {
        return new ForwardBatcher(codec, message -> {
            sent.add(codec.decode(message.getContent().toByteArray(), 1));
            CompletableFuture<RaftClientReply> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply;
        }, timeout, timedOutSends::add);
    }

    private CompletableFuture<WriteResult> put(String key) {
        return batcher.write(CommandMessage.of(KvPut.set(key, new byte[] {1}, 0), codec));
    }

    private static RaftClientReply answer(long index, boolean... results) {
        ByteBuffer bytes = ByteBuffer.allocate(results.length + 8);
        for (boolean result : results) {
            bytes.put((byte) (result ? 1 : 0));
        }
        bytes.putLong(index).flip();
        return builder().setSuccess(true).setMessage(Message.valueOf(ByteString.copyFrom(bytes))).build();
    }

    private static RaftClientReply.Builder builder() {
        return RaftClientReply.newBuilder().setClientId(ClientId.randomId()).setServerId(RaftPeerId.valueOf("s1"))
                .setGroupId(RaftGroupId.randomId()).setCallId(1);
    }

    @Test
    void writesGoAlone_untilTwoAreOnTheirWay_thenTheWaitingOnesGoTogether_eachWithItsOwnResult() throws Exception {
        CompletableFuture<WriteResult> a = put("a");
        CompletableFuture<WriteResult> b = put("b");
        CompletableFuture<WriteResult> c = put("c");
        CompletableFuture<WriteResult> d = put("d");
        assertThat(sent).containsExactly(KvPut.set("a", new byte[] {1}, 0), KvPut.set("b", new byte[] {1}, 0));

        replies.get(0).complete(answer(10, true));
        assertThat(a.get()).isEqualTo(new WriteResult(true, 10));
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2)).isEqualTo(new Batch(List.of(KvPut.set("c", new byte[] {1}, 0),
                KvPut.set("d", new byte[] {1}, 0))));

        replies.get(2).complete(answer(12, false, true));
        assertThat(c.get()).isEqualTo(new WriteResult(false, 12));
        assertThat(d.get()).isEqualTo(new WriteResult(true, 12));
        assertThat(b).isNotDone();
        replies.get(1).complete(answer(11, true));
        assertThat(b.get()).isEqualTo(new WriteResult(true, 11));

        put("e");
        assertThat(sent).as("nothing on its way: the next write goes at once").hasSize(4);
    }

    @Test
    void aTransaction_goesAlone_evenWhileOthersWait() {
        put("a");
        put("b");
        put("c");
        Txn txn = new Txn(List.of(new TxnOp.KvOp("set", "t", Bytes.of(new byte[] {2}), 0, 0, "")), 5);
        batcher.write(CommandMessage.of(txn, codec));
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2)).isEqualTo(txn);
    }

    @Test
    void aFailedSend_failsEveryWriteInIt_andTheNextWaitingOnesStillGo() {
        put("a");
        put("b");
        CompletableFuture<WriteResult> c = put("c");
        CompletableFuture<WriteResult> d = put("d");
        replies.get(0).complete(builder().setSuccess(false)
                .setException(new NotLeaderException(null, null, List.of())).build());
        replies.get(2).completeExceptionally(new IllegalStateException("connection reset"));

        assertThatThrownBy(c::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("connection reset");
        assertThatThrownBy(d::get).isInstanceOf(ExecutionException.class).hasMessageContaining("connection reset");
        CompletableFuture<WriteResult> e = put("e");
        assertThat(sent).hasSize(4);
        replies.get(3).complete(answer(20, true));
        assertThat(e).isCompletedWithValue(new WriteResult(true, 20));
    }

    /** Regression: after a partition a follower's closed client failed every write at once, for good. */
    @Test
    void aSendThroughAClosedClient_isReportedLikeATimeout_soTheClientIsReplaced() {
        long beforeSend = System.nanoTime();
        CompletableFuture<WriteResult> a = put("a");
        replies.get(0).completeExceptionally(new AlreadyClosedException("SlidingWindow$Client:client-1->RAFT is closed."));
        assertThatThrownBy(a::get).hasCauseInstanceOf(AlreadyClosedException.class);
        assertThat(timedOutSends).singleElement().satisfies(sentAt -> assertThat(sentAt - beforeSend).isNotNegative());
    }

    @Test
    void aSendWithoutAnswer_failsItsWritesAfterTheTimeout_andNoLongerHoldsBackTheNext() throws Exception {
        batcher = batcherWithTimeout(Duration.ofSeconds(1));
        long beforeSends = System.nanoTime();
        CompletableFuture<WriteResult> a = put("a");
        CompletableFuture<WriteResult> b = put("b");
        CompletableFuture<WriteResult> c = put("c");
        replies.get(1).complete(answer(7, true));
        replies.get(2).complete(answer(8, true));
        assertThat(b.get()).isEqualTo(new WriteResult(true, 7));
        assertThat(c.get()).isEqualTo(new WriteResult(true, 8));

        assertThatThrownBy(() -> a.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(NoLeaderException.class)
                .hasMessageContaining("timed out");
        assertThat(timedOutSends).as("the one send without an answer is reported, with when it was handed over")
                .singleElement().satisfies(sentAt -> assertThat(sentAt - beforeSends).isNotNegative());
        put("d");
        put("e");
        assertThat(sent).as("the timed-out send no longer counts: two go at once again").hasSize(5);
    }

    @Test
    void aReplyThatIsNotSuccess_failsItsWritesWithNoLeader() {
        CompletableFuture<WriteResult> a = put("a");
        replies.get(0).complete(builder().setSuccess(false)
                .setException(new NotLeaderException(null, null, List.of())).build());
        assertThatThrownBy(a::get).hasCauseInstanceOf(NoLeaderException.class);
    }

    @Test
    void aBatch_holdsAtMostOneMegabyte_ofEncodedWrites() {
        put("a");
        put("b");
        byte[] big = new byte[300_000]; // 400 KB in the JSON (base64): two fit in a batch, three do not
        for (int i = 0; i < 3; i++) {
            batcher.write(CommandMessage.of(KvPut.set("big-" + i, big, 0), codec));
        }
        replies.get(0).complete(answer(1, true));
        assertThat(sent).hasSize(3);
        assertThat(((Batch) sent.get(2)).commands()).hasSize(2);
        replies.get(1).complete(answer(2, true));
        assertThat(sent.get(3)).isEqualTo(KvPut.set("big-2", big, 0));
    }
}
