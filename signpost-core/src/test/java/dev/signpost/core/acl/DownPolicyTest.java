package dev.signpost.core.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DownPolicyTest {
    @Test
    void aServerIsNeverDown_itsReplicaIsTheAclState() {
        assertThat(DownPolicy.isDown(true, 3_600_000, 30_000)).isFalse();
    }

    @Test
    void aClientIsDown_onlyPastTheTokenTtl() {
        assertThat(DownPolicy.isDown(false, 30_000, 30_000)).isFalse();
        assertThat(DownPolicy.isDown(false, 30_001, 30_000)).isTrue();
    }

    @Test
    void allow_allowsEverything_knownOrNot() {
        Authorizer known = DownPolicy.ALLOW.instead().orElseThrow();
        assertThat(known.access(Resource.KEY, "secret/x")).isEqualTo(Access.WRITE);
        assertThat(DownPolicy.ALLOW.unknown().access(Resource.ACL, "")).isEqualTo(Access.WRITE);
    }

    @Test
    void deny_deniesEverything_knownOrNot() {
        assertThat(DownPolicy.DENY.instead().orElseThrow().access(Resource.KEY, "x")).isEqualTo(Access.DENY);
        assertThat(DownPolicy.DENY.unknown().access(Resource.SERVICE, "web")).isEqualTo(Access.DENY);
    }

    @Test
    void extendAndAsyncCache_keepTheReplicasTokens_butDenySecretsItNeverHad() {
        for (DownPolicy cache : new DownPolicy[] {DownPolicy.EXTEND_CACHE, DownPolicy.ASYNC_CACHE}) {
            assertThat(cache.instead()).isEmpty();
            assertThat(cache.unknown().access(Resource.KEY, "x")).isEqualTo(Access.DENY);
        }
    }

    @Test
    void names_areConsuls() {
        assertThat(DownPolicy.of("extend-cache")).isEqualTo(DownPolicy.EXTEND_CACHE);
        assertThat(DownPolicy.of("async-cache")).isEqualTo(DownPolicy.ASYNC_CACHE);
        assertThatThrownBy(() -> DownPolicy.of("sometimes")).hasMessageContaining("not \"sometimes\"");
    }
}
