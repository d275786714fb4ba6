package dev.signpost.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.AutopilotConfig;

class AutopilotEndpointsTest {
    private final ApiTestSupport api = new ApiTestSupport();

    private static AutopilotConfig parse(String json) {
        return AutopilotEndpoints.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBody_startsFromConsulsDefaults() {
        AutopilotConfig c = parse("{\"MinQuorum\": 3}");

        assertThat(c.minQuorum()).isEqualTo(3);
        assertThat(c.cleanupDeadServers()).isTrue();
        assertThat(c.lastContactThreshold()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.maxTrailingLogs()).isEqualTo(250);
        assertThat(c.serverStabilizationTime()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void durations_areGoDurationStrings_orNanoseconds_andNamesIgnoreCase() {
        AutopilotConfig c = parse("{\"lastcontactthreshold\": \"1s\", \"ServerStabilizationTime\": 5000000,"
                + " \"CleanupDeadServers\": false}");

        assertThat(c.lastContactThreshold()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.serverStabilizationTime()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.cleanupDeadServers()).isFalse();
    }

    @Test
    void badInput_isConsuls400_andWritesNothing() {
        assertThatThrownBy(() -> parse("{\"LastContactThreshold\": \"soon\"}")).isInstanceOf(ApiException.class)
                .hasMessage("Error parsing autopilot config: time: invalid duration \"soon\"");
        assertThatThrownBy(() -> parse("{\"MaxTrailingLogs\": -1}")).hasMessage("Error parsing autopilot config: "
                + "json: cannot unmarshal number -1 into Go struct field AutopilotConfiguration.MaxTrailingLogs of "
                + "type uint64");
        assertThatThrownBy(() -> parse("{\"CleanupDeadServers\": \"yes\"}")).hasMessage("Error parsing autopilot "
                + "config: json: cannot unmarshal string into Go struct field AutopilotConfiguration."
                + "CleanupDeadServers of type bool");
        assertThatThrownBy(() -> parse("[]")).hasMessage("Error parsing autopilot config: json: cannot unmarshal "
                + "array into Go value of type api.AutopilotConfiguration");

        ApiResponse r = api.call("PUT", "/v1/operator/autopilot/configuration?cas=x", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(ApiTestSupport.text(r)).isEqualTo(
                "Error parsing cas value: strconv.ParseUint: parsing \"x\": invalid syntax");
        assertThat(api.call("PUT", "/v1/operator/autopilot/configuration", "{\"MinQuorum\": \"3\"}").status())
                .isEqualTo(400);
    }

    @Test
    void withoutARaftGroup_autopilotAnswersNoClusterLeader() {
        assertThat(api.call("GET", "/v1/operator/autopilot/configuration").status()).isEqualTo(500);
        assertThat(ApiTestSupport.text(api.call("GET", "/v1/operator/autopilot/state")))
                .isEqualTo("No cluster leader");
        assertThat(api.call("PUT", "/v1/operator/autopilot/configuration", "{}").status()).isEqualTo(500);
        assertThat(api.call("DELETE", "/v1/operator/autopilot/configuration").status()).isEqualTo(405);
    }
}
