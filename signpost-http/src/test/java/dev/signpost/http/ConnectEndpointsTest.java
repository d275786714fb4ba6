package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;

/** {@code /v1/catalog/connect/:service} and {@code /v1/health/connect/:service}: proxies and native instances. */
class ConnectEndpointsTest {
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";

    private final ApiTestSupport api = new ApiTestSupport();

    private static String proxy(String node, String id, String destination, String checkStatus) {
        return "{\"Node\":\"" + node + "\",\"Address\":\"10.0.0.1\",\"Service\":{\"ID\":\"" + id + "\",\"Service\":\""
                + destination + "-sidecar-proxy\",\"Kind\":\"connect-proxy\",\"Port\":21000,\"Proxy\":"
                + "{\"DestinationServiceName\":\"" + destination + "\",\"DestinationServiceID\":\"" + destination
                + "\",\"LocalServicePort\":8080}},\"Check\":{\"CheckID\":\"" + id + "-alive\",\"ServiceID\":\"" + id
                + "\",\"Status\":\"" + checkStatus + "\"}}";
    }

    private void register(ApiTestSupport on, String token, String body) {
        assertThat(text(on.as(token, "PUT", "/v1/catalog/register", body))).isEqualTo("true");
    }

    @Test
    void connectReads_listTheProxiesOfTheService_andItsNativeInstances_withAnIndex() {
        register(api, "", "{\"Node\":\"n1\",\"Address\":\"10.0.0.1\",\"Service\":{\"Service\":\"web\",\"Port\":8080}}");
        register(api, "", proxy("n1", "web-proxy-1", "web", "passing"));
        register(api, "", proxy("n2", "web-proxy-2", "web", "critical"));
        register(api, "", proxy("n1", "db-proxy", "db", "passing"));
        register(api, "", "{\"Node\":\"n3\",\"Address\":\"10.0.0.3\",\"Service\":{\"ID\":\"web-native\","
                + "\"Service\":\"web\",\"Port\":9090,\"Connect\":{\"Native\":true}}}");

        ApiResponse catalog = api.call("GET", "/v1/catalog/connect/web");
        assertThat(text(catalog)).contains("\"ServiceID\":\"web-proxy-1\"", "\"ServiceID\":\"web-proxy-2\"",
                "\"ServiceID\":\"web-native\"", "\"ServiceKind\":\"connect-proxy\"").doesNotContain("db-proxy")
                .doesNotContain("\"ServiceID\":\"web\"");
        assertThat(catalog.headers()).containsKey("X-Consul-Index");

        assertThat(text(api.call("GET", "/v1/health/connect/web"))).contains("web-proxy-1", "web-proxy-2",
                "web-native");
        assertThat(text(api.call("GET", "/v1/health/connect/web?passing"))).contains("web-proxy-1", "web-native")
                .doesNotContain("web-proxy-2");
        assertThat(text(api.call("GET", "/v1/health/connect/web?filter=Service.Kind == \"connect-proxy\"")))
                .contains("web-proxy-1").doesNotContain("web-native");
        assertThat(text(api.call("GET", "/v1/catalog/connect/web?filter=ServiceConnect.Native == true")))
                .contains("web-native").doesNotContain("web-proxy");
        assertThat(text(api.call("GET", "/v1/catalog/connect/nothing"))).isEqualTo("[]");
    }

    @Test
    void aBlockingConnectRead_isWokenByAProxysRegistration() throws Exception {
        register(api, "", proxy("n1", "web-proxy-1", "web", "passing"));
        long index = Long.parseLong(api.call("GET", "/v1/health/connect/web").headers().get("X-Consul-Index"));
        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> api.call("GET", "/v1/health/connect/web?index=" + index + "&wait=30s"));
        api.awaitParkedRead(); // parked: the registration below must wake it, not its 30 s end

        register(api, "", proxy("n2", "web-proxy-2", "web", "passing"));

        ApiResponse woken = waiting.get(10, TimeUnit.SECONDS);
        assertThat(text(woken)).contains("web-proxy-1", "web-proxy-2");
        assertThat(Long.parseLong(woken.headers().get("X-Consul-Index"))).isGreaterThan(index);
    }

    @Test
    void withAcls_aCallerWhoCannotReadTheService_seesNone_andProxiesItCannotReadAreFilteredOut() throws Exception {
        ApiTestSupport acl = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false, ROOT,
                new AgentTokens("", "", "")));
        register(acl, ROOT, proxy("n1", "web-proxy-1", "web", "passing"));
        String webOnly = acl.token(ROOT, "web-only", "service \"web\" { policy = \"read\" } "
                + "node_prefix \"\" { policy = \"read\" }");
        String all = acl.token(ROOT, "all", "service_prefix \"\" { policy = \"read\" } "
                + "node_prefix \"\" { policy = \"read\" }");
        String none = acl.token(ROOT, "none", "node_prefix \"\" { policy = \"read\" }");

        assertThat(text(acl.as(all, "GET", "/v1/catalog/connect/web", ""))).contains("web-proxy-1");
        assertThat(text(acl.as(none, "GET", "/v1/catalog/connect/web", ""))).isEqualTo("[]");
        ApiResponse filtered = acl.as(webOnly, "GET", "/v1/health/connect/web", "");
        assertThat(text(filtered)).isEqualTo("[]");
        assertThat(filtered.headers()).containsEntry("X-Consul-Results-Filtered-By-ACLs", "true");
    }
}
