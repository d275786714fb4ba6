package dev.signpost.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.core.Registry;
import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;
import dev.signpost.core.command.Command;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.watch.Watches;
import dev.signpost.metrics.Metrics;
import dev.signpost.metrics.Telemetry;
import dev.signpost.testing.InMemoryRegistry;

/**
 * What ACL enforcement and metrics add to a request inside the agent (bench/request-cost): the whole route table,
 * token resolution, guard, filtering, the answer cache and the request's metrics included, called without sockets,
 * with ACLs off or on (default deny, and a token whose policy allows the request, as bench/acl-cost does end to
 * end) and with metrics off or recorded as the agent records them. Sockets, Jetty and Raft cost each side the same,
 * so a difference here is what enforcement or metrics cost, and its end-to-end share is that difference over the
 * agent's whole CPU time per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestCostBenchmark {
    private static final String ROOT = "6c1f7a9e-2b4d-4e0a-8f3c-5d9b1a7e2c40";

    /**
     * {@code base}: ACLs disabled, nothing recorded ({@code Metrics.none()}); {@code acls}: ACLs on (default deny) and
     * a token allowed to do what is asked; {@code metrics}: metrics recorded as {@code signpost agent} records them.
     */
    @Param({"base", "acls", "metrics"})
    public String variant;

    private Routes routes;
    private ApiRequest catalogRead;
    private ApiRequest healthRead;
    private ApiRequest kvPut;

    @Setup
    public void setUp() throws Exception {
        boolean on = variant.equals("acls");
        AclConfig acl = on ? new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false, ROOT,
                new AgentTokens("", "", "")) : AclConfig.disabled();
        Metrics recorded = variant.equals("metrics") ? Metrics.create(Telemetry.defaults("bench")) : Metrics.none();
        // The registry as the agent hands it to the HTTP API, plus what its Raft leader records for each write.
        Registry registry = new MeteredRegistry(new LeaderMetrics(new InMemoryRegistry(), recorded), recorded);
        routes = ApiServer.routes(registry, new ApiTestSupport.NoAgent(), "dc1", Clock.systemUTC(), acl, recorded,
                LogFeed.none(), true);
        for (int i = 1; i <= 10; i++) {
            ApiResponse r = call(on ? ROOT : "", "PUT", "/v1/catalog/register", "{\"Node\":\"n" + i
                    + "\",\"Address\":\"10.0.0." + i + "\",\"Service\":{\"ID\":\"web-" + i + "\",\"Service\":\"web\","
                    + "\"Port\":" + (8080 + i) + ",\"Tags\":[\"v1\"]},\"Check\":{\"CheckID\":\"web-" + i + "\","
                    + "\"Name\":\"web\",\"ServiceID\":\"web-" + i + "\",\"Status\":\"passing\"}}");
            expectOk(r);
        }
        Map<String, String> headers = Map.of();
        if (on) {
            String rules = "key_prefix \"bench/\" { policy = \"write\" }\n"
                    + "service_prefix \"\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }";
            expectOk(call(ROOT, "PUT", "/v1/acl/policy",
                    new ObjectMapper().writeValueAsString(Map.of("Name", "bench", "Rules", rules))));
            String secret = ApiTestSupport.json(expectOk(call(ROOT, "PUT", "/v1/acl/token",
                    "{\"Policies\":[{\"Name\":\"bench\"}]}"))).get("SecretID").asText();
            headers = Map.of("x-consul-token", secret);
        }
        catalogRead = new ApiRequest("GET", "/v1/catalog/service/web", Map.of(), headers, new byte[0], "");
        healthRead = new ApiRequest("GET", "/v1/health/service/web", Map.of(), headers, new byte[0], "");
        kvPut = new ApiRequest("PUT", "/v1/kv/bench/key", Map.of(), headers,
                "value".getBytes(StandardCharsets.UTF_8), "");
        // The same answers on both sides, or the two sides measure different work.
        ApiResponse read = expectOk(ApiServer.handle(routes, catalogRead));
        if (ApiTestSupport.json(read).size() != 10) {
            throw new IllegalStateException("the catalog read does not show the 10 instances: " + ApiTestSupport.text(read));
        }
        expectOk(ApiServer.handle(routes, healthRead));
        expectOk(ApiServer.handle(routes, kvPut));
        if (on) {
            ApiResponse anonymous = ApiServer.handle(routes, new ApiRequest("PUT", "/v1/kv/bench/key", Map.of(),
                    Map.of(), new byte[0], ""));
            if (anonymous.status() != 403) {
                throw new IllegalStateException("ACLs are not enforced: an anonymous write answered "
                        + anonymous.status());
            }
        }
    }

    private ApiResponse call(String token, String method, String path, String body) {
        return ApiServer.handle(routes, new ApiRequest(method, path, Map.of(),
                token.isEmpty() ? Map.of() : Map.of("x-consul-token", token), body.getBytes(StandardCharsets.UTF_8), ""));
    }

    private static ApiResponse expectOk(ApiResponse response) {
        if (response.status() != 200) {
            throw new IllegalStateException(response.status() + " " + ApiTestSupport.text(response));
        }
        return response;
    }

    @Benchmark
    public ApiResponse catalogRead() {
        return ApiServer.handle(routes, catalogRead);
    }

    @Benchmark
    public ApiResponse healthRead() {
        return ApiServer.handle(routes, healthRead);
    }

    @Benchmark
    public ApiResponse kvPut() {
        return ApiServer.handle(routes, kvPut);
    }

    /**
     * What the Raft leader records for each write it applies ({@code RegistryStateMachine}: {@code raft.apply} and
     * {@code raft.commitTime}), around a registry without Raft.
     */
    private record LeaderMetrics(Registry delegate, Metrics.Counter apply, Metrics.Sample commitTime)
            implements Registry {
        LeaderMetrics(Registry delegate, Metrics metrics) {
            this(delegate, metrics.counter("raft.apply"), metrics.sample("raft.commitTime"));
        }

        @Override
        public WriteResult write(Command command) {
            long taken = System.nanoTime();
            WriteResult result = delegate.write(command);
            apply.add(1);
            commitTime.since(taken);
            return result;
        }

        @Override
        public <T> T read(ReadMode mode, Function<CatalogState, T> query) {
            return delegate.read(mode, query);
        }

        @Override
        public Watches.Subscription watch(dev.signpost.core.watch.Scope scope, Runnable onChange) {
            return delegate.watch(scope, onChange);
        }

        @Override
        public ClusterView cluster() {
            return delegate.cluster();
        }
    }

    /** Runs every benchmark here with JMH's defaults unless arguments say otherwise. */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args
                : List.of(RequestCostBenchmark.class.getSimpleName()).toArray(String[]::new));
    }
}
