package dev.signpost.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The faults a suite injects, in a seeded order that takes every kind in turn (so a short run still sees each),
 * with the hosts each one hits chosen by the seed.
 */
final class FaultSchedule {
    /** One kind of fault. */
    enum Kind {
        KILL_LEADER, KILL_FOLLOWER, PAUSE_LEADER, PAUSE_FOLLOWER, ISOLATE_LEADER, ISOLATE_FOLLOWER, BRIDGE,
        /** Every server stopped (SIGTERM) and started again in turn, each once the cluster has a leader again. */
        ROLLING_RESTART,
        /** Cuts between two servers made and healed every second or two, for the whole hold. */
        FLAPPING;

        /** Whether the fault runs for its whole hold itself, rather than being set up and left. */
        boolean holdsItself() {
            return this == ROLLING_RESTART || this == FLAPPING;
        }
    }

    private final Random random;
    private final List<Kind> kinds;
    private int next;

    FaultSchedule(long seed) {
        this.random = new Random(seed);
        this.kinds = new ArrayList<>(List.of(Kind.values()));
        Collections.shuffle(kinds, random);
    }

    Kind nextKind() {
        return kinds.get(next++ % kinds.size());
    }

    /** A host other than {@code leader}, chosen by the seed. */
    int follower(int leader) {
        int pick = 1 + random.nextInt(FaultCluster.SIZE - 1);
        return pick >= leader ? pick + 1 : pick;
    }

    Random random() {
        return random;
    }
}
