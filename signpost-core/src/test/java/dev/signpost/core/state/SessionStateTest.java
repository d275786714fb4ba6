package dev.signpost.core.state;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.KvLock;
import dev.signpost.core.command.SessionCreate;
import dev.signpost.core.command.SessionDestroy;
import dev.signpost.core.command.SessionRenew;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.model.Session;
import dev.signpost.core.watch.Topic;

import static dev.signpost.core.state.Fixtures.value;
import static dev.signpost.core.state.Fixtures.nodeCheck;
import static dev.signpost.core.state.Fixtures.put;
import static dev.signpost.core.state.Fixtures.registerChecks;
import static org.assertj.core.api.Assertions.assertThat;

/** Sessions and KV locks in {@link CatalogState}: create, renew, destroy, check-bound invalidation, lock delay. */
class SessionStateTest {
    private final CatalogState state = new CatalogState();
    private long index = 10;

    SessionStateTest() {
        apply(registerChecks("n1", nodeCheck("n1", "serfHealth", HealthStatus.PASSING),
                nodeCheck("n1", "disk", HealthStatus.PASSING)));
    }

    private CatalogState.Applied apply(dev.signpost.core.command.Command command) {
        return state.apply(command, ++index);
    }

    static Session session(String id, Session.Behavior behavior, long lockDelayMillis, String... checks) {
        return new Session(id, "", "n1", List.of(checks), List.of(), lockDelayMillis, behavior, "", 0, 0, 0);
    }

    private KvEntry key(String key) {
        return state.key(key).value().orElseThrow();
    }

    @Test
    void create_storesTheSession_withItsIndex() {
        CatalogState.Applied applied = apply(new SessionCreate(session("s1", Session.Behavior.RELEASE, 0, "serfHealth")));

        assertThat(applied.result()).isTrue();
        assertThat(applied.changed()).contains(Topic.SESSIONS);
        assertThat(state.session("s1").value()).hasValueSatisfying(s -> assertThat(s.createIndex()).isEqualTo(index));
        assertThat(state.nodeSessions("n1").value()).hasSize(1);
    }

    @Test
    void create_isRefused_forAMissingNodeOrCheck_orACriticalCheck() {
        Session otherNode = new Session("s1", "", "n9", List.of(), List.of(), 0, Session.Behavior.RELEASE, "", 0, 0, 0);
        assertThat(state.sessionRefusal(otherNode)).hasValue("Missing node registration");
        assertThat(apply(new SessionCreate(otherNode)).result()).isFalse();
        assertThat(state.sessionRefusal(session("s2", Session.Behavior.RELEASE, 0, "nope")))
                .hasValue("Missing check 'nope' registration");
        apply(new UpdateCheck("n1", "disk", HealthStatus.CRITICAL, ""));
        assertThat(apply(new SessionCreate(session("s3", Session.Behavior.RELEASE, 0, "disk"))).result()).isFalse();
        assertThat(state.sessions().value()).isEmpty();
    }

    @Test
    void acquire_locksTheKey_andOnlyTheHolderReleases() {
        apply(new SessionCreate(session("a", Session.Behavior.RELEASE, 0)));
        apply(new SessionCreate(session("b", Session.Behavior.RELEASE, 0)));

        assertThat(apply(new KvLock("lead", value("a"), 0, "a", true, 1000)).result()).isTrue();
        assertThat(key("lead").session()).isEqualTo("a");
        assertThat(key("lead").lockIndex()).isEqualTo(1);
        assertThat(apply(new KvLock("lead", value("b"), 0, "b", true, 1000)).result()).isFalse();
        assertThat(apply(new KvLock("lead", value("b"), 0, "b", false, 1000)).result()).isFalse();
        assertThat(apply(new KvLock("lead", value("a2"), 0, "a", true, 1000)).result()).isTrue();
        assertThat(key("lead").lockIndex()).as("re-acquiring by the holder").isEqualTo(1);

        assertThat(apply(new KvLock("lead", value("free"), 0, "a", false, 1000)).result()).isTrue();
        assertThat(key("lead").session()).isEmpty();
        assertThat(apply(new KvLock("lead", value("b"), 0, "b", true, 1000)).result()).isTrue();
        assertThat(key("lead").lockIndex()).isEqualTo(2);
    }

    @Test
    void acquire_withAnUnknownSession_fails() {
        assertThat(apply(new KvLock("lead", value("x"), 0, "ghost", true, 0)).result()).isFalse();
        assertThat(state.key("lead").value()).isEmpty();
    }

    @Test
    void plainPut_keepsTheLock() {
        apply(new SessionCreate(session("a", Session.Behavior.RELEASE, 0)));
        apply(new KvLock("lead", value("a"), 0, "a", true, 0));
        apply(put("lead", "changed"));
        assertThat(key("lead").session()).isEqualTo("a");
    }

    @Test
    void destroy_releasesItsLocks_andTheLockDelayHoldsOffOthers() {
        apply(new SessionCreate(session("a", Session.Behavior.RELEASE, 15_000)));
        apply(new SessionCreate(session("b", Session.Behavior.RELEASE, 0)));
        apply(new KvLock("lead", value("a"), 0, "a", true, 1_000));

        apply(new SessionDestroy("a", 2_000));

        assertThat(state.session("a").value()).isEmpty();
        assertThat(key("lead").session()).isEmpty();
        assertThat(key("lead").modifyIndex()).isEqualTo(index);
        assertThat(apply(new KvLock("lead", value("b"), 0, "b", true, 16_999)).result()).as("within delay").isFalse();
        assertThat(apply(new KvLock("lead", value("b"), 0, "b", true, 17_000)).result()).as("after delay").isTrue();
    }

    @Test
    void destroy_withBehaviorDelete_deletesItsKeys() {
        apply(new SessionCreate(session("a", Session.Behavior.DELETE, 0)));
        apply(new KvLock("lead", value("a"), 0, "a", true, 0));
        apply(new SessionDestroy("a", 0));
        assertThat(state.key("lead").value()).isEmpty();
        assertThat(state.key("lead").index()).isEqualTo(index);
    }

    @Test
    void aBoundCheckGoingCritical_invalidatesTheSession() {
        apply(new SessionCreate(session("a", Session.Behavior.RELEASE, 0, "disk")));
        apply(new SessionCreate(session("b", Session.Behavior.RELEASE, 0, "serfHealth")));
        apply(new KvLock("lead", value("a"), 0, "a", true, 0));

        apply(new UpdateCheck("n1", "disk", HealthStatus.WARNING, ""));
        assertThat(state.session("a").value()).isPresent();
        apply(new UpdateCheck("n1", "disk", HealthStatus.CRITICAL, "full"));

        assertThat(state.session("a").value()).isEmpty();
        assertThat(state.session("b").value()).isPresent();
        assertThat(key("lead").session()).isEmpty();
    }

    @Test
    void deregisteringABoundCheck_invalidatesTheSession() {
        apply(new SessionCreate(session("a", Session.Behavior.RELEASE, 0, "disk")));
        apply(new DeregisterCheck("n1", "disk"));
        assertThat(state.session("a").value()).isEmpty();
    }

    @Test
    void renew_movesTheDeadline_andUnknownSessionsFail() {
        apply(new SessionCreate(session("a", Session.Behavior.RELEASE, 0).withDeadline(5_000, 0)));
        assertThat(apply(new SessionRenew("a", 9_000)).result()).isTrue();
        assertThat(state.session("a").value().orElseThrow().deadlineMillis()).isEqualTo(9_000);
        assertThat(apply(new SessionRenew("zzz", 9_000)).result()).isFalse();
    }

    @Test
    void snapshot_roundTrip_keepsSessionsLocksAndLockDelays() {
        apply(new SessionCreate(session("a", Session.Behavior.RELEASE, 10_000)));
        apply(new SessionCreate(session("b", Session.Behavior.RELEASE, 0)));
        apply(new KvLock("held", value("b"), 0, "b", true, 1_000));
        apply(new KvLock("delayed", value("a"), 0, "a", true, 1_000));
        apply(new SessionDestroy("a", 2_000));

        CatalogState copy = new CatalogState();
        copy.restore(state.snapshot());

        assertThat(copy.snapshot()).isEqualTo(state.snapshot());
        assertThat(copy.sessions().value()).extracting(Session::id).containsExactly("b");
        assertThat(copy.apply(new KvLock("delayed", value("b"), 0, "b", true, 5_000), index + 1).result()).isFalse();
    }
}
