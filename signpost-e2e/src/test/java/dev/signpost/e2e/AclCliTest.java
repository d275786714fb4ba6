package dev.signpost.e2e;

import static dev.signpost.e2e.OperatorTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.e2e.OperatorTest.Run;
import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/** {@code signpost acl bootstrap|token|policy} against an agent with ACLs on: consul's key: value blocks. */
class AclCliTest {
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC";
    private static final String UUID = "[0-9a-f-]{36}";

    @TempDir
    Path work;
    private AgentProcess agent;

    @BeforeEach
    void start() {
        agent = AgentProcess.start(work.resolve("a1.log"), List.of("agent", "-dev", "-node", "a1", "-hcl",
                "acl { enabled = true\n default_policy = \"deny\" }"), "127.0.0.1", AgentPorts.free());
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private static String field(String block, String name) {
        return block.lines().filter(l -> l.startsWith(name + ":")).findFirst().orElseThrow()
                .substring(name.length() + 1).strip();
    }

    @Test
    void bootstrap_thenPoliciesAndTokens_createListReadDelete() {
        String addr = agent.httpAddress();
        Run boot = cli("acl", "bootstrap", "-http-addr", addr);
        assertThat(boot.err()).isEmpty();
        assertThat(boot.out()).matches("AccessorID:       " + UUID + "\nSecretID:         " + UUID
                + "\nDescription:      Bootstrap Token \\(Global Management\\)\nLocal:            false\n"
                + "Create Time:      " + TIME + "\nPolicies:\n   00000000-0000-0000-0000-000000000001 - "
                + "global-management\n\n");
        String root = field(boot.out(), "SecretID");
        Run again = cli("acl", "bootstrap", "-http-addr", addr);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).startsWith("Failed ACL bootstrapping: Unexpected response code: 403 (");

        Run policy = cli("acl", "policy", "create", "-http-addr", addr, "-token", root, "-name", "app-read",
                "-description", "reads app/", "-rules", "key_prefix \"app/\" { policy = \"read\" }");
        assertThat(policy.err()).isEmpty();
        assertThat(policy.out()).matches("ID:           " + UUID + "\nName:         app-read\n"
                + "Description:  reads app/\nDatacenters:  \nRules:\nkey_prefix \"app/\" \\{ policy = \"read\" \\}\n");
        String policyId = field(policy.out(), "ID");
        assertThat(cli("acl", "policy", "read", "-http-addr", addr, "-token", root, "-name", "app-read"))
                .isEqualTo(policy);
        assertThat(cli("acl", "policy", "read", "-http-addr", addr, "-token", root, "-id", policyId.substring(0, 8)))
                .isEqualTo(policy);
        Run policies = cli("acl", "policy", "list", "-http-addr", addr, "-token", root);
        assertThat(policies.out()).contains("app-read:\n   ID:           " + policyId
                + "\n   Description:  reads app/\n   Datacenters:  \n")
                .contains("global-management:\n   ID:           00000000-0000-0000-0000-000000000001\n");

        Run token = cli("acl", "token", "create", "-http-addr", addr, "-token", root, "-description", "app reader",
                "-policy-name", "app-read", "-service-identity", "web:dc1,dc2");
        assertThat(token.err()).isEmpty();
        assertThat(token.out()).matches("AccessorID:       " + UUID + "\nSecretID:         " + UUID
                + "\nDescription:      app reader\nLocal:            false\nCreate Time:      " + TIME
                + "\nPolicies:\n   " + policyId + " - app-read\nService Identities:\n   web \\(Datacenters: dc1, dc2\\)\n\n");
        String accessor = field(token.out(), "AccessorID");
        assertThat(cli("acl", "token", "read", "-http-addr", addr, "-token", root, "-id", accessor.substring(0, 8)))
                .isEqualTo(token);
        Run self = cli("acl", "token", "read", "-http-addr", addr, "-token", field(token.out(), "SecretID"), "-self");
        assertThat(self.out()).isEqualTo(token.out());
        Run tokens = cli("acl", "token", "list", "-http-addr", addr, "-token", root);
        assertThat(tokens.out()).contains("AccessorID:       " + accessor + "\n").contains("Legacy:           false\n");

        assertThat(cli("acl", "token", "delete", "-http-addr", addr, "-token", root, "-id", accessor))
                .isEqualTo(new Run(0, "Token \"" + accessor + "\" deleted successfully\n", ""));
        assertThat(cli("acl", "policy", "delete", "-http-addr", addr, "-token", root, "-name", "app-read"))
                .isEqualTo(new Run(0, "Policy \"" + policyId + "\" deleted successfully\n", ""));

        assertThat(cli("acl", "token", "create", "-http-addr", addr, "-token", root)).isEqualTo(new Run(1, "",
                "Cannot create a token without specifying -policy-name, -policy-id, -role-name, -role-id, "
                        + "-service-identity, or -node-identity at least once\n"));
        assertThat(cli("acl", "token", "read", "-http-addr", addr)).isEqualTo(new Run(1, "",
                "Must specify the -id parameter\n"));
        assertThat(cli("acl", "token", "delete", "-http-addr", addr, "-token", root, "-id", "ffff")).isEqualTo(
                new Run(1, "", "Error determining token ID: No such token ID with prefix: ffff\n"));
        assertThat(cli("acl", "policy", "read", "-http-addr", addr)).isEqualTo(new Run(1, "",
                "Must specify either the -id or -name parameters\n"));
        // The agent answers an unknown policy name as Consul's ACL endpoint does (403 "ACL not found"), which the Go
        // client reports as it is.
        assertThat(cli("acl", "policy", "read", "-http-addr", addr, "-token", root, "-name", "nope")).isEqualTo(
                new Run(1, "", "Error determining policy ID: Unexpected response code: 403 (ACL not found)\n"));
        Run denied = cli("acl", "policy", "list", "-http-addr", addr);
        assertThat(denied.code()).isEqualTo(1);
        assertThat(denied.err()).startsWith("Failed to retrieve the policy list: Unexpected response code: 403 (");
        JsonNode left = Http.json(Http.as(root, "GET", agent.uri("/v1/acl/tokens"), ""));
        assertThat(left.toString()).doesNotContain(accessor);
    }
}
