package dev.signpost.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.UserEvent;

class EventLogTest {
    private final EventLog log = new EventLog();

    private UserEvent fire(String name) {
        return log.fire(UUID.randomUUID().toString(), name, new byte[0], "", "", "");
    }

    @Test
    void emptyLog_hasIndexZero() {
        assertThat(log.list("").events()).isEmpty();
        assertThat(log.list("").index()).isZero();
    }

    @Test
    void index_isTheNewestIdFoldedTo64Bits() {
        fire("a");
        UUID id = UUID.fromString(fire("b").id());
        assertThat(log.index()).isEqualTo(id.getMostSignificantBits() ^ id.getLeastSignificantBits());
    }

    @Test
    void list_byName_keepsOrder_andTheWholeLogsIndex() {
        fire("deploy");
        fire("other");
        fire("deploy");
        EventLog.Listed deploys = log.list("deploy");
        assertThat(deploys.events()).extracting(UserEvent::ltime).containsExactly(1L, 3L);
        assertThat(deploys.index()).isEqualTo(log.index());
    }

    @Test
    void fire_beyondTheLimit_dropsTheOldest() {
        for (int i = 0; i < EventLog.KEPT + 2; i++) {
            fire("e");
        }
        assertThat(log.list("").events()).hasSize(EventLog.KEPT);
        assertThat(log.list("").events().get(0).ltime()).isEqualTo(3);
    }
}
