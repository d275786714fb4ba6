package dev.signpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorEndpointsTest {
    private final ApiTestSupport api = new ApiTestSupport();

    @Test
    void removePeer_withoutIdOrAddress_isConsuls400() {
        ApiResponse r = api.call("DELETE", "/v1/operator/raft/peer");

        assertThat(r.status()).isEqualTo(400);
        assertThat(ApiTestSupport.text(r)).isEqualTo(
                "Must specify either ?id with the server's ID or ?address with IP:port of peer to remove");
    }

    @Test
    void removePeer_withBoth_isConsuls400() {
        ApiResponse r = api.call("DELETE", "/v1/operator/raft/peer?id=a&address=b");

        assertThat(r.status()).isEqualTo(400);
        assertThat(ApiTestSupport.text(r)).isEqualTo("Must specify only one of ?id or ?address");
    }

    @Test
    void withoutARaftGroup_operatorCallsAnswerNoClusterLeader() {
        assertThat(api.call("GET", "/v1/operator/raft/configuration").status()).isEqualTo(500);
        assertThat(ApiTestSupport.text(api.call("GET", "/v1/snapshot"))).isEqualTo("No cluster leader");
        assertThat(api.call("GET", "/v1/operator/raft/transfer-leader").status()).isEqualTo(405);
    }

    @Test
    void restore_withoutABody_isRefused() {
        ApiResponse r = api.call("PUT", "/v1/snapshot");

        assertThat(r.status()).isEqualTo(400);
        assertThat(ApiTestSupport.text(r)).startsWith("Invalid snapshot archive");
    }
}
