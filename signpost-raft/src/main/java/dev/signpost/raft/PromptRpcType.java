package dev.signpost.raft;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.server.GrpcLogAppender;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.util.TimeDuration;

/**
 * Ratis' gRPC transport with one change to when the leader sends: an entry for a follower that has nothing in
 * flight goes out at once. Ratis' appender otherwise waits until {@code raft.server.log.appender.wait-time.min}
 * (1 ms) has passed since its last send to that follower, which batches entries under load but adds most of a
 * millisecond to every write of a lone client. While requests are in flight the wait stays, so entries that
 * arrive meanwhile still go out together.
 */
public final class PromptRpcType implements RpcType {

    /** Ratis stores the type by this name and finds it again by class name. */
    @Override
    public String name() {
        return PromptRpcType.class.getName();
    }

    @Override
    public RpcFactory newFactory(Parameters parameters) {
        return new GrpcFactory(parameters) {
            @Override
            public LogAppender newLogAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
                return new PromptLogAppender(server, state, follower);
            }
        };
    }

    private static final class PromptLogAppender extends GrpcLogAppender {

        PromptLogAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
            super(server, state, follower);
        }

        @Override
        protected TimeDuration getRemainingWaitTime() {
            FollowerInfo follower = getFollower();
            boolean inFlight = follower.getLastRpcResponseTime().compareTo(follower.getLastRpcSendTime()) < 0;
            return inFlight ? super.getRemainingWaitTime() : TimeDuration.ZERO;
        }
    }
}
