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
    void aDamagedSnapshotIsReportedWithItsPath() throws IOException {
        Path agent = Files.createDirectories(dataDir.resolve("agent"));
        Files.writeString(agent.resolve("local.json"), "{not json");
        assertThatThrownBy(() -> new ServiceStore(Optional.of(dataDir)).load())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(agent.resolve("local.json").toString())
                .hasMessageContaining("move it away");
    }

    @Test
    void aTornLastJournalLineIsSkipped_butADamagedEarlierOneIsReported() throws IOException {
        ServiceStore store = new ServiceStore(Optional.of(dataDir));
        store.saveService(Service.of("web", "web", "", 80, List.of()));
        store.close();
        Path journal = dataDir.resolve("agent/local.journal");
        Files.writeString(journal, "{\"service\":{\"id\":\"d", java.nio.file.StandardOpenOption.APPEND);
        ServiceStore restarted = new ServiceStore(Optional.of(dataDir));
        assertThat(restarted.load().services()).extracting(Service::id).containsExactly("web");
        // The torn tail is cut off, so what is appended next is a line of its own.
        restarted.saveService(Service.of("db", "db", "", 5432, List.of()));
        restarted.close();
        assertThat(new ServiceStore(Optional.of(dataDir)).load().services()).extracting(Service::id)
                .containsExactly("web", "db");

        Files.writeString(journal, "{not json\n{\"removeService\":\"web\"}\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> new ServiceStore(Optional.of(dataDir)).load())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("line 3 of " + journal);
    }

    @Test
    void aWholeLastLineWithoutItsNewline_isKept_andTheNextChangeGoesOnALineOfItsOwn() throws IOException {
        Path journal = Files.createDirectories(dataDir.resolve("agent")).resolve("local.journal");
        Files.writeString(journal, "{\"removeService\":\"gone\"}\n{\"removeCheck\":\"gone\"}");
        ServiceStore store = new ServiceStore(Optional.of(dataDir));
        store.saveService(Service.of("web", "web", "", 80, List.of()));
        store.close();
        assertThat(Files.readAllLines(journal)).hasSize(3);
        assertThat(new ServiceStore(Optional.of(dataDir)).load().services()).extracting(Service::id)
                .containsExactly("web");
    }

    @Test
    void aLongJournalIsCompactedIntoTheSnapshot_andNothingIsLost() throws IOException {
        ServiceStore store = new ServiceStore(Optional.of(dataDir));
        for (int i = 0; i < 3000; i++) {
            store.saveService(Service.of("web-" + (i % 10), "web", "", 1000 + i, List.of()));
        }
        store.removeService("web-9");
        store.close();
        assertThat(Files.readAllLines(dataDir.resolve("agent/local.journal")).size()).isLessThan(1100);
        assertThat(Files.exists(dataDir.resolve("agent/local.json"))).isTrue();

        ServiceStore.Saved loaded = new ServiceStore(Optional.of(dataDir)).load();
        assertThat(loaded.services()).hasSize(9);
        assertThat(loaded.services()).filteredOn(s -> s.id().equals("web-8")).singleElement()
                .extracting(Service::port).isEqualTo(1000 + 2998);
    }

    @Test
    void aJournalReplayedOverANewerSnapshot_endsInTheSameState() throws IOException {
        // A crash after local.json was replaced but before the journal was emptied.
        ServiceStore store = new ServiceStore(Optional.of(dataDir));
        store.saveService(Service.of("web", "web", "", 80, List.of()));
        store.saveService(Service.of("web", "web", "", 81, List.of()));
        store.removeService("web");
        store.saveService(Service.of("db", "db", "", 5432, List.of()));
        store.close();
        String journal = Files.readString(dataDir.resolve("agent/local.journal"));
        Files.writeString(dataDir.resolve("agent/local.json"),
                "{\"services\":[{\"id\":\"db\",\"name\":\"db\",\"tags\":[],\"address\":\"\",\"port\":5432,"
                        + "\"meta\":{},\"weights\":{\"passing\":1,\"warning\":1},\"enableTagOverride\":false,"
                        + "\"createIndex\":0,\"modifyIndex\":0}],\"checks\":[]}");
        Files.writeString(dataDir.resolve("agent/local.journal"), journal);
        assertThat(new ServiceStore(Optional.of(dataDir)).load().services()).extracting(Service::id, Service::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db", 5432));
    }
}
