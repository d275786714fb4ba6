package dev.signpost.core.state;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;

import static dev.signpost.core.state.Fixtures.node;
import static dev.signpost.core.state.Fixtures.nodeCheck;
import static dev.signpost.core.state.Fixtures.service;
import static dev.signpost.core.state.Fixtures.serviceCheck;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceInstanceTest {

    @Test
    void address_isTheServicesOwnWhenItHasOne() {
        ServiceInstance instance = new ServiceInstance(node("n1", "10.0.0.1"),
                Service.of("web-1", "web", "172.17.0.2", 80, List.of()), List.of());

        assertThat(instance.address()).isEqualTo("172.17.0.2");
    }

    @Test
    void address_fallsBackToTheNodes() {
        ServiceInstance instance = new ServiceInstance(node("n1", "10.0.0.1"), service("web-1", "web"), List.of());

        assertThat(instance.address()).isEqualTo("10.0.0.1");
    }

    @Test
    void aggregatedStatus_withoutChecks_isPassing() {
        assertThat(new ServiceInstance(node("n1"), service("web-1", "web"), List.of()).aggregatedStatus())
                .isEqualTo(HealthStatus.PASSING);
    }

    @Test
    void aggregatedStatus_isTheWorstOfNodeAndServiceChecks() {
        ServiceInstance instance = new ServiceInstance(node("n1"), service("web-1", "web"), List.of(
                nodeCheck("n1", "serfHealth", HealthStatus.CRITICAL),
                serviceCheck("n1", "web-http", "web-1", HealthStatus.WARNING)));

        assertThat(instance.aggregatedStatus()).isEqualTo(HealthStatus.CRITICAL);
    }
}
