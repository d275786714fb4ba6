package dev.signpost.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.signpost.core.InvalidRequestException;

class SessionsTest {
    private static final long NOW = 1_000_000L;

    private static Sessions.Spec spec(String behavior, String ttl, Duration ttlLength, Optional<Duration> lockDelay) {
        return new Sessions.Spec("n1", "lock", behavior, ttl, ttlLength, List.of(), List.of(), List.of(), false,
                lockDelay);
    }

    private static Sessions.Spec plain() {
        return spec("", "", Duration.ZERO, Optional.empty());
    }

    @Test
    void create_withNothingGiven_takesConsulsDefaults() {
        Session s = Sessions.create(plain(), NOW, "id-1");
        assertThat(s.id()).isEqualTo("id-1");
        assertThat(s.node()).isEqualTo("n1");
        assertThat(s.behavior()).isEqualTo(Session.Behavior.RELEASE);
        assertThat(s.lockDelayMillis()).isEqualTo(15_000);
        assertThat(s.ttl()).isEmpty();
        assertThat(s.deadlineMillis()).isZero();
        assertThat(s.nodeChecks()).containsExactly(Check.SERF_HEALTH);
    }

    @Test
    void create_withATtl_stampsTheDeadlineFromTheGivenTime() {
        Session s = Sessions.create(spec("delete", "30s", Duration.ofSeconds(30), Optional.empty()), NOW, "id");
        assertThat(s.ttl()).isEqualTo("30s");
        assertThat(s.deadlineMillis()).isEqualTo(NOW + 30_000);
        assertThat(s.behavior()).isEqualTo(Session.Behavior.DELETE);
    }

    @Test
    void create_withAZeroTtl_hasNoTtl() {
        Session s = Sessions.create(spec("", "0s", Duration.ZERO, Optional.empty()), NOW, "id");
        assertThat(s.ttl()).isEmpty();
        assertThat(s.deadlineMillis()).isZero();
    }

    @Test
    void create_withATtlOutOfBounds_isRefusedWithConsulsText() {
        assertThatThrownBy(() -> Sessions.create(spec("", "9s", Duration.ofSeconds(9), Optional.empty()), NOW, "id"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Invalid Session TTL '9000000000', must be between [10s=24h0m0s]");
        assertThatThrownBy(() -> Sessions.create(spec("", "25h0m0s", Duration.ofHours(25), Optional.empty()), NOW,
                "id"))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(Sessions.create(spec("", "24h0m0s", Duration.ofHours(24), Optional.empty()), NOW, "id").ttl())
                .isEqualTo("24h0m0s");
    }

    @Test
    void create_withAnUnknownBehavior_isRefused() {
        assertThatThrownBy(() -> Sessions.create(spec("explode", "", Duration.ZERO, Optional.empty()), NOW, "id"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("Invalid Behavior setting 'explode'");
    }

    @Test
    void create_withALockDelayOutOfBounds_isRefused() {
        assertThatThrownBy(() -> Sessions.create(spec("", "", Duration.ZERO, Optional.of(Duration.ofSeconds(61))),
                NOW, "id")).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Invalid LockDelay: must be between 0s and 60s");
        assertThatThrownBy(() -> Sessions.create(spec("", "", Duration.ZERO, Optional.of(Duration.ofMillis(-1))),
                NOW, "id")).isInstanceOf(InvalidRequestException.class);
        assertThat(Sessions.create(spec("", "", Duration.ZERO, Optional.of(Duration.ZERO)), NOW, "id")
                .lockDelayMillis()).isZero();
    }

    @Test
    void lockDelay_belowAThousand_isSeconds_otherwiseNanoseconds() {
        assertThat(Sessions.lockDelay(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Sessions.lockDelay(999)).isEqualTo(Duration.ofSeconds(999));
        assertThat(Sessions.lockDelay(250_000_000)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void create_withChecks_mergesChecksAndNodeChecks_andBindsNoSerfHealth() {
        Session s = Sessions.create(new Sessions.Spec("n1", "", "", "", Duration.ZERO, List.of("a", "b"),
                List.of("b", "c"), List.of("service:web"), true, Optional.empty()), NOW, "id");
        assertThat(s.nodeChecks()).containsExactly("a", "b", "c");
        assertThat(s.serviceChecks()).containsExactly("service:web");
    }

    @Test
    void create_withAnEmptyCheckList_bindsNothing() {
        Session s = Sessions.create(new Sessions.Spec("n1", "", "", "", Duration.ZERO, List.of(), List.of(),
                List.of(), true, Optional.empty()), NOW, "id");
        assertThat(s.checks()).isEmpty();
    }
}
