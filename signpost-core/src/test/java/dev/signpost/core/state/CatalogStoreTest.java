package dev.signpost.core.state;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.watch.Topic;

import static dev.signpost.core.state.Fixtures.put;
import static dev.signpost.core.state.Fixtures.register;
import static dev.signpost.core.state.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

class CatalogStoreTest {
    private final CatalogStore store = new CatalogStore();

    @Test
    void apply_wakesWatchersOfChangedTopics_afterTheWriteIsVisible() {
        AtomicReference<Integer> seenByWakeUp = new AtomicReference<>();
        store.watches().subscribe(List.of(Topic.service("web")), List.of(),
                () -> seenByWakeUp.set(store.read(s -> s.instances("web").value().size())));

        store.apply(register("n1", service("web-1", "web")), 5);

        assertThat(seenByWakeUp).hasValue(1);
    }

    @Test
    void apply_doesNotWakeWatchersOfOtherTopics() {
        AtomicInteger wakes = new AtomicInteger();
        store.apply(register("n1", service("web-1", "web")), 5);
        store.apply(register("n1", service("db-1", "db")), 6);
        store.watches().subscribe(List.of(Topic.service("web")), List.of(Topic.key("app/")), wakes::incrementAndGet);

        store.apply(new DeregisterService("n1", "db-1"), 7);
        store.apply(put("other/x", "1"), 8);

        assertThat(wakes).hasValue(0);
    }

    @Test
    void apply_returnsResultAndChangedTopics() {
        CatalogState.Applied applied = store.apply(put("k", "v"), 5);

        assertThat(applied.result()).isTrue();
        assertThat(applied.changed()).isEqualTo(Set.of(Topic.key("k")));
        assertThat(store.lastIndex()).isEqualTo(5);
    }

    @Test
    void restore_replacesStateAndWakesEveryWatcher() {
        CatalogState source = new CatalogState();
        source.apply(put("k", "v"), 9);
        AtomicInteger wakes = new AtomicInteger();
        store.watches().subscribe(List.of(Topic.NODES), List.of(), wakes::incrementAndGet);
        store.watches().subscribe(List.of(), List.of(Topic.key("zzz")), wakes::incrementAndGet);

        store.restore(source.snapshot());

        assertThat(wakes).hasValue(2);
        assertThat(store.lastIndex()).isEqualTo(9);
        assertThat(store.snapshot()).isEqualTo(source.snapshot());
    }
}
