package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.Registry;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.command.AclTokenSet;
import dev.signpost.testing.FakeClock;
import dev.signpost.testing.InMemoryRegistry;

class ExpiredTokenReaperTest {
    private static final String EXPIRING = "a1b2c3d4-0000-0000-0000-000000000001";
    private static final String FOREVER = "a1b2c3d4-0000-0000-0000-000000000002";

    private final FakeClock clock = new FakeClock();
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final ExpiredTokenReaper reaper = new ExpiredTokenReaper(registry, clock);

    private void token(String accessor, String expires) {
        registry.write(new AclTokenSet(new AclToken(accessor, accessor.replace("a1b2", "5ec2"), "", List.of(),
                List.of(), List.of(), List.of(), false, FakeClock.START.toString(), 0, 0, expires)));
    }

    private boolean present(String accessor) {
        return registry.read(Registry.ReadMode.STALE, s -> s.acl().token(accessor).value().isPresent());
    }

    @Test
    void theLeader_deletesATokenOnceItExpired_andOnlyThen() {
        token(EXPIRING, FakeClock.START.plus(Duration.ofMinutes(1)).toString());
        token(FOREVER, "");

        assertThat(reaper.reap()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(reaper.reap()).isEqualTo(1);

        assertThat(present(EXPIRING)).isFalse();
        assertThat(present(FOREVER)).isTrue();
    }

    @Test
    void aFollower_leavesItToTheLeader() {
        token(EXPIRING, FakeClock.START.toString());
        registry.followAnotherLeader();

        assertThat(reaper.reap()).isZero();
        assertThat(present(EXPIRING)).isTrue();
    }
}
