package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletionException;

import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.junit.jupiter.api.Test;

import dev.signpost.core.NoLeaderException;

class RatisRepliesTest {
    private static final RaftGroupMemberId SELF = RaftGroupMemberId.valueOf(RaftPeerId.valueOf("n1"),
            RaftGroupId.randomId());

    @Test
    void aLeaderNotReadyYet_appendedNothing_soAnyRequestGoesToTheLeaderInstead() {
        LeaderNotReadyException notReady = new LeaderNotReadyException(SELF);
        assertThat(RatisReplies.mayResend(notReady, true)).isTrue();
        assertThat(RatisReplies.mayResend(new CompletionException(notReady), true)).isTrue();
    }

    @Test
    void aLeaderHandingItsLeadershipOver_refusesWritesBeforeAppending_soTheyGoToTheNextLeader() {
        LeaderSteppingDownException steppingDown = new LeaderSteppingDownException(SELF + " is stepping down");
        assertThat(RatisReplies.mayResend(steppingDown, true)).isTrue();
        assertThat(RatisReplies.mayResend(new CompletionException(steppingDown), true)).isTrue();
    }

    @Test
    void notLeader_mayCome_afterTheWriteWasAppended_soAWriteFails_andOnlyAReadGoesAgain() {
        NotLeaderException notLeader = new NotLeaderException(SELF, null, List.of());
        assertThat(RatisReplies.mayResend(notLeader, false)).isTrue();
        assertThatThrownBy(() -> RatisReplies.mayResend(new CompletionException(notLeader), true))
                .isInstanceOf(NoLeaderException.class).hasMessageContaining("leadership lost while committing log");
    }

    @Test
    void otherFailures_areNotResent() {
        assertThat(RatisReplies.mayResend(new IllegalStateException("disk"), true)).isFalse();
    }
}
