package dev.signpost.e2e;

import static dev.signpost.e2e.OperatorTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.e2e.OperatorTest.Run;
import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * Intentions on the jar's {@code agent -dev} with ACLs on (default deny), as a user drives them: created by HTTP
 * ({@code /exact}) and by {@code signpost intention create} (the ID-based API, as consul's CLI), a wildcard source,
 * check and match answers with consul's exit codes, the service-intentions entry behind them, deletion, and a
 * token without intentions write refused, and a blocking list woken by a write.
 */
class IntentionTest {
    @TempDir
    Path work;
    private AgentProcess agent;
    private String root;

    @BeforeEach
    void start() {
        agent = AgentProcess.start(work.resolve("a1.log"), List.of("agent", "-dev", "-node", "a1", "-hcl",
                "acl { enabled = true\n default_policy = \"deny\" }"), "127.0.0.1", AgentPorts.free());
        // The first leader's term can still be settling under load ("No cluster leader"): try until it took.
        Run boot = await().atMost(Duration.ofSeconds(30)).until(
                () -> cli("acl", "bootstrap", "-http-addr", agent.httpAddress()),
                run -> run.code() == 0 || !run.err().contains("No cluster leader"));
        assertThat(boot.code()).as(boot.err()).isZero();
        root = boot.out().lines().filter(l -> l.startsWith("SecretID:")).findFirst().orElseThrow()
                .substring("SecretID:".length()).strip();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private Run intention(String... args) {
        String[] line = new String[args.length + 5];
        line[0] = "intention";
        line[1] = args[0];
        line[2] = "-http-addr";
        line[3] = agent.httpAddress();
        line[4] = "-token";
        line[5] = root;
        System.arraycopy(args, 1, line, 6, args.length - 1);
        return cli(line);
    }

    @Test
    void intentionsByHttpAndCli_areCheckedMatchedListedAndDeleted() throws Exception {
        HttpResponse<String> put = Http.as(root, "PUT",
                agent.uri("/v1/connect/intentions/exact?source=api&destination=web"),
                "{\"Action\":\"allow\",\"Description\":\"api calls web\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("true");

        long index = Http.index(Http.as(root, "GET", agent.uri("/v1/connect/intentions"), ""));
        CompletableFuture<HttpResponse<String>> waiting = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                agent.uri("/v1/connect/intentions?index=" + index + "&wait=30s")).header("X-Consul-Token", root)
                .build(), HttpResponse.BodyHandlers.ofString());
        // Once the list is waiting, the CLI's write below must wake it, not its 30 s end.
        Http.awaitParkedQuery(agent.uri("/"), root);
        assertThat(intention("create", "web", "db")).isEqualTo(new Run(0, "Created: web => db (allow)\n", ""));
        HttpResponse<String> woken = waiting.get(10, TimeUnit.SECONDS);
        assertThat(Http.index(woken)).isGreaterThan(index);
        assertThat(Http.json(woken)).hasSize(2);
        assertThat(intention("create", "-deny", "*", "db")).isEqualTo(new Run(0, "Created: * => db (deny)\n", ""));

        assertThat(intention("check", "web", "db")).isEqualTo(new Run(0, "Allowed\n", ""));
        assertThat(intention("check", "api", "db")).isEqualTo(new Run(1, "Denied\n", ""));
        assertThat(intention("check", "api", "web")).isEqualTo(new Run(0, "Allowed\n", ""));
        assertThat(intention("check", "web", "api")).as("no intention: the ACL default policy (deny)")
                .isEqualTo(new Run(1, "Denied\n", ""));

        assertThat(intention("match", "db")).isEqualTo(new Run(0, "web => db (allow)\n* => db (deny)\n", ""));
        JsonNode bySource = Http.json(Http.as(root, "GET", agent.uri("/v1/connect/intentions/match?by=source&name=api"),
                ""));
        assertThat(bySource.get("api")).extracting(i -> i.get("DestinationName").asText()).containsExactly("web", "db");

        Run list = intention("list");
        assertThat(list.code()).isZero();
        assertThat(list.out().lines().toList()).hasSize(4).first().asString()
                .matches("ID +Source +Action +Destination +Precedence");
        assertThat(list.out()).containsPattern("[0-9a-f-]{36}  web +allow +db +9")
                .containsPattern("\n {38}api +allow +web +9");

        Run get = intention("get", "web", "db");
        assertThat(get.code()).as(get.err()).isZero();
        assertThat(get.out()).startsWith("Source:       web\nDestination:  db\nAction:       allow\nID:           ");
        assertThat(get.out()).containsPattern("\nCreated At:   \\w+day, \\d\\d-\\w{3}-\\d\\d ");

        JsonNode entry = Http.json(Http.as(root, "GET", agent.uri("/v1/config/service-intentions/db"), ""));
        assertThat(entry.get("Sources")).extracting(s -> s.get("Name").asText() + ":" + s.get("Precedence").asInt())
                .containsExactly("web:9", "*:8");
        assertThat(entry.get("Sources").get(0).get("LegacyID").asText()).hasSize(36);

        assertThat(intention("delete", "web", "db")).isEqualTo(new Run(0, "Intention deleted.\n", ""));
        assertThat(intention("check", "web", "db")).as("the wildcard deny now decides")
                .isEqualTo(new Run(1, "Denied\n", ""));
        assertThat(intention("get", "web", "db"))
                .isEqualTo(new Run(1, "", "Intention not found with source \"web\" and destination \"db\"\n"));
    }

    @Test
    void aTokenWithoutIntentionsWrite_isRefused_andSeesOnlyWhatItMayRead() throws Exception {
        assertThat(intention("create", "web", "db").code()).isZero();
        assertThat(intention("create", "web", "billing").code()).isZero();
        Path batch = Files.writeString(work.resolve("batch.json"),
                "{\"SourceName\":\"batch\",\"DestinationName\":\"db\",\"Action\":\"deny\"}");
        assertThat(intention("create", "-file", batch.toString()))
                .isEqualTo(new Run(0, "Created: batch => db (deny)\n", ""));
        Path l7 = Files.writeString(work.resolve("l7.json"), "{\"SourceName\":\"x\",\"DestinationName\":\"db\","
                + "\"Permissions\":[{\"Action\":\"allow\",\"HTTP\":{\"PathPrefix\":\"/\"}}]}");
        assertThat(intention("create", "-file", l7.toString())).isEqualTo(new Run(1, "", "Error: cannot create L7 "
                + "intention from file \"" + l7 + "\" using this CLI; use 'consul config write' instead\n"));
        String policy = "{\"Name\":\"db-owner\",\"Rules\":\"service \\\"db\\\" { policy = \\\"write\\\" }\"}";
        assertThat(Http.as(root, "PUT", agent.uri("/v1/acl/policy"), policy).statusCode()).isEqualTo(200);
        String limited = Http.json(Http.as(root, "PUT", agent.uri("/v1/acl/token"),
                "{\"Policies\":[{\"Name\":\"db-owner\"}]}")).get("SecretID").asText();

        HttpResponse<String> denied = Http.as(limited, "PUT",
                agent.uri("/v1/connect/intentions/exact?source=api&destination=db"), "{\"Action\":\"allow\"}");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("Permission denied");
        Run create = cli("intention", "create", "-http-addr", agent.httpAddress(), "-token", limited, "api", "db");
        assertThat(create).isEqualTo(new Run(1, "", "Error creating intention \"api => db (allow)\": "
                + "Unexpected response code: 403 (Permission denied)\n"));

        HttpResponse<String> list = Http.as(limited, "GET", agent.uri("/v1/connect/intentions"), "");
        assertThat(Http.json(list)).extracting(i -> i.get("SourceName").asText() + "->"
                + i.get("DestinationName").asText()).containsExactly("batch->db", "web->db");
        assertThat(list.headers().firstValue("X-Consul-Results-Filtered-By-ACLs")).contains("true");
        assertThat(cli("intention", "check", "-http-addr", agent.httpAddress(), "-token", limited, "web", "db"))
                .isEqualTo(new Run(0, "Allowed\n", ""));
        Run check = cli("intention", "check", "-http-addr", agent.httpAddress(), "-token", limited, "web", "billing");
        assertThat(check.code()).isEqualTo(2);
        assertThat(check.err()).startsWith("Error checking the connection: Unexpected response code: 403 "
                + "(Permission denied: token with AccessorID '");
    }
}
