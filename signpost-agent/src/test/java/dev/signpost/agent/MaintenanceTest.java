package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.signpost.core.NotFoundException;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.testing.InMemoryRegistry;

class MaintenanceTest {
    private static final Authorizer MANAGE = Authorizer.of(Authorizer.DefaultPolicy.MANAGE);
    private final FakeScheduler scheduler = new FakeScheduler();
    private final LocalServices local = new LocalServices(new InMemoryRegistry(),
            () -> Node.of("11111111-1111-1111-1111-111111111111", "n1", "10.0.0.1", "dc1"),
            new ServiceStore(Optional.empty()), false,
            reporter -> new CheckRunner(scheduler, Runnable::run, scheduler.clock(), check -> Optional.empty(),
                    reporter), () -> MANAGE);
    private final Maintenance maintenance = new Maintenance(local);

    @Test
    void node_onAndOff_addsAndRemovesACriticalCheck_withConsulsDefaultNotes() {
        maintenance.node(true, "");
        assertThat(local.checks().get("_node_maintenance").status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(local.checks().get("_node_maintenance").notes())
                .startsWith("Maintenance mode is enabled for this node");

        maintenance.node(false, "");
        assertThat(local.checks()).isEmpty();
        maintenance.node(false, ""); // not in maintenance: nothing to do
    }

    @Test
    void service_onAndOff_withAReason() {
        local.registerService(Service.of("web-1", "web", "", 80, List.of()), List.of(), false);

        maintenance.service("web-1", true, "deploying");
        assertThat(local.checks().get("_service_maintenance:web-1").notes()).isEqualTo("deploying");
        assertThat(local.checks().get("_service_maintenance:web-1").serviceId()).isEqualTo("web-1");

        maintenance.service("web-1", false, "");
        assertThat(local.checks()).isEmpty();
    }

    @Test
    void service_unknown_isNotFound() {
        assertThatThrownBy(() -> maintenance.service("nope", true, "")).isInstanceOf(NotFoundException.class)
                .hasMessage("Unknown service ID \"nope\"");
    }
}
