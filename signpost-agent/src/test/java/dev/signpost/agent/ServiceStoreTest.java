package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;

class ServiceStoreTest {
    @TempDir
    Path dataDir;

    private static Check check(String id, String serviceId, HealthStatus status) {
        return new Check("n1", id, "check " + id, status, "", "", serviceId, serviceId.isEmpty() ? "" : "web",
                List.of(), CheckDefinition.NONE, 0, 0);
    }

    @Test
    void whatWasSavedIsLoadedByTheNextRun_andRemovedEntriesStayGone() {
        ServiceStore store = new ServiceStore(Optional.of(dataDir));
        Service web = Service.of("web/1 ü:80", "web", "10.0.0.1", 80, List.of("a"));
        Service db = Service.of("db", "db", "10.0.0.2", 5432, List.of());
        store.saveService(web);
        store.saveService(db);
        store.saveCheck(check("service:web/1 ü:80", "web/1 ü:80", HealthStatus.CRITICAL));
        store.saveCheck(check("mem", "", HealthStatus.PASSING));
        store.saveCheck(check("mem", "", HealthStatus.WARNING)); // the newest status wins
        store.removeService("db");
        store.removeService("never-saved");

        ServiceStore.Saved loaded = new ServiceStore(Optional.of(dataDir)).load();
        assertThat(loaded.services()).containsExactly(web);
        assertThat(loaded.checks()).extracting(Check::checkId, Check::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("service:web/1 ü:80", HealthStatus.CRITICAL),
                org.assertj.core.groups.Tuple.tuple("mem", HealthStatus.WARNING));

        store.removeCheck("mem");
        assertThat(new ServiceStore(Optional.of(dataDir)).load().checks()).extracting(Check::checkId)
                .containsExactly("service:web/1 ü:80");
    }

    @Test
    void withoutADataDirectoryNothingIsSaved() {
        ServiceStore store = new ServiceStore(Optional.empty());
        store.saveService(Service.of("web", "web", "", 80, List.of()));
        assertThat(store.load().services()).isEmpty();
    }

    @Test
    void aDamagedFileIsReportedWithItsPath() throws IOException {
        Path services = Files.createDirectories(dataDir.resolve("agent/services"));
        Files.writeString(services.resolve("0123.json"), "{not json");
        assertThatThrownBy(() -> new ServiceStore(Optional.of(dataDir)).load())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(services.resolve("0123.json").toString())
                .hasMessageContaining("move it away");
    }
}
