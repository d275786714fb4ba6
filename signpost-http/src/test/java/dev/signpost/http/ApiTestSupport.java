package dev.signpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.core.NotFoundException;
import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;
import dev.signpost.metrics.Metrics;
import dev.signpost.testing.InMemoryRegistry;

/** The whole route table over an in-memory registry, called without sockets. */
final class ApiTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    final InMemoryRegistry registry = new InMemoryRegistry();
    final Routes routes;

    ApiTestSupport() {
        this(AclConfig.disabled());
    }

    /** The table with these ACL settings. */
    ApiTestSupport(AclConfig acl) {
        this(acl, java.time.Clock.systemUTC());
    }

    /** The table with these ACL settings and this clock. */
    ApiTestSupport(AclConfig acl, java.time.Clock clock) {
        this(acl, clock, Metrics.none(), LogFeed.none());
    }

    /** The table with these ACL settings, metrics and log feed. */
    ApiTestSupport(AclConfig acl, Metrics metrics, LogFeed logs) {
        this(acl, java.time.Clock.systemUTC(), metrics, logs);
    }

    private ApiTestSupport(AclConfig acl, java.time.Clock clock, Metrics metrics, LogFeed logs) {
        routes = ApiServer.routes(registry, new NoAgent(), "dc1", clock, acl, metrics, logs, true);
    }

    ApiResponse call(String method, String pathAndQuery) {
        return call(method, pathAndQuery, "");
    }

    ApiResponse call(String method, String pathAndQuery, String body) {
        return call(method, pathAndQuery, body, Map.of());
    }

    /** A call presenting a token in X-Consul-Token ("" sends none). */
    ApiResponse as(String token, String method, String pathAndQuery, String body) {
        return call(method, pathAndQuery, body, token.isEmpty() ? Map.of() : Map.of("x-consul-token", token));
    }

    ApiResponse call(String method, String pathAndQuery, String body, Map<String, String> headers) {
        String path = pathAndQuery;
        Map<String, List<String>> query = new LinkedHashMap<>();
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            path = pathAndQuery.substring(0, q);
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                query.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return ApiServer.handle(routes, new ApiRequest(method, path, query, headers,
                body.getBytes(StandardCharsets.UTF_8), ""));
    }

    /**
     * Waits until a read started on another thread is parked in its blocking query, so that a change made next must
     * wake it (and not the read's own start find the change already there).
     */
    void awaitParkedRead() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> registry.store().watches().waiting() >= 1);
    }

    static String text(ApiResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static JsonNode json(ApiResponse response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Asserts a response's text, then its status (the text says why a status is wrong). */
    static void expect(ApiResponse response, int status, String text) {
        assertThat(text(response)).isEqualTo(text);
        assertThat(response.status()).isEqualTo(status);
    }

    /** The secret of a new token holding one new policy with these rules, made with the management secret. */
    String token(String management, String name, String rules) throws IOException {
        as(management, "PUT", "/v1/acl/policy", JSON.writeValueAsString(Map.of("Name", name, "Rules", rules)));
        ApiResponse token = as(management, "PUT", "/v1/acl/token", "{\"Policies\":[{\"Name\":\"" + name + "\"}]}");
        return json(token).get("SecretID").asText();
    }

    /** An agent that owns nothing: the catalog tests do not go through it. */
    static final class NoAgent implements LocalAgent {
        private static final Member SELF = new Member("test", "127.0.0.1", 8301, Map.of("role", "consul"), 1);
        private final TestEvents events = new TestEvents();

        @Override
        public Identity identity() {
            return new Identity("test", "00000000-0000-0000-0000-000000000001", "dc1", true, "test", "127.0.0.1", SELF);
        }

        @Override
        public List<Member> members() {
            return List.of(SELF);
        }

        @Override
        public Map<String, Service> services() {
            return Map.of();
        }

        @Override
        public Map<String, Check> checks() {
            return Map.of();
        }

        @Override
        public void registerService(Service service, List<CheckSpec> checks, boolean replaceExistingChecks) {
            throw new NotFoundException("no agent in this test");
        }

        @Override
        public void register(AgentDefinitions.Registration registration, boolean replaceExistingChecks) {
            throw new NotFoundException("no agent in this test");
        }

        @Override
        public void deregisterService(String serviceId) {
            throw new NotFoundException("Unknown service ID \"" + serviceId + "\"");
        }

        @Override
        public void registerCheck(CheckSpec check) {
            throw new NotFoundException("no agent in this test");
        }

        @Override
        public void deregisterCheck(String checkId) {
            throw new NotFoundException("no agent in this test");
        }

        @Override
        public void updateCheck(String checkId, HealthStatus status, String output) {
            throw new NotFoundException("Unknown check ID \"" + checkId + "\"");
        }

        @Override
        public boolean join(String address) {
            return false;
        }

        @Override
        public void leave() {
        }

        @Override
        public Events events() {
            return events;
        }
    }
}
