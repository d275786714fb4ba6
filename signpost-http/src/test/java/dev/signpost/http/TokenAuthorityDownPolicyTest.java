package dev.signpost.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.AclNotFoundException;
import dev.signpost.core.NoLeaderException;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.acl.Acls;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.AclTokenSet;
import dev.signpost.testing.FakeClock;
import dev.signpost.testing.InMemoryRegistry;

/** What a client agent does with tokens once it has lost the leader for longer than acl.token_ttl. */
class TokenAuthorityDownPolicyTest {
    private static final String MANAGER = "5b1e2f7a-1111-2222-3333-444455556666";
    private static final String STRANGER = "5b1e2f7a-9999-2222-3333-444455556666";

    private final FakeClock clock = new FakeClock();
    private final InMemoryRegistry registry = new InMemoryRegistry();

    private TokenAuthority authority(String downPolicy, boolean server) {
        registry.write(new AclTokenSet(new AclToken("a1b2c3d4-0000-0000-0000-000000000009", MANAGER, "m",
                List.of(Acls.GLOBAL_MANAGEMENT_ID), List.of(), List.of(), List.of(), false,
                FakeClock.START.toString(), 0, 0)));
        AclConfig config = new AclConfig(true, DefaultPolicy.DENY, downPolicy, false, "", new AgentTokens("", "", ""));
        return new TokenAuthority(registry, config, "dc1", () -> "c1", clock, () -> server);
    }

    private static Access keyWrite(Caller caller) {
        return caller.authorizer().access(Resource.KEY, "app/x");
    }

    @Test
    void withinTheTokenTtl_aClientResolvesAsUsual_evenWithoutALeader() {
        TokenAuthority client = authority("deny", false);
        assertThat(keyWrite(client.resolve(MANAGER))).isEqualTo(Access.WRITE);
        registry.loseLeader();
        clock.advance(Duration.ofSeconds(30));

        assertThat(keyWrite(client.resolve(MANAGER))).isEqualTo(Access.WRITE);
    }

    @Test
    void deny_pastTheTtl_deniesEvenAManagementToken() {
        TokenAuthority client = authority("deny", false);
        client.resolve(MANAGER);
        registry.loseLeader();
        clock.advance(Duration.ofSeconds(31));

        assertThat(keyWrite(client.resolve(MANAGER))).isEqualTo(Access.DENY);
        assertThat(keyWrite(client.resolve(STRANGER))).isEqualTo(Access.DENY);
        registry.lead();
        assertThat(keyWrite(client.resolve(MANAGER))).as("back in touch").isEqualTo(Access.WRITE);
    }

    @Test
    void allow_pastTheTtl_allowsEvenAnUnknownSecret() {
        TokenAuthority client = authority("allow", false);
        registry.loseLeader();
        clock.advance(Duration.ofMinutes(5));

        assertThat(keyWrite(client.resolve(STRANGER))).isEqualTo(Access.WRITE);
    }

    @Test
    void extendCache_pastTheTtl_keepsTheReplicasTokens_andDeniesUnknownSecrets() {
        TokenAuthority client = authority("extend-cache", false);
        registry.loseLeader();
        clock.advance(Duration.ofMinutes(5));

        assertThat(keyWrite(client.resolve(MANAGER))).isEqualTo(Access.WRITE);
        assertThat(keyWrite(client.resolve(STRANGER))).isEqualTo(Access.DENY);
    }

    @Test
    void aServer_isNeverDown_anUnknownSecretWaitsForALeaderAsBefore() {
        TokenAuthority server = authority("deny", true);
        registry.loseLeader();
        clock.advance(Duration.ofMinutes(5));

        assertThat(keyWrite(server.resolve(MANAGER))).isEqualTo(Access.WRITE);
        assertThatThrownBy(() -> server.resolve(STRANGER)).isInstanceOf(NoLeaderException.class);
        registry.lead();
        assertThatThrownBy(() -> server.resolve(STRANGER)).isInstanceOf(AclNotFoundException.class);
    }
}
