package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UiEndpointsTest {
    private final ApiTestSupport api = new ApiTestSupport();

    @Test
    void uiWithoutTheSlash_andTheRoot_redirectToUi() {
        for (String path : new String[] {"/ui", "/"}) {
            ApiResponse r = api.call("GET", path);
            assertThat(r.status()).as(path).isEqualTo(301);
            assertThat(r.headers()).as(path).containsEntry("Location", "/ui/");
        }
    }

    @Test
    void thePage_isServedWithAPolicyThatLoadsNothingFromElsewhere() {
        ApiResponse r = api.call("GET", "/ui/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(text(r)).contains("<title>Signpost</title>").contains("<script type=\"module\" src=\"app.js\">");
        assertThat(r.headers().get("Content-Security-Policy")).startsWith("default-src 'self'");
    }

    @Test
    void everyFile_isServedWithItsType() {
        for (String name : UiEndpoints.FILES) {
            ApiResponse r = api.call("GET", "/ui/" + name);
            assertThat(r.status()).as(name).isEqualTo(200);
            assertThat(r.body()).as(name).isNotEmpty();
        }
        assertThat(api.call("GET", "/ui/app.js").contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(api.call("GET", "/ui/style.css").contentType()).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void everyModuleImported_isAFileTheAgentServes() {
        for (String name : UiEndpoints.FILES) {
            if (!name.endsWith(".js")) {
                continue;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("from '\\./([^']+)'")
                    .matcher(text(api.call("GET", "/ui/" + name)));
            while (m.find()) {
                assertThat(UiEndpoints.FILES).as(name + " imports " + m.group(1)).contains(m.group(1));
            }
        }
    }

    @Test
    void everyModulePreloaded_isAFileTheAgentServes() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rel=\"modulepreload\" href=\"([^\"]+)\"")
                .matcher(text(api.call("GET", "/ui/")));
        int preloaded = 0;
        while (m.find()) {
            assertThat(UiEndpoints.FILES).contains(m.group(1));
            preloaded++;
        }
        assertThat(preloaded).isEqualTo(UiEndpoints.FILES.stream().filter(f -> f.endsWith(".js")).count() - 1);
    }

    @Test
    void withTheUiOff_thereIsNoUi_andTheRootSaysSo_inConsulsWords() {
        Routes routes = ApiServer.routes(api.registry, new ApiTestSupport.NoAgent(), "dc1", java.time.Clock.systemUTC(),
                dev.signpost.core.acl.AclConfig.disabled(), false);
        ApiResponse root = ApiServer.handle(routes, new ApiRequest("GET", "/", java.util.Map.of(), java.util.Map.of(),
                new byte[0], ""));
        assertThat(root.status()).isEqualTo(200);
        assertThat(text(root)).isEqualTo("Consul Agent: UI disabled. To enable, set ui_config.enabled=true in the "
                + "agent configuration and restart.");
        for (String path : new String[] {"/ui", "/ui/", "/ui/app.js"}) {
            assertThat(ApiServer.handle(routes, new ApiRequest("GET", path, java.util.Map.of(), java.util.Map.of(),
                    new byte[0], "")).status()).as(path).isEqualTo(404);
        }
        assertThat(ApiServer.handle(routes, new ApiRequest("GET", "/v1/internal/ui/services", java.util.Map.of(),
                java.util.Map.of(), new byte[0], "")).status()).isEqualTo(200);
    }

    @Test
    void anUnknownFile_is404_butAPagePath_isThePage() {
        assertThat(api.call("GET", "/ui/nothing.js").status()).isEqualTo(404);
        assertThat(text(api.call("GET", "/ui/services/web"))).contains("<title>Signpost</title>");
    }
}
