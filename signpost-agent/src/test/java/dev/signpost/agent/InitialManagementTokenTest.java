package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import dev.signpost.core.Registry;
import dev.signpost.testing.InMemoryRegistry;

class InitialManagementTokenTest {
    private final InMemoryRegistry registry = new InMemoryRegistry();

    @Test
    void theConfiguredSecret_becomesTheBootstrapToken_once() {
        InitialManagementToken keeper = new InitialManagementToken(registry, "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01",
                Clock.systemUTC());
        assertThat(keeper.ensure()).isTrue();
        assertThat(keeper.ensure()).isTrue();
        int tokens = registry.read(Registry.ReadMode.STALE, s -> s.acl().tokens().value().size());
        long bootstrap = registry.read(Registry.ReadMode.STALE, s -> s.acl().bootstrapIndex());
        assertThat(tokens).isEqualTo(2); // and the anonymous token
        assertThat(bootstrap).isPositive();
    }

    @Test
    void noConfiguredSecret_writesNothing() {
        assertThat(new InitialManagementToken(registry, "", Clock.systemUTC()).ensure()).isTrue();
        long bootstrap = registry.read(Registry.ReadMode.STALE, s -> s.acl().bootstrapIndex());
        assertThat(bootstrap).isZero();
    }
}
