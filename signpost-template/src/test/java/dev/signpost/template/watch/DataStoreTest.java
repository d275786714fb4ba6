package dev.signpost.template.watch;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.template.dependency.Dependency.DatacentersQuery;
import dev.signpost.template.dependency.Dependency.KeyQuery;
import dev.signpost.template.dependency.TemplateData.KeyLookup;

import static org.assertj.core.api.Assertions.assertThat;

class DataStoreTest {

    private final DataStore store = new DataStore();

    @Test
    void answer_isServedOnlyForTheQueryItWasStoredUnder() {
        store.put(KeyQuery.parse("a/b", true), KeyLookup.of("v"));

        assertThat(store.key(KeyQuery.parse("a/b", true))).contains(KeyLookup.of("v"));
        assertThat(store.key(KeyQuery.parse("a/b", false))).isEmpty();
    }

    @Test
    void put_saysWhetherTheAnswerChanged() {
        DatacentersQuery query = new DatacentersQuery(false);

        assertThat(store.put(query, List.of("dc1"))).isTrue();
        assertThat(store.put(query, List.of("dc1"))).isFalse();
        assertThat(store.datacenters(query)).contains(List.of("dc1"));
    }

    @Test
    void removedAnswer_isMissingAgain() {
        DatacentersQuery query = new DatacentersQuery(false);
        store.put(query, List.of("dc1"));

        store.remove(query);

        assertThat(store.has(query)).isFalse();
        assertThat(store.datacenters(query)).isEmpty();
    }
}
