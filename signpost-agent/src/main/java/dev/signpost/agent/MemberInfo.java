package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.raft.RaftRegistry;

/**
 * What an agent tells the others about itself on the LAN port (Consul's Serf member tags).
 *
 * @param address the advertise address
 * @param role "consul" for servers, "node" for client agents (Consul's role tag)
 * @param expect the server's -bootstrap-expect, 0 when not given
 * @param raftData true when the server has a Raft group (data on disk or a running group)
 * @param voters the voters of that group as the server last saw them, empty when it has none or before it knows
 * @param leader the Raft leader this agent knows of, "" when none
 * @param left true once the agent announced that it leaves
 * @param incarnation when this run of the agent started (epoch millis; 0 from agents that do not say): what is said
 *     of an older run, "left" above all, never overrides what a newer run says, as Serf's incarnation numbers do
 * @param coord the agent's LAN network coordinate, as Serf's ping acks carry it; null from agents that do not say
 * @param wanCoord a server's coordinate among the servers (Consul's WAN pool); null from client agents and agents
 *     that do not say
 */
record MemberInfo(String name, String id, String address, int lanPort, int serverPort, String role,
                  String datacenter, int expect, boolean raftData, List<RaftRegistry.Peer> voters, String leader,
                  boolean left, long incarnation, Coordinate coord, Coordinate wanCoord) {

    MemberInfo(String name, String id, String address, int lanPort, int serverPort, String role, String datacenter,
               int expect, boolean raftData, List<RaftRegistry.Peer> voters, String leader, boolean left,
               long incarnation) {
        this(name, id, address, lanPort, serverPort, role, datacenter, expect, raftData, voters, leader, left,
                incarnation, null, null);
    }

    MemberInfo(String name, String id, String address, int lanPort, int serverPort, String role, String datacenter,
               int expect, boolean raftData, List<RaftRegistry.Peer> voters, String leader, boolean left) {
        this(name, id, address, lanPort, serverPort, role, datacenter, expect, raftData, voters, leader, left, 0);
    }

    MemberInfo {
        requireNonNull(name, "name");
        requireNonNull(id, "id");
        requireNonNull(address, "address");
        requireNonNull(role, "role");
        requireNonNull(datacenter, "datacenter");
        requireNonNull(leader, "leader");
        voters = voters == null ? List.of() : List.copyOf(voters);
    }

    boolean isServer() {
        return role.equals("consul");
    }

    /** The server RPC address, as Raft peers and {@code /v1/status/peers} name it. */
    String serverAddress() {
        return address + ":" + serverPort;
    }

    String lanAddress() {
        return address + ":" + lanPort;
    }

    MemberInfo withState(boolean hasRaft, List<RaftRegistry.Peer> groupVoters, String knownLeader, boolean hasLeft) {
        return new MemberInfo(name, id, address, lanPort, serverPort, role, datacenter, expect, hasRaft, groupVoters,
                knownLeader, hasLeft, incarnation, coord, wanCoord);
    }

    /** This agent's info with its current coordinates. */
    MemberInfo withCoordinates(Coordinate lan, Optional<Coordinate> wan) {
        return new MemberInfo(name, id, address, lanPort, serverPort, role, datacenter, expect, raftData, voters,
                leader, left, incarnation, lan, wan.orElse(null));
    }

    /** The LAN coordinate the agent reported, if it did. */
    Optional<Coordinate> lanCoordinate() {
        return Optional.ofNullable(coord);
    }

    /** The coordinate among servers a server reported, if it did. */
    Optional<Coordinate> wanCoordinate() {
        return Optional.ofNullable(wanCoord);
    }

    /** This agent's info as a new run of it: later than anything said of an earlier run. */
    MemberInfo asIncarnation(long startedMillis) {
        return new MemberInfo(name, id, address, lanPort, serverPort, role, datacenter, expect, raftData, voters,
                leader, left, startedMillis, coord, wanCoord);
    }
}
