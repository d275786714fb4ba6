package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;

class AgentChecksTest {
    private final AgentChecks checks = new AgentChecks();

    private static Check check(String id, String serviceId) {
        return new Check("n1", id, id, HealthStatus.CRITICAL, "", "", serviceId, serviceId.isEmpty() ? "" : "web",
                List.of(), CheckDefinition.NONE, 0, 0);
    }

    private List<String> idsOf(String serviceId) {
        return checks.ofService(serviceId).stream().map(Check::checkId).toList();
    }

    @Test
    void ofService_listsThatServicesChecks_inRegistrationOrder_andNodeChecksUnderEmptyId() {
        checks.put(check("service:web-1:2", "web-1"));
        checks.put(check("service:web-1:1", "web-1"));
        checks.put(check("service:web-2", "web-2"));
        checks.put(check("mem", ""));

        assertThat(idsOf("web-1")).containsExactly("service:web-1:2", "service:web-1:1");
        assertThat(idsOf("web-2")).containsExactly("service:web-2");
        assertThat(idsOf("")).containsExactly("mem");
        assertThat(idsOf("web-3")).isEmpty();
        assertThat(checks.copy().keySet()).containsExactly("mem", "service:web-1:1", "service:web-1:2", "service:web-2");
    }

    @Test
    void aCheckRegisteredAgainUnderAnotherService_movesToIt() {
        checks.put(check("shared", "web-1"));
        checks.put(check("shared", "web-2"));

        assertThat(idsOf("web-1")).isEmpty();
        assertThat(idsOf("web-2")).containsExactly("shared");
        assertThat(checks.get("shared").serviceId()).isEqualTo("web-2");
    }

    @Test
    void removedChecks_leaveTheServicesList_andPutIfAbsentKeepsTheHeldOne() {
        checks.put(check("a", "web-1"));
        checks.put(check("b", "web-1"));
        checks.remove("a");
        checks.remove("unknown");

        assertThat(idsOf("web-1")).containsExactly("b");
        assertThat(checks.contains("a")).isFalse();
        assertThat(checks.putIfAbsent(check("b", "web-2"))).isFalse();
        assertThat(checks.get("b").serviceId()).isEqualTo("web-1");
        assertThat(checks.putIfAbsent(check("c", "web-2"))).isTrue();
        assertThat(idsOf("web-2")).containsExactly("c");
    }
}
