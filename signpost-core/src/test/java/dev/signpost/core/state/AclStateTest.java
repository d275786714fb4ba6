package dev.signpost.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.acl.AclPolicy;
import dev.signpost.core.acl.AclRole;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.acl.Acls;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.AclBootstrap;
import dev.signpost.core.command.AclPolicyDelete;
import dev.signpost.core.command.AclPolicySet;
import dev.signpost.core.command.AclRoleSet;
import dev.signpost.core.command.AclTokenDelete;
import dev.signpost.core.command.AclTokenSet;

class AclStateTest {
    private final CatalogState state = new CatalogState();

    private static AclToken token(String accessor, String secret, List<String> policies, List<String> roles) {
        return new AclToken(accessor, secret, "", policies, roles, List.of(), List.of(), false,
                "2026-12-07T01:00:00Z", 0, 0);
    }

    private static AclPolicy policy(String id, String name, String rules) {
        return new AclPolicy(id, name, "", rules, List.of(), 0, 0);
    }

    @Test
    void builtIns_existBeforeAnyWrite() {
        assertThat(state.acl().token(Acls.ANONYMOUS_TOKEN_ID).value()).isPresent();
        assertThat(state.acl().tokenBySecret("anonymous")).isPresent();
        assertThat(state.acl().policyNamed("global-management").value()).isPresent();
        assertThat(state.acl().bootstrapIndex()).isZero();
    }

    @Test
    void bootstrap_appliesOnce_andRemembersItsIndex() {
        assertThat(state.apply(new AclBootstrap(token("a1", "s1", List.of(Acls.GLOBAL_MANAGEMENT_ID), List.of())), 5)
                .result()).isTrue();
        assertThat(state.apply(new AclBootstrap(token("a2", "s2", List.of(Acls.GLOBAL_MANAGEMENT_ID), List.of())), 6)
                .result()).isFalse();
        assertThat(state.acl().bootstrapIndex()).isEqualTo(5);
        assertThat(state.acl().tokenBySecret("s2")).isEmpty();
        Authorizer management = state.acl().authorizer(state.acl().tokenBySecret("s1").orElseThrow(), "dc1",
                DefaultPolicy.DENY);
        assertThat(management.canWrite(Resource.ACL, "")).isTrue();
    }

    @Test
    void tokenResolves_throughItsRolesPolicies() {
        state.apply(new AclPolicySet(policy("p1", "kv", "key_prefix \"app/\" { policy = \"read\" }")), 1);
        state.apply(new AclRoleSet(new AclRole("r1", "reader", "", List.of("p1"), List.of(), List.of(), 0, 0)), 2);
        state.apply(new AclTokenSet(token("a1", "s1", List.of(), List.of("r1"))), 3);
        Authorizer a = state.acl().authorizer(state.acl().tokenBySecret("s1").orElseThrow(), "dc1", DefaultPolicy.DENY);
        assertThat(a.canRead(Resource.KEY, "app/x")).isTrue();
        assertThat(a.canWrite(Resource.KEY, "app/x")).isFalse();
    }

    @Test
    void deletedPolicy_grantsNothing_andDeletedToken_isGone() {
        state.apply(new AclPolicySet(policy("p1", "kv", "key_prefix \"\" { policy = \"write\" }")), 1);
        state.apply(new AclTokenSet(token("a1", "s1", List.of("p1"), List.of())), 2);
        state.apply(new AclPolicyDelete("p1"), 3);
        Authorizer a = state.acl().authorizer(state.acl().tokenBySecret("s1").orElseThrow(), "dc1", DefaultPolicy.DENY);
        assertThat(a.canRead(Resource.KEY, "x")).isFalse();
        state.apply(new AclTokenDelete("a1"), 4);
        assertThat(state.acl().tokenBySecret("s1")).isEmpty();
        assertThat(state.acl().tokens().index()).isEqualTo(4);
    }

    @Test
    void updatingAToken_keepsItsCreateIndex_andForgetsAnOldSecret() {
        state.apply(new AclTokenSet(token("a1", "s1", List.of(), List.of())), 1);
        state.apply(new AclTokenSet(token("a1", "s1", List.of(Acls.GLOBAL_MANAGEMENT_ID), List.of())), 2);
        AclToken stored = state.acl().token("a1").value().orElseThrow();
        assertThat(stored.createIndex()).isEqualTo(1);
        assertThat(stored.modifyIndex()).isEqualTo(2);
    }

    @Test
    void aSecondPolicyOfTheSameName_orATokenWithATakenSecret_isNotApplied() {
        assertThat(state.apply(new AclPolicySet(policy("p1", "kv", "")), 1).result()).isTrue();
        assertThat(state.apply(new AclPolicySet(policy("p2", "kv", "")), 2).result()).isFalse();
        assertThat(state.acl().policy("p2").value()).isEmpty();
        assertThat(state.apply(new AclTokenSet(token("a1", "s1", List.of(), List.of())), 3).result()).isTrue();
        assertThat(state.apply(new AclTokenSet(token("a2", "s1", List.of(), List.of())), 4).result()).isFalse();
        assertThat(state.acl().tokenBySecret("s1").orElseThrow().accessorId()).isEqualTo("a1");
    }

    @Test
    void theManagementPolicy_isNeverDeleted() {
        state.apply(new AclPolicyDelete(Acls.GLOBAL_MANAGEMENT_ID), 1);
        assertThat(state.acl().policy(Acls.GLOBAL_MANAGEMENT_ID).value()).isPresent();
    }

    @Test
    void anOlderManagementPolicy_getsThisVersionsRules_soItWritesIntentions() {
        state.apply(new AclPolicySet(new AclPolicy(Acls.GLOBAL_MANAGEMENT_ID, "global-management", "",
                "service_prefix \"\" { policy = \"write\" }", List.of(), 0, 0)), 1);
        state.apply(new AclBootstrap(token("a1", "s1", List.of(Acls.GLOBAL_MANAGEMENT_ID), List.of())), 2);

        assertThat(state.acl().policy(Acls.GLOBAL_MANAGEMENT_ID).value().orElseThrow().rules())
                .isEqualTo(Acls.GLOBAL_MANAGEMENT_RULES);
        Authorizer management = state.acl().authorizer(state.acl().tokenBySecret("s1").orElseThrow(), "dc1",
                DefaultPolicy.DENY);
        assertThat(management.canWrite(Resource.INTENTION, "db")).isTrue();
    }

    @Test
    void snapshot_restoresTheAclTables() {
        state.apply(new AclPolicySet(policy("p1", "kv", "key_prefix \"\" { policy = \"read\" }")), 1);
        state.apply(new AclBootstrap(token("a1", "s1", List.of("p1"), List.of())), 2);
        CatalogState copy = new CatalogState();
        copy.restore(state.snapshot());
        assertThat(copy.snapshot()).isEqualTo(state.snapshot());
        assertThat(copy.acl().bootstrapIndex()).isEqualTo(2);
    }
}
