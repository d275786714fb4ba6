package dev.signpost.registrator;

import java.util.List;
import java.util.Map;

import dev.signpost.client.CheckDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsulChecksTest {

    private static Service service(Map<String, String> attrs, String health) {
        return new Service("h:web:5000", "web", "10.0.0.1", 32772, List.of(), attrs, 0,
                "7fde646e0c29aaaabbbbcccc", "web", "5000", "tcp", health);
    }

    @Test
    void httpCheck_targetsTheRegisteredAddress_withDefaultInterval() {
        CheckDefinition c = ConsulChecks.fromAttrs(service(Map.of("check_http", "/health", "check_timeout", "2s",
                "check_initial_status", "passing", "check_deregister_after", "5m"), "")).orElseThrow();
        assertThat(c.http()).isEqualTo("http://10.0.0.1:32772/health");
        assertThat(c.interval()).isEqualTo("10s");
        assertThat(c.timeout()).isEqualTo("2s");
        assertThat(c.status()).isEqualTo("passing");
        assertThat(c.deregisterCriticalServiceAfter()).isEqualTo("5m");
    }

    @Test
    void firstMatchingKindWins_inUpstreamOrder() {
        CheckDefinition c = ConsulChecks.fromAttrs(service(Map.of("check_tcp", "true", "check_ttl", "30s"), ""))
                .orElseThrow();
        assertThat(c.ttl()).isEqualTo("30s");
        assertThat(c.interval()).isEmpty();
        assertThat(c.tcp()).isEmpty();
    }

    @Test
    void scriptAndCmd_becomeScriptArgs() {
        assertThat(ConsulChecks.fromAttrs(service(Map.of("check_script", "nc $SERVICE_IP $SERVICE_PORT"), ""))
                .orElseThrow().scriptArgs()).containsExactly("nc 10.0.0.1 32772");
        assertThat(ConsulChecks.fromAttrs(service(Map.of("check_cmd", "/bin/check"), ""))
                .orElseThrow().scriptArgs()).containsExactly("check-cmd", "7fde646e0c29", "5000", "/bin/check");
    }

    @Test
    void tcpAndGrpc() {
        assertThat(ConsulChecks.fromAttrs(service(Map.of("check_tcp", "1", "check_interval", "3s"), ""))
                .orElseThrow()).extracting(CheckDefinition::tcp, CheckDefinition::interval)
                .containsExactly("10.0.0.1:32772", "3s");
        CheckDefinition g = ConsulChecks.fromAttrs(service(Map.of("check_grpc", "1", "check_grpc_use_tls", "1",
                "check_tls_skip_verify", "1"), "")).orElseThrow();
        assertThat(g.grpc()).isEqualTo("10.0.0.1:32772");
        assertThat(g.grpcUseTls()).isTrue();
        assertThat(g.tlsSkipVerify()).isTrue();
    }

    @Test
    void noCheckAttrs_noCheck_butDockerHealthAddsATtlCheck() {
        assertThat(ConsulChecks.build(service(Map.of("region", "eu"), ""))).isEmpty();
        assertThat(ConsulChecks.build(service(Map.of(), "starting"))).singleElement().satisfies(c -> {
            assertThat(c.checkId()).isEqualTo("service:h:web:5000:docker-health");
            assertThat(c.status()).isEqualTo("critical");
            assertThat(c.ttl()).isNotEmpty();
        });
        assertThat(ConsulChecks.status("healthy")).isEqualTo("passing");
        assertThat(ConsulChecks.status("unhealthy")).isEqualTo("critical");
    }

    @Test
    void registration_carriesMetaWithoutKeysConsulRejects() {
        var r = ConsulBackend.registration(service(Map.of("region", "eu", "bad.key", "x"), ""));
        assertThat(r.meta()).containsExactly(Map.entry("region", "eu"));
        assertThat(r.address()).isEqualTo("10.0.0.1");
    }
}
