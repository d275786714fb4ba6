package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.NoLeaderException;
import dev.signpost.raft.RaftRegistry.Peer;

/**
 * Membership changes of the datacenter's group: servers join as voters, client agents' replicas as non-voting
 * listeners (Ratis' setConfiguration). Each change is computed from the group's current configuration and is a
 * no-op when it would change nothing; only the leader can make one, and it returns once the new configuration is
 * committed. Fails with {@link NoLeaderException} when Ratis refuses or cannot reach the leader.
 *
 * <p>Thread-safe as far as its two functions are; two concurrent changes may race, and Ratis rejects the second
 * while the first is in progress.
 */
final class Membership {
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    private final Supplier<Members> current;
    private final Reconfiguration reconfiguration;

    /** A configuration of the group: who votes, and who only follows. */
    record Members(List<RaftPeer> voters, List<RaftPeer> listeners) {
        Members {
            voters = List.copyOf(voters);
            listeners = List.copyOf(listeners);
        }
    }

    /** Asks the leader to change to a configuration (the Ratis client's {@code admin().setConfiguration}). */
    @FunctionalInterface
    interface Reconfiguration {
        RaftClientReply set(List<RaftPeer> voters, List<RaftPeer> listeners) throws IOException;
    }

    /**
     * @param current the group's configuration as this server's Raft division has it now
     * @param reconfiguration how a new configuration reaches the leader
     */
    Membership(Supplier<Members> current, Reconfiguration reconfiguration) {
        this.current = requireNonNull(current, "current");
        this.reconfiguration = requireNonNull(reconfiguration, "reconfiguration");
    }

    /** A voter's Raft peer. */
    static RaftPeer voter(Peer peer) {
        return RaftPeer.newBuilder().setId(peer.name()).setAddress(peer.address()).build();
    }

    /** A client agent's replica: a listener, which takes the log but never votes. */
    static RaftPeer listener(Peer peer) {
        return RaftPeer.newBuilder().setId(peer.name()).setAddress(peer.address())
                .setStartupRole(RaftPeerRole.LISTENER).build();
    }

    /** The group's voters. */
    List<Peer> voters() {
        return current.get().voters().stream().map(p -> new Peer(p.getId().toString(), p.getAddress())).toList();
    }

    /** Adds a voter; a listener of that name becomes the voter (a client agent restarted as a server). */
    void addVoter(Peer peer) {
        Members members = current.get();
        if (contains(members.voters(), peer.name())) {
            return;
        }
        List<RaftPeer> voters = new ArrayList<>(members.voters());
        voters.add(voter(peer));
        List<RaftPeer> listeners = new ArrayList<>(members.listeners());
        listeners.removeIf(p -> named(p, peer.name()));
        change(voters, listeners, "add " + peer.name());
        LOG.info("consul: added server {} (Addr: {}) to the Raft group", peer.name(), peer.address());
    }

    /** Adds a client agent's replica as a listener. */
    void addListener(Peer peer) {
        Members members = current.get();
        if (contains(members.listeners(), peer.name())) {
            return;
        }
        List<RaftPeer> listeners = new ArrayList<>(members.listeners());
        listeners.add(listener(peer));
        change(members.voters(), listeners, "add listener " + peer.name());
        LOG.info("consul: added client {} (Addr: {}) as a Raft listener", peer.name(), peer.address());
    }

    /** Removes a voter or a listener of that name; nothing when there is none. */
    void remove(String name) {
        Members members = current.get();
        List<RaftPeer> voters = new ArrayList<>(members.voters());
        List<RaftPeer> listeners = new ArrayList<>(members.listeners());
        boolean voter = voters.removeIf(p -> named(p, name));
        boolean listener = listeners.removeIf(p -> named(p, name));
        if (!voter && !listener) {
            return;
        }
        change(voters, listeners, "remove " + name);
        LOG.info("consul: removed {} from the Raft group", name);
    }

    private void change(List<RaftPeer> voters, List<RaftPeer> listeners, String what) {
        try {
            RaftClientReply reply = reconfiguration.set(voters, listeners);
            if (!reply.isSuccess()) {
                throw new NoLeaderException(what + " failed: " + reply.getException());
            }
        } catch (IOException e) {
            throw new NoLeaderException(what + " failed: " + e.getMessage());
        }
    }

    private static boolean contains(List<RaftPeer> peers, String name) {
        return peers.stream().anyMatch(p -> named(p, name));
    }

    private static boolean named(RaftPeer peer, String name) {
        return peer.getId().toString().equals(name);
    }
}
