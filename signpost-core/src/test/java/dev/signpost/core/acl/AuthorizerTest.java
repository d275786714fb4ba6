package dev.signpost.core.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.acl.Authorizer.DefaultPolicy;

class AuthorizerTest {

    private static Authorizer of(DefaultPolicy fallback, String... policies) {
        return Authorizer.of(java.util.Arrays.stream(policies).map(Rules::parse).toList(), fallback);
    }

    @Test
    void exactRule_beatsEveryPrefix() {
        Authorizer a = of(DefaultPolicy.DENY, """
                key_prefix "app/" { policy = "write" }
                key "app/secret" { policy = "deny" }
                """);
        assertThat(a.canWrite(Resource.KEY, "app/x")).isTrue();
        assertThat(a.canRead(Resource.KEY, "app/secret")).isFalse();
        assertThat(a.canRead(Resource.KEY, "app/secret2")).isTrue();
    }

    @Test
    void longestPrefix_wins() {
        Authorizer a = of(DefaultPolicy.DENY, """
                key_prefix "" { policy = "read" }
                key_prefix "app/" { policy = "deny" }
                key_prefix "app/public/" { policy = "write" }
                """);
        assertThat(a.canRead(Resource.KEY, "other")).isTrue();
        assertThat(a.canWrite(Resource.KEY, "other")).isFalse();
        assertThat(a.canRead(Resource.KEY, "app/x")).isFalse();
        assertThat(a.canWrite(Resource.KEY, "app/public/x")).isTrue();
        assertThat(a.canRead(Resource.KEY, "apple")).isTrue();
    }

    @Test
    void denyWins_overAnEqualRuleInAnotherPolicy() {
        Authorizer a = of(DefaultPolicy.ALLOW, "service \"web\" { policy = \"write\" }",
                "service \"web\" { policy = \"deny\" }");
        assertThat(a.canRead(Resource.SERVICE, "web")).isFalse();
    }

    @Test
    void equalRules_takeTheStrongerAccess() {
        Authorizer a = of(DefaultPolicy.DENY, "node \"n1\" { policy = \"read\" }", "node \"n1\" { policy = \"write\" }");
        assertThat(a.canWrite(Resource.NODE, "n1")).isTrue();
    }

    @Test
    void listCoversRead_butNotWrite() {
        Authorizer a = of(DefaultPolicy.DENY, "key_prefix \"a/\" { policy = \"list\" }");
        assertThat(a.canList(Resource.KEY, "a/")).isTrue();
        assertThat(a.canRead(Resource.KEY, "a/b")).isTrue();
        assertThat(a.canWrite(Resource.KEY, "a/b")).isFalse();
        assertThat(of(DefaultPolicy.DENY, "key_prefix \"a/\" { policy = \"read\" }").canList(Resource.KEY, "a/"))
                .isFalse();
    }

    @Test
    void defaultAllow_grantsEverythingButAcl() {
        Authorizer a = Authorizer.of(List.of(), DefaultPolicy.ALLOW);
        assertThat(a.canWrite(Resource.KEY, "x")).isTrue();
        assertThat(a.canRead(Resource.ACL, "")).isFalse();
        assertThat(Authorizer.of(DefaultPolicy.MANAGE).canWrite(Resource.ACL, "")).isTrue();
    }

    @Test
    void defaultDeny_grantsOnlyWhatRulesSay() {
        Authorizer a = of(DefaultPolicy.DENY, "operator = \"read\"");
        assertThat(a.canRead(Resource.OPERATOR, "")).isTrue();
        assertThat(a.canWrite(Resource.OPERATOR, "")).isFalse();
        assertThat(a.canRead(Resource.KEY, "x")).isFalse();
    }

    @Test
    void globalManagement_writesEverything() {
        Authorizer a = of(DefaultPolicy.DENY, Acls.GLOBAL_MANAGEMENT_RULES);
        for (Resource r : Resource.values()) {
            assertThat(a.canWrite(r, r.segmented() ? "anything" : "")).as(r.word()).isTrue();
        }
    }

    @Test
    void intentions_followServiceRules_andTheCheckDefaultFollowsTheDefaultPolicy() {
        Authorizer a = of(DefaultPolicy.DENY, """
                service "web" { policy = "write" }
                service_prefix "db" { policy = "read" intentions = "write" }
                """);
        assertThat(a.canRead(Resource.INTENTION, "web")).isTrue();
        assertThat(a.canWrite(Resource.INTENTION, "web")).isFalse();
        assertThat(a.canWrite(Resource.INTENTION, "db-main")).isTrue();
        assertThat(a.canRead(Resource.INTENTION, "api")).isFalse();
        assertThat(a.intentionDefaultAllow()).isFalse();
        assertThat(of(DefaultPolicy.ALLOW, "service \"web\" { policy = \"read\" }").intentionDefaultAllow())
                .isTrue();
        assertThat(Authorizer.of(DefaultPolicy.MANAGE).intentionDefaultAllow()).isTrue();
    }

    @Test
    void writePrefix_needsWriteOnEverythingBeneath() {
        Authorizer a = of(DefaultPolicy.DENY, """
                key_prefix "a/" { policy = "write" }
                key "a/keep" { policy = "read" }
                """);
        assertThat(a.canWritePrefix(Resource.KEY, "a/")).isFalse();
        assertThat(a.canWritePrefix(Resource.KEY, "a/other/")).isTrue();
    }

    @Test
    void serviceIdentity_writesItsServiceAndReadsTheRest() {
        Authorizer a = Authorizer.of(List.of(new ServiceIdentity("web", List.of()).rules()), DefaultPolicy.DENY);
        assertThat(a.canWrite(Resource.SERVICE, "web")).isTrue();
        assertThat(a.canWrite(Resource.SERVICE, "web-sidecar-proxy")).isTrue();
        assertThat(a.canWrite(Resource.SERVICE, "db")).isFalse();
        assertThat(a.canRead(Resource.NODE, "n1")).isTrue();
    }

    @Test
    void nodeIdentity_writesItsNode() {
        Authorizer a = Authorizer.of(List.of(new NodeIdentity("n1", "dc1").rules()), DefaultPolicy.DENY);
        assertThat(a.canWrite(Resource.NODE, "n1")).isTrue();
        assertThat(a.canWrite(Resource.NODE, "n2")).isFalse();
        assertThat(a.canRead(Resource.SERVICE, "web")).isTrue();
    }
}
