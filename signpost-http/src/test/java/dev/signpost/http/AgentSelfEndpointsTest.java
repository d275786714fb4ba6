package dev.signpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class AgentSelfEndpointsTest {
    private final ApiTestSupport api = new ApiTestSupport();

    private static JsonNode json(ApiResponse r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    @Test
    void self_givesTheConsulApiLevelAsVersion_andSignpostsOwnAsRevision() throws Exception {
        JsonNode self = json(api.call("GET", "/v1/agent/self"));

        assertThat(self.at("/Config/Version").asText()).isEqualTo("1.20.0");
        assertThat(self.at("/Config/Revision").asText()).isEqualTo("test");
        assertThat(self.at("/Config/NodeName").asText()).isEqualTo("test");
        assertThat(self.at("/Config/PrimaryDatacenter").asText()).isEqualTo("dc1");
        assertThat(self.at("/Stats/build/revision").asText()).isEqualTo("test");
        assertThat(self.at("/Stats/consul/server").asText()).isEqualTo("true");
        assertThat(self.at("/Stats/runtime/cpu_count").asInt()).isPositive();
        assertThat(self.at("/Stats/runtime/arch").asText()).isNotEmpty();
    }

    @Test
    void version_andHost_answerInConsulsShape() throws Exception {
        assertThat(json(api.call("GET", "/v1/agent/version")).get("HumanVersion").asText())
                .isEqualTo("1.20.0 (Signpost test)");
        JsonNode host = json(api.call("GET", "/v1/agent/host"));
        assertThat(host.at("/Host/os").asText()).isNotEmpty();
        assertThat(host.at("/Memory/total").asLong()).isPositive();
        assertThat(host.has("CollectionTime")).isTrue();
    }

    @Test
    void wanMembers_areTheServersNamedWithTheirDatacenter() throws Exception {
        JsonNode wan = json(api.call("GET", "/v1/agent/members?wan=1"));

        assertThat(wan).hasSize(1);
        assertThat(wan.get(0).get("Name").asText()).isEqualTo("test.");
    }

    @Test
    void forceLeave_ofAnUnknownNode_isConsuls500() {
        ApiResponse r = api.call("PUT", "/v1/agent/force-leave/ghost?prune");

        assertThat(r.status()).isEqualTo(500);
        assertThat(ApiTestSupport.text(r)).isEqualTo("agent: No node found with name 'ghost'");
    }

    @Test
    void goArch_usesGosNames() {
        assertThat(AgentSelfEndpoints.goArch("x86_64")).isEqualTo("amd64");
        assertThat(AgentSelfEndpoints.goArch("aarch64")).isEqualTo("arm64");
    }
}
