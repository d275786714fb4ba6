package dev.signpost.core.state;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.Service;
import dev.signpost.core.model.Weights;

import static org.assertj.core.api.Assertions.assertThat;

/** The services table: what it stores equals what was put, and instances of one name share their equal values. */
class ServiceTableTest {
    private final ServiceTable table = new ServiceTable();

    /** A service as a decoded write brings it: every string, list and map a fresh object. */
    private static Service decoded(String id, String name, List<String> tags, Map<String, String> meta) {
        return new Service(new String(id), new String(name), tags.stream().map(String::new).toList(), "10.0.0.1",
                5000, Map.copyOf(meta), new Weights(1, 1), false, 7, 7);
    }

    @Test
    void instancesOfOneName_shareTheirEqualNameTagsMetaAndWeights_andStoreEqualValues() {
        Service first = decoded("web-1", "web", List.of("primary", "v1"), Map.of("version", "1.0"));
        Service second = decoded("web-2", "web", List.of("primary", "v1"), Map.of("version", "1.0"));

        Service storedFirst = table.put("n1", first);
        Service storedSecond = table.put("n2", second);

        assertThat(storedSecond).isEqualTo(second);
        assertThat(table.get("n2", "web-2")).containsSame(storedSecond);
        assertThat(storedSecond.name()).isSameAs(storedFirst.name());
        assertThat(storedSecond.tags()).isSameAs(storedFirst.tags());
        assertThat(storedSecond.meta()).isSameAs(storedFirst.meta());
        assertThat(storedSecond.weights()).isSameAs(storedFirst.weights());
    }

    @Test
    void valuesThatDiffer_areKeptAsGiven() {
        table.put("n1", decoded("web-1", "web", List.of("primary"), Map.of("version", "1.0")));
        Service canary = decoded("web-2", "web", List.of("canary"), Map.of("version", "2.0"));

        Service stored = table.put("n1", canary);

        assertThat(stored).isEqualTo(canary);
        assertThat(stored.tags()).isSameAs(canary.tags());
        assertThat(stored.meta()).isSameAs(canary.meta());
    }

    @Test
    void aNameWhoseInstancesAreAllGone_isForgotten_soANewFirstInstanceIsKeptAsGiven() {
        table.put("n1", decoded("web-1", "web", List.of("v1"), Map.of()));
        table.remove("n1", "web-1");
        Service again = decoded("web-2", "web", List.of("v1"), Map.of());

        Service stored = table.put("n1", again);

        assertThat(stored).isSameAs(again);
        assertThat(table.instances("web")).containsExactly(new ServiceTable.InstanceKey("n1", "web-2"));
    }
}
