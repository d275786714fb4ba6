package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class WatchPathTest {
    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> params = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        return params;
    }

    @Test
    void eachType_readsConsulsEndpoint() {
        assertThat(WatchPath.of("key", params("key", "a/b"))).isEqualTo("/v1/kv/a/b");
        assertThat(WatchPath.of("keyprefix", params("prefix", "a/", "stale", true))).isEqualTo("/v1/kv/a/?recurse&stale");
        assertThat(WatchPath.of("services", params())).isEqualTo("/v1/catalog/services");
        assertThat(WatchPath.of("nodes", params())).isEqualTo("/v1/catalog/nodes");
        assertThat(WatchPath.of("service", params("service", "web", "tag", "v1", "passingonly", true)))
                .isEqualTo("/v1/health/service/web?tag=v1&passing=1");
        assertThat(WatchPath.of("checks", params())).isEqualTo("/v1/health/state/any");
        assertThat(WatchPath.of("checks", params("service", "web"))).isEqualTo("/v1/health/checks/web");
        assertThat(WatchPath.of("event", params("name", "deploy"))).isEqualTo("/v1/event/list?name=deploy");
    }

    @Test
    void badParameters_areRefusedInConsulsWords() {
        assertThatThrownBy(() -> WatchPath.of("bogus", params())).hasMessage("Unsupported watch type: bogus");
        assertThatThrownBy(() -> WatchPath.of("key", params())).hasMessage("Must specify a single key to watch");
        assertThatThrownBy(() -> WatchPath.of("keyprefix", params())).hasMessage("Must specify a single prefix to watch");
        assertThatThrownBy(() -> WatchPath.of("service", params())).hasMessage("Must specify a single service to watch");
        assertThatThrownBy(() -> WatchPath.of("checks", params("service", "a", "state", "critical")))
                .hasMessage("Cannot specify service and state");
        assertThatThrownBy(() -> WatchPath.of("key", params("key", "a", "tag", "x", "name", "n")))
                .hasMessage("Invalid parameters: [name tag]");
        assertThatThrownBy(() -> WatchPath.of("event", params("stale", true))).hasMessage("Invalid parameters: [stale]");
    }

    @Test
    void events_afterTheLastSeenOne_only() throws Exception {
        String first = "a0000000-0000-0000-0000-000000000001";
        String second = "b0000000-0000-0000-0000-000000000002";
        JsonNode events = ApiCommand.JSON.readTree("[{\"ID\":\"" + first + "\"},{\"ID\":\"" + second + "\"}]");
        assertThat(WatchPath.newEvents(events, 0)).hasSize(2);
        JsonNode fresh = WatchPath.newEvents(events, WatchPath.idToIndex(first));
        assertThat(fresh).hasSize(1);
        assertThat(fresh.get(0).get("ID").asText()).isEqualTo(second);
    }

    @Test
    void kvPair_hasTheGoClientsFieldsInOrder_andPrintsAsGoIndents() throws Exception {
        JsonNode entry = ApiCommand.JSON.readTree("{\"LockIndex\":0,\"Key\":\"k\",\"Flags\":0,\"Value\":\"dg==\","
                + "\"CreateIndex\":5,\"ModifyIndex\":6}");
        assertThat(GoJson.FOUR_SPACES.writeValueAsString(WatchPath.goKvPair(entry))).isEqualTo("""
                {
                    "Key": "k",
                    "CreateIndex": 5,
                    "ModifyIndex": 6,
                    "LockIndex": 0,
                    "Flags": 0,
                    "Value": "dg==",
                    "Session": ""
                }""");
        assertThat(GoJson.FOUR_SPACES.writeValueAsString(ApiCommand.JSON.readTree("{\"a\":[],\"b\":{},\"c\":[1]}")))
                .isEqualTo("{\n    \"a\": [],\n    \"b\": {},\n    \"c\": [\n        1\n    ]\n}");
    }
}
