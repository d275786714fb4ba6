package dev.signpost.core.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.signpost.core.InvalidRequestException;

class RulesTest {

    @Test
    void hclBlocks_andAssignments_parse() {
        Rules rules = Rules.parse("""
                # a comment
                key "app/config" { policy = "write" }
                key_prefix "app/" {
                  policy = "list"
                }
                service_prefix "" { policy = "read" } // trailing
                operator = "read"
                /* block */ acl = "write"
                """);
        assertThat(rules.rules()).containsExactly(
                Rule.exact(Resource.KEY, "app/config", Access.WRITE),
                Rule.prefix(Resource.KEY, "app/", Access.LIST),
                Rule.prefix(Resource.SERVICE, "", Access.READ),
                Rule.prefix(Resource.INTENTION, "", Access.READ),
                Rule.whole(Resource.OPERATOR, Access.READ),
                Rule.whole(Resource.ACL, Access.WRITE));
    }

    @Test
    void json_parsesToTheSameRules() {
        Rules rules = Rules.parse("""
                {"key": {"app/config": {"policy": "write"}},
                 "key_prefix": {"app/": {"policy": "list"}},
                 "node": [{"n1": [{"policy": "deny"}]}],
                 "keyring": "read"}
                """);
        assertThat(rules.rules()).containsExactly(
                Rule.exact(Resource.KEY, "app/config", Access.WRITE),
                Rule.prefix(Resource.KEY, "app/", Access.LIST),
                Rule.exact(Resource.NODE, "n1", Access.DENY),
                Rule.whole(Resource.KEYRING, Access.READ));
    }

    @Test
    void theGlobalManagementRules_parse() {
        assertThat(Rules.parse(Acls.GLOBAL_MANAGEMENT_RULES).rules()).hasSize(13)
                .contains(Rule.prefix(Resource.INTENTION, "", Access.WRITE));
    }

    @Test
    void serviceRules_giveIntentionRules_readByDefaultForReadOrWrite() {
        Rules rules = Rules.parse("""
                service "web" { policy = "write" }
                service "db" { policy = "read" intentions = "write" }
                service_prefix "" { policy = "deny" }
                """);
        assertThat(rules.rules()).containsExactly(
                Rule.exact(Resource.SERVICE, "web", Access.WRITE),
                Rule.exact(Resource.INTENTION, "web", Access.READ),
                Rule.exact(Resource.SERVICE, "db", Access.READ),
                Rule.exact(Resource.INTENTION, "db", Access.WRITE),
                Rule.prefix(Resource.SERVICE, "", Access.DENY),
                Rule.prefix(Resource.INTENTION, "", Access.DENY));
    }

    @Test
    void badIntentionsPolicies_andIntentionRulesOfTheirOwn_areRefused() {
        assertThatThrownBy(() -> Rules.parse("service \"web\" { policy = \"read\" intentions = \"list\" }"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Invalid service intentions policy: \"list\"");
        assertThatThrownBy(() -> Rules.parse("key \"a\" { policy = \"read\" intentions = \"read\" }"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown field 'intentions'");
        assertThatThrownBy(() -> Rules.parse("intention \"web\" { policy = \"read\" }"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown rule type 'intention'");
    }

    @Test
    void emptyText_isNoRules() {
        assertThat(Rules.parse("  \n").rules()).isEmpty();
    }

    @Test
    void unterminatedBlock_isRefused_namingTheLine() {
        assertThatThrownBy(() -> Rules.parse("key \"a\" {\n  policy = \"read\"\n"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Failed to parse ACL rules: At 3:1:");
    }

    @Test
    void unknownPolicyWord_isRefused_namingTheLine() {
        assertThatThrownBy(() -> Rules.parse("service \"web\" {\n  policy = \"reed\"\n}"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Failed to parse ACL rules: At 2:12: Invalid service policy: \"reed\"");
    }

    @Test
    void listOutsideKeys_isRefused() {
        assertThatThrownBy(() -> Rules.parse("node_prefix \"\" { policy = \"list\" }"))
                .hasMessageContaining("Invalid node policy: \"list\"");
    }

    @Test
    void unknownRuleType_isRefused() {
        assertThatThrownBy(() -> Rules.parse("\n\nkeys \"a\" { policy = \"read\" }"))
                .hasMessage("Failed to parse ACL rules: At 3:1: unknown rule type 'keys'");
        assertThatThrownBy(() -> Rules.parse("operator_prefix \"\" { policy = \"read\" }"))
                .hasMessageContaining("unknown rule type 'operator_prefix'");
    }

    @Test
    void blockWithoutPolicy_isRefused() {
        assertThatThrownBy(() -> Rules.parse("key \"a\" { }")).hasMessageContaining("has no policy");
    }
}
