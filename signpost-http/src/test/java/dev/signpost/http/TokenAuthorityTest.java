package dev.signpost.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.AclNotFoundException;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AclPolicy;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.AclPolicySet;
import dev.signpost.core.command.AclTokenDelete;
import dev.signpost.core.command.AclTokenSet;
import dev.signpost.testing.FakeClock;
import dev.signpost.testing.InMemoryRegistry;

/** A token's caller is kept while the ACL state does not move, and never past a change to it. */
class TokenAuthorityTest {
    private static final String SECRET = "5b1e2f7a-1111-2222-3333-444455556666";
    private static final String ACCESSOR = "a1b2c3d4-0000-0000-0000-000000000009";
    private static final String POLICY = "c0ffee00-0000-0000-0000-000000000001";

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final TokenAuthority authority = new TokenAuthority(registry, new AclConfig(true, DefaultPolicy.DENY,
            "extend-cache", false, "", new AgentTokens("", "", "")), "dc1", () -> "n1", new FakeClock(), () -> true);

    private void policy(String rules) {
        registry.write(new AclPolicySet(new AclPolicy(POLICY, "app", "", rules, List.of(), 0, 0)));
    }

    @Test
    void theSameSecret_atTheSameAclIndex_isTheSameCaller_andAPolicyEditGivesANewOne() {
        policy("key_prefix \"app/\" { policy = \"read\" }");
        registry.write(new AclTokenSet(new AclToken(ACCESSOR, SECRET, "t", List.of(POLICY), List.of(), List.of(),
                List.of(), false, FakeClock.START.toString(), 0, 0)));

        Caller first = authority.resolve(SECRET);
        assertThat(authority.resolve(SECRET)).isSameAs(first);
        assertThat(first.authorizer().access(Resource.KEY, "app/x")).isEqualTo(Access.READ);

        policy("key_prefix \"app/\" { policy = \"write\" }");
        Caller edited = authority.resolve(SECRET);
        assertThat(edited).isNotSameAs(first);
        assertThat(edited.authorizer().access(Resource.KEY, "app/x")).isEqualTo(Access.WRITE);

        registry.write(new AclTokenDelete(ACCESSOR));
        assertThatThrownBy(() -> authority.resolve(SECRET)).isInstanceOf(AclNotFoundException.class);
    }
}
