package dev.signpost.e2e;

import static dev.signpost.e2e.OperatorTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.e2e.OperatorTest.Run;
import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * {@code signpost acl bootstrap|token|policy|role} and {@code operator usage instances} against an agent with ACLs
 * on: consul's key: value blocks and tables.
 */
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

    /** The bootstrap token's secret, once the agent's leader takes the bootstrap (a fresh -dev agent may not yet). */
    private String bootstrap() {
        Run[] boot = new Run[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            boot[0] = cli("acl", "bootstrap", "-http-addr", agent.httpAddress());
            return boot[0].code() == 0;
        });
        return field(boot[0].out(), "SecretID");
    }

    @Test
    void roles_createReadUpdateListDelete_andTokensUpdateAndClone() {
        String addr = agent.httpAddress();
        String root = bootstrap();
        String policyId = field(cli("acl", "policy", "create", "-http-addr", addr, "-token", root, "-name", "app-read",
                "-rules", "key_prefix \"app/\" { policy = \"read\" }").out(), "ID");
        cli("acl", "policy", "create", "-http-addr", addr, "-token", root, "-name", "ops", "-rules",
                "operator = \"read\"");

        Run role = cli("acl", "role", "create", "-http-addr", addr, "-token", root, "-name", "app", "-description",
                "reads app", "-policy-id", policyId.substring(0, 8), "-service-identity", "web");
        assertThat(role.err()).isEmpty();
        assertThat(role.out()).matches("ID:           " + UUID + "\nName:         app\nDescription:  reads app\n"
                + "Policies:\n   " + policyId + " - app-read\nService Identities:\n   web \\(Datacenters: all\\)\n\n");
        String roleId = field(role.out(), "ID");
        assertThat(cli("acl", "role", "read", "-http-addr", addr, "-token", root, "-name", "app")).isEqualTo(role);
        assertThat(cli("acl", "role", "read", "-http-addr", addr, "-token", root, "-id", roleId.substring(0, 6)))
                .isEqualTo(role);

        Run updated = cli("acl", "role", "update", "-http-addr", addr, "-token", root, "-id", roleId, "-description",
                "reads app, runs ops", "-policy-name", "ops", "-node-identity", "a1:dc1");
        assertThat(updated.err()).isEmpty();
        assertThat(updated.out()).contains("Description:  reads app, runs ops\n").contains("   " + policyId
                + " - app-read\n").contains(" - ops\n").contains("Service Identities:\n   web (Datacenters: all)\n")
                .endsWith("Node Identities:\n   a1 (Datacenter: dc1)\n\n");
        Run replaced = cli("acl", "role", "update", "-http-addr", addr, "-token", root, "-id", roleId, "-no-merge",
                "-name", "app", "-policy-name", "app-read");
        assertThat(replaced.out()).matches("ID:           " + roleId + "\nName:         app\nDescription:  \n"
                + "Policies:\n   " + policyId + " - app-read\n\n");
        Run roles = cli("acl", "role", "list", "-http-addr", addr, "-token", root);
        assertThat(roles).isEqualTo(new Run(0, "app:\n   ID:           " + roleId + "\n   Description:  \n"
                + "   Policies:\n      " + policyId + " - app-read\n\n", ""));

        Run token = cli("acl", "token", "create", "-http-addr", addr, "-token", root, "-description", "svc",
                "-policy-name", "ops", "-service-identity", "web");
        String accessor = field(token.out(), "AccessorID");
        // Consul's update keeps policies unless told, adds roles with -append-role-name, and (its quirk) drops the
        // service identities a command line does not repeat.
        Run tokenUpdated = cli("acl", "token", "update", "-http-addr", addr, "-token", root, "-accessor-id",
                accessor.substring(0, 8), "-description", "svc v2", "-append-role-name", "app");
        assertThat(tokenUpdated.err()).isEmpty();
        assertThat(tokenUpdated.out()).matches("AccessorID:       " + accessor + "\nSecretID:         "
                + field(token.out(), "SecretID") + "\nDescription:      svc v2\nLocal:            false\n"
                + "Create Time:      " + TIME + "\nPolicies:\n   " + UUID + " - ops\nRoles:\n   " + roleId
                + " - app\n\n");
        Run clone = cli("acl", "token", "clone", "-http-addr", addr, "-token", root, "-accessor-id", accessor,
                "-description", "copy");
        assertThat(clone.err()).isEmpty();
        assertThat(field(clone.out(), "AccessorID")).isNotEqualTo(accessor);
        assertThat(clone.out()).contains("Description:      copy\n").endsWith("Roles:\n   " + roleId + " - app\n\n");

        assertThat(cli("acl", "role", "delete", "-http-addr", addr, "-token", root, "-name", "app"))
                .isEqualTo(new Run(0, "Role \"" + roleId + "\" deleted successfully\n", ""));
        assertThat(cli("acl", "role", "list", "-http-addr", addr, "-token", root)).isEqualTo(new Run(0, "", ""));
    }

    @Test
    void roleAndTokenEdits_failAsConsulsDo() {
        String addr = agent.httpAddress();
        String root = bootstrap();
        String unknown = "6f1d2c3b-0000-4000-8000-000000000001";
        assertThat(cli("acl", "role", "read", "-http-addr", addr, "-token", root, "-id", unknown))
                .isEqualTo(new Run(1, "", "Role not found with ID \"" + unknown + "\"\n"));
        assertThat(cli("acl", "role", "read", "-http-addr", addr, "-token", root, "-name", "nope"))
                .isEqualTo(new Run(1, "", "Role not found with name \"nope\"\n"));
        assertThat(cli("acl", "role", "update", "-http-addr", addr, "-token", root, "-id", unknown))
                .isEqualTo(new Run(1, "", "Role not found with ID \"" + unknown + "\"\n"));
        assertThat(cli("acl", "role", "update", "-http-addr", addr, "-token", root, "-id", "ffff"))
                .isEqualTo(new Run(1, "", "Error determining role ID: No such role ID with prefix: ffff\n"));
        assertThat(cli("acl", "role", "delete", "-http-addr", addr, "-token", root, "-name", "nope"))
                .isEqualTo(new Run(1, "", "Error determining role ID: No such role with name nope\n"));
        assertThat(cli("acl", "role", "read", "-http-addr", addr)).isEqualTo(new Run(1, "",
                "Must specify either the -id or -name parameters\n"));
        assertThat(cli("acl", "role", "create", "-http-addr", addr, "-token", root, "-name", "r")).isEqualTo(new Run(1,
                "", "Cannot create a role without specifying -policy-name, -policy-id, -service-identity, or "
                        + "-node-identity at least once\n"));
        Run missingPolicy = cli("acl", "role", "create", "-http-addr", addr, "-token", root, "-name", "r",
                "-policy-name", "nope");
        assertThat(missingPolicy.code()).isEqualTo(1);
        assertThat(missingPolicy.err()).startsWith("Failed to create new role: Unexpected response code: 400 (");
        assertThat(cli("acl", "token", "update", "-http-addr", addr, "-token", root)).isEqualTo(new Run(1, "",
                "Cannot update a token without specifying the -accessor-id parameter\n"));
        assertThat(cli("acl", "token", "update", "-http-addr", addr, "-token", root, "-accessor-id", "anonymous",
                "-policy-name", "a", "-append-policy-name", "b")).isEqualTo(new Run(1, "", "Cannot combine the use of "
                + "policy-id/policy-name flags with append- variants. To set or overwrite existing policies, use "
                + "-policy-id or -policy-name. To append to existing policies, use -append-policy-id or "
                + "-append-policy-name.\n"));
        assertThat(cli("acl", "token", "clone", "-http-addr", addr, "-token", root, "-accessor-id", unknown))
                .isEqualTo(new Run(1, "", "Error cloning token: Unexpected response code: 403 (ACL not found)\n"));
        Run denied = cli("acl", "role", "list", "-http-addr", addr);
        assertThat(denied.code()).isEqualTo(1);
        assertThat(denied.err()).startsWith("Failed to retrieve the role list: Unexpected response code: 403 (");
    }

    @Test
    void operatorUsage_countsTheCatalog_forATokenWithOperatorRead() {
        String addr = agent.httpAddress();
        String root = bootstrap();
        Http.as(root, "PUT", agent.uri("/v1/catalog/register"),
                "{\"Node\":\"n2\",\"Address\":\"10.0.0.2\",\"Service\":{\"ID\":\"web-1\",\"Service\":\"web\"}}");

        Run usage = cli("operator", "usage", "instances", "-http-addr", addr, "-token", root);
        assertThat(usage).isEqualTo(new Run(0, """
                Billable Service Instances Total: 1
                dc1 Billable Service Instances: 1

                Billable Services
                Services      Service instances
                2             1


                Nodes
                Datacenter      Count            \n\
                dc1             2
                                \n\
                Total           2


                Connect Services
                Type                     Service instances
                connect-native           0
                connect-proxy            0
                ingress-gateway          0
                mesh-gateway             0
                terminating-gateway      0
                """, ""));
        JsonNode json = Http.json(Http.as(root, "GET", agent.uri("/v1/operator/usage?global"), ""));
        assertThat(json.get("Usage").get("dc1").get("ServiceInstances").asInt()).isEqualTo(2);

        Run denied = cli("operator", "usage", "instances", "-http-addr", addr, "-billable");
        assertThat(denied.code()).isEqualTo(1);
        assertThat(denied.err()).isEqualTo("Error fetching usage information: Unexpected response code: 403 "
                + "(Permission denied: token with AccessorID '00000000-0000-0000-0000-000000000002' lacks permission "
                + "'operator:read')\n");
        assertThat(cli("operator", "usage", "instances", "-http-addr", addr, "-billable", "-connect"))
                .isEqualTo(new Run(1, "", "Cannot specify both -billable and -connect flags\n"));
    }
}
