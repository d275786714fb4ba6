package dev.signpost.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.Command;
import dev.signpost.core.command.ConfigEntryDelete;
import dev.signpost.core.command.ConfigEntrySet;
import dev.signpost.core.command.Restore;
import dev.signpost.core.config.ConfigEntry;
import dev.signpost.core.watch.Topic;

class ConfigStateTest {
    private final CatalogState state = new CatalogState();
    private long index;

    private CatalogState.Applied apply(Command command) {
        return state.apply(command, ++index);
    }

    private static ConfigEntry web(String protocol) {
        return new ConfigEntry("service-defaults", "web", Map.of("Protocol", protocol), 0, 0);
    }

    @Test
    void set_storesWithIndexes_andAnUpdateKeepsItsCreateIndex() {
        assertThat(apply(new ConfigEntrySet(web("http"), false, 0)).changed()).contains(Topic.CONFIG);
        apply(new ConfigEntrySet(web("grpc"), false, 0));

        ConfigEntry stored = state.configEntry("service-defaults", "web").value().orElseThrow();
        assertThat(stored.text("Protocol")).isEqualTo("grpc");
        assertThat(stored.createIndex()).isEqualTo(1);
        assertThat(stored.modifyIndex()).isEqualTo(2);
        assertThat(state.configEntries("service-defaults").index()).isEqualTo(2);
        assertThat(state.configEntries("proxy-defaults").value()).isEmpty();
        assertThat(state.configEntries("").value()).hasSize(1);
    }

    @Test
    void casUpsert_createsOnlyWhenAbsentWithZero_andReplacesOnlyAtTheModifyIndex() {
        assertThat(apply(new ConfigEntrySet(web("http"), true, 0)).result()).isTrue();
        assertThat(apply(new ConfigEntrySet(web("tcp"), true, 0)).result()).isFalse();
        assertThat(apply(new ConfigEntrySet(web("tcp"), true, 7)).result()).isFalse();
        assertThat(apply(new ConfigEntrySet(web("grpc"), true, 1)).result()).isTrue();

        assertThat(state.configEntry("service-defaults", "web").value().orElseThrow().text("Protocol"))
                .isEqualTo("grpc");
    }

    @Test
    void delete_isANoOpWhenGone_andCasDeleteNeedsTheModifyIndex() {
        assertThat(apply(new ConfigEntryDelete("service-defaults", "web", false, 0)).result()).isTrue();
        assertThat(apply(new ConfigEntryDelete("service-defaults", "web", true, 0)).result()).isFalse();
        apply(new ConfigEntrySet(web("http"), false, 0));
        long written = index;

        assertThat(apply(new ConfigEntryDelete("service-defaults", "web", true, written + 5)).result()).isFalse();
        assertThat(state.configEntry("service-defaults", "web").value()).isPresent();
        CatalogState.Applied deleted = apply(new ConfigEntryDelete("service-defaults", "web", true, written));
        assertThat(deleted.result()).isTrue();
        assertThat(deleted.changed()).contains(Topic.CONFIG);
        assertThat(state.configEntry("service-defaults", "web").value()).isEmpty();
        assertThat(state.configEntries("service-defaults").index()).isEqualTo(index);
    }

    @Test
    void entries_surviveASnapshot_andARestoreThroughTheLogMovesTheirIndexesForward() {
        apply(new ConfigEntrySet(web("http"), false, 0));
        apply(new ConfigEntrySet(new ConfigEntry("proxy-defaults", "global", Map.of("Config",
                Map.of("protocol", "http")), 0, 0), false, 0));
        CatalogSnapshot snapshot = state.snapshot();

        CatalogState copy = new CatalogState();
        copy.restore(snapshot);
        assertThat(copy.configEntries("").value()).isEqualTo(state.configEntries("").value());

        apply(new ConfigEntryDelete("service-defaults", "web", false, 0));
        CatalogState.Applied restored = apply(new Restore(snapshot));
        assertThat(restored.changed()).contains(Topic.CONFIG);
        List<ConfigEntry> back = state.configEntries("").value();
        assertThat(back).extracting(ConfigEntry::name).containsExactly("global", "web");
        assertThat(back).allSatisfy(e -> assertThat(e.modifyIndex()).isEqualTo(index));
        assertThat(back.get(1).createIndex()).isEqualTo(1);
    }
}
