package dev.signpost.core.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CheckTest {
    private final Check serviceCheck = new Check("n1", "web-http", "web HTTP", HealthStatus.PASSING, "", "",
            "web-1", "", List.of(), CheckDefinition.NONE, 0, 0);

    @Test
    void serfHealth_passing_readsAsConsulsAliveCheck() {
        Check check = Check.serfHealth("n1", HealthStatus.PASSING);

        assertThat(check.checkId()).isEqualTo("serfHealth");
        assertThat(check.name()).isEqualTo("Serf Health Status");
        assertThat(check.output()).isEqualTo("Agent alive and reachable");
        assertThat(check.isNodeCheck()).isTrue();
    }

    @Test
    void serfHealth_critical_saysAgentNotLive() {
        assertThat(Check.serfHealth("n1", HealthStatus.CRITICAL).output()).isEqualTo("Agent not live or unreachable");
    }

    @Test
    void rejectsMissingNodeAndCheckId() {
        assertThatIllegalArgumentException().isThrownBy(() -> Check.serfHealth("", HealthStatus.PASSING))
                .withMessage("Missing node name");
        assertThatIllegalArgumentException().isThrownBy(() -> new Check("n1", "", "x", HealthStatus.PASSING, "", "",
                "", "", List.of(), CheckDefinition.NONE, 0, 0)).withMessage("Missing check ID");
    }

    @Test
    void checkWithServiceId_isNotANodeCheck() {
        assertThat(serviceCheck.isNodeCheck()).isFalse();
    }

    @Test
    void withService_takesServiceIdNameAndTags() {
        Check bound = serviceCheck.withService(Service.of("web-2", "web", "", 80, List.of("v2")));

        assertThat(bound.serviceId()).isEqualTo("web-2");
        assertThat(bound.serviceName()).isEqualTo("web");
        assertThat(bound.serviceTags()).containsExactly("v2");
    }

    @Test
    void withStatus_changesStatusAndOutputOnly() {
        Check failed = serviceCheck.withStatus(HealthStatus.CRITICAL, "connection refused");

        assertThat(failed.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(failed.output()).isEqualTo("connection refused");
        assertThat(failed.withStatus(HealthStatus.PASSING, "")).isEqualTo(serviceCheck);
    }

    @Test
    void sameAs_ignoresIndexesButNotStatus() {
        assertThat(serviceCheck.withIndexes(4, 5).sameAs(serviceCheck)).isTrue();
        assertThat(serviceCheck.withStatus(HealthStatus.WARNING, "").sameAs(serviceCheck)).isFalse();
    }

    @Test
    void definitionType_followsWhatIsSet() {
        assertThat(CheckDefinition.NONE.type()).isEmpty();
        assertThat(definition("http://x/health", "", "", List.of()).type()).isEqualTo("http");
        assertThat(definition("", "127.0.0.1:80", "", List.of()).type()).isEqualTo("tcp");
        assertThat(definition("", "", "10s", List.of()).type()).isEqualTo("ttl");
        assertThat(definition("", "", "", List.of("/bin/true")).type()).isEqualTo("script");
    }

    private static CheckDefinition definition(String http, String tcp, String ttl, List<String> args) {
        return new CheckDefinition(http, "", Map.of(), "", false, tcp, args, ttl, "", "", "");
    }
}
