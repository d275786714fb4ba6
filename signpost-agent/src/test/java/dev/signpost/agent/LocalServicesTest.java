package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.NoLeaderException;
import dev.signpost.core.NotFoundException;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.state.CatalogState;
import dev.signpost.http.LocalAgent.CheckSpec;
import dev.signpost.testing.InMemoryRegistry;

/** {@link LocalServices} over an in-memory registry, with check runners that never run. */
class LocalServicesTest {
    private static final Authorizer MANAGE = Authorizer.of(Authorizer.DefaultPolicy.MANAGE);
    private static final Node NODE = Node.of("11111111-1111-1111-1111-111111111111", "n1", "10.0.0.1", "dc1");
    private static final CheckDefinition TTL = new CheckDefinition("", "", Map.of(), "", false, "", List.of(), "30s",
            "", "", "");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    /** What the check runner of the last {@link #services} reports to. */
    private CheckRunner.Reporter reporter;
    private final LocalServices local = services(Optional.empty(), false);

    private LocalServices services(Optional<Path> dataDir, boolean scriptsEnabled) {
        FakeScheduler scheduler = new FakeScheduler();
        return new LocalServices(registry, () -> NODE, new ServiceStore(dataDir), scriptsEnabled,
                reporter -> {
                    this.reporter = reporter;
                    return new CheckRunner(scheduler, Runnable::run, scheduler.clock(), check -> Optional.empty(),
                            reporter);
                }, () -> MANAGE);
    }

    private static Service web(String id) {
        return Service.of(id, "web", "", 8080, List.of());
    }

    private static CheckSpec ttlCheck(String id, String serviceId) {
        return new CheckSpec(id, "", "", HealthStatus.CRITICAL, false, serviceId, TTL);
    }

    private List<String> catalogServices() {
        return registry.read(Registry.ReadMode.STALE, s -> s.node("n1").value()
                .map(ns -> ns.services().stream().map(Service::id).toList()).orElse(List.of()));
    }

    private Map<String, HealthStatus> catalogChecks() {
        return registry.read(Registry.ReadMode.STALE, s -> s.nodeChecks("n1").value().stream()
                .collect(java.util.stream.Collectors.toMap(Check::checkId, Check::status)));
    }

    @Test
    void registerService_writesTheCatalog_andHoldsItWithItsChecks() {
        local.registerService(web("web-1"), List.of(ttlCheck("", "")), false);

        assertThat(catalogServices()).containsExactly("web-1");
        assertThat(local.services()).containsOnlyKeys("web-1");
        assertThat(local.checks()).containsOnlyKeys("service:web-1");
        assertThat(local.checks().get("service:web-1").name()).isEqualTo("Service 'web' check");
    }

    @Test
    void registerService_withSeveralUnnamedChecks_numbersTheirIds() {
        local.registerService(web("web-1"), List.of(ttlCheck("", ""), ttlCheck("", "")), false);

        assertThat(local.checks()).containsOnlyKeys("service:web-1:1", "service:web-1:2");
    }

    @Test
    void registerService_replacingExistingChecks_dropsTheOnesNotGivenAgain() {
        local.registerService(web("web-1"), List.of(ttlCheck("a", ""), ttlCheck("b", "")), false);
        local.registerService(web("web-1"), List.of(ttlCheck("a", "")), true);

        assertThat(local.checks()).containsOnlyKeys("a");
        assertThat(catalogChecks()).containsOnlyKeys("a");
    }

    @Test
    void registerService_withAScriptCheck_whenScriptsAreDisabled_isInvalid_andWritesNothing() {
        CheckDefinition script = new CheckDefinition("", "", Map.of(), "", false, "", List.of("true"), "", "10s", "",
                "");
        assertThatThrownBy(() -> local.registerService(web("web-1"),
                List.of(new CheckSpec("", "", "", HealthStatus.CRITICAL, false, "", script)), false))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("Scripts are disabled");
        assertThat(catalogServices()).isEmpty();
        assertThat(local.services()).isEmpty();
    }

    @Test
    void registerService_whenTheWriteFails_holdsNothing() {
        registry.loseLeader();

        assertThatThrownBy(() -> local.registerService(web("web-1"), List.of(), false))
                .isInstanceOf(NoLeaderException.class);
        assertThat(local.services()).isEmpty();
    }

    @Test
    void deregisterService_unknown_isNotFound_withConsulsText() {
        assertThatThrownBy(() -> local.deregisterService("nope")).isInstanceOf(NotFoundException.class)
                .hasMessage("Unknown service ID \"nope\". Ensure that the service ID is passed, not the service name.");
    }

    @Test
    void deregisterService_removesItAndItsChecks() {
        local.registerService(web("web-1"), List.of(ttlCheck("", "")), false);
        local.deregisterService("web-1");

        assertThat(catalogServices()).isEmpty();
        assertThat(local.checks()).isEmpty();
        assertThat(catalogChecks()).isEmpty();
    }

    @Test
    void registerCheck_forAServiceThisAgentDoesNotHave_isNotFound() {
        assertThatThrownBy(() -> local.registerCheck(ttlCheck("c", "nope"))).isInstanceOf(NotFoundException.class)
                .hasMessage("ServiceID \"nope\" does not exist");
    }

    @Test
    void registerCheck_again_keepsItsStatus_unlessOneIsGiven() {
        local.registerCheck(ttlCheck("c", ""));
        local.updateCheck("c", HealthStatus.PASSING, "fine");
        local.registerCheck(ttlCheck("c", ""));
        assertThat(local.checks().get("c").status()).isEqualTo(HealthStatus.PASSING);

        local.registerCheck(new CheckSpec("c", "", "", HealthStatus.WARNING, true, "", TTL));
        assertThat(local.checks().get("c").status()).isEqualTo(HealthStatus.WARNING);
    }

    @Test
    void updateCheck_withoutAChange_writesNothing() {
        local.registerCheck(ttlCheck("c", ""));
        local.updateCheck("c", HealthStatus.PASSING, "fine");
        long index = registry.read(Registry.ReadMode.STALE, CatalogState::lastIndex);

        local.updateCheck("c", HealthStatus.PASSING, "fine");

        assertThat(registry.read(Registry.ReadMode.STALE, CatalogState::lastIndex)).isEqualTo(index);
        assertThat(catalogChecks()).containsEntry("c", HealthStatus.PASSING);
    }

    @Test
    void updateCheck_andDeregisterCheck_ofAnUnknownCheck_areNotFound() {
        assertThatThrownBy(() -> local.updateCheck("nope", HealthStatus.PASSING, ""))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("Unknown check ID \"nope\"");
        assertThatThrownBy(() -> local.deregisterCheck("nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void report_ofACheckDeregisteredMeanwhile_isDone() {
        assertThat(reporter.report("gone", HealthStatus.CRITICAL, "")).isTrue();
    }

    @Test
    void syncWithCatalog_putsBackAServiceTheCatalogLost() {
        local.registerService(web("web-1"), List.of(), false);
        registry.write(new DeregisterService("n1", "web-1"));

        assertThat(local.syncWithCatalog()).isPositive();

        assertThat(catalogServices()).containsExactly("web-1");
        assertThat(local.syncWithCatalog()).isZero();
    }

    @Test
    void restore_registersWhatAnEarlierRunSaved(@TempDir Path dataDir) {
        LocalServices first = services(Optional.of(dataDir), false);
        first.registerService(web("web-1"), List.of(ttlCheck("", "")), false);
        first.registerCheck(ttlCheck("node-check", ""));
        first.stopChecks();
        registry.write(new DeregisterService("n1", "web-1"));

        LocalServices second = services(Optional.of(dataDir), false);
        second.load();
        second.restore();

        assertThat(second.services()).containsOnlyKeys("web-1");
        assertThat(second.checks()).containsOnlyKeys("service:web-1", "node-check");
        assertThat(catalogServices()).containsExactly("web-1");
    }
}
