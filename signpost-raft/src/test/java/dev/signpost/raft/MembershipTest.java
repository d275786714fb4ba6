package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.junit.jupiter.api.Test;

import dev.signpost.core.NoLeaderException;
import dev.signpost.raft.RaftRegistry.Peer;

/** Membership changes computed from the current configuration, against a group that takes every change. */
class MembershipTest {
    private static final Peer N1 = new Peer("n1", "127.0.0.1:8300");
    private static final Peer N2 = new Peer("n2", "127.0.0.2:8300");
    private static final Peer C1 = new Peer("c1", "127.0.0.4:8300");

    private Membership.Members group = new Membership.Members(List.of(Membership.voter(N1)), List.of());
    private final List<Membership.Members> changes = new ArrayList<>();
    private boolean refuse;

    private final Membership membership = new Membership(() -> group, (voters, listeners) -> {
        RaftClientReply.Builder reply = RaftClientReply.newBuilder().setClientId(ClientId.randomId())
                .setServerId(RaftPeerId.valueOf("n1")).setGroupId(RaftGroupId.randomId()).setCallId(1);
        if (refuse) {
            return reply.setException(new NotLeaderException(null, null, List.of())).build();
        }
        group = new Membership.Members(voters, listeners);
        changes.add(group);
        return reply.setSuccess(true).build();
    });

    private static List<String> names(List<RaftPeer> peers) {
        return peers.stream().map(p -> p.getId().toString()).toList();
    }

    @Test
    void addVoter_addsIt_andAddingItAgainChangesNothing() {
        membership.addVoter(N2);
        membership.addVoter(N2);

        assertThat(changes).hasSize(1);
        assertThat(membership.voters()).containsExactly(N1, N2);
    }

    @Test
    void aListenerAddedAsVoter_stopsBeingAListener() {
        membership.addListener(C1);
        membership.addVoter(C1);

        assertThat(names(group.voters())).containsExactly("n1", "c1");
        assertThat(group.listeners()).isEmpty();
    }

    @Test
    void addListener_addsANonVotingPeer_once() {
        membership.addListener(C1);
        membership.addListener(C1);

        assertThat(changes).hasSize(1);
        assertThat(names(group.voters())).containsExactly("n1");
        assertThat(names(group.listeners())).containsExactly("c1");
    }

    @Test
    void remove_takesOutAVoterOrAListener_andAnUnknownNameIsNoOp() {
        membership.addVoter(N2);
        membership.addListener(C1);

        membership.remove("n2");
        membership.remove("c1");
        membership.remove("nobody");

        assertThat(changes).hasSize(4);
        assertThat(names(group.voters())).containsExactly("n1");
        assertThat(group.listeners()).isEmpty();
    }

    @Test
    void aChangeRatisRefuses_failsWithNoLeader_namingTheChange() {
        refuse = true;

        assertThatThrownBy(() -> membership.addVoter(N2)).isInstanceOf(NoLeaderException.class)
                .hasMessageContaining("add n2 failed");
    }

    @Test
    void aChangeThatCannotReachTheLeader_failsWithNoLeader() {
        Membership unreachable = new Membership(() -> group, (voters, listeners) -> {
            throw new IOException("connection refused");
        });

        assertThatThrownBy(() -> unreachable.remove("n1")).isInstanceOf(NoLeaderException.class)
                .hasMessageContaining("remove n1 failed: connection refused");
    }
}
