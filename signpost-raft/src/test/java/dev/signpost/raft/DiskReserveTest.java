package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.signpost.core.StorageFullException;

class DiskReserveTest {
    private static final long MB = 1 << 20;
    private final AtomicLong now = new AtomicLong();
    private final AtomicLong free = new AtomicLong(100 * MB);
    private final AtomicInteger asked = new AtomicInteger();
    private final DiskReserve reserve = new DiskReserve(Path.of("/data"), 64 * MB, 16 * MB, now::get, 1_000, dir -> {
        asked.incrementAndGet();
        return free.get();
    });

    @Test
    void aDiskAboveTheReserve_takesWrites() {
        assertThat(reserve.enough()).isTrue();
    }

    @Test
    void aDiskBelowTheReserve_refusesWithWhereAndWhatToDo() {
        free.set(3 * MB);
        assertThat(reserve.enough()).isFalse();
        assertThat(reserve.refusal()).hasMessage("Raft log has no room: 3 MB free in /data, below the 64 MB this "
                + "server keeps in reserve; free disk space there and retry");
    }

    @Test
    void theRefusal_isFoundAgainInTheTextRatisCarriesBack() {
        free.set(0);
        reserve.enough();
        String wrapped = "org.apache.ratis.protocol.exceptions.StateMachineException: s1@group-X: "
                + "java.io.IOException: " + reserve.refusal().getMessage();
        assertThat(DiskReserve.refusalIn(wrapped)).get().isInstanceOf(StorageFullException.class)
                .extracting(Throwable::getMessage).asString().startsWith("Raft log has no room: 0 MB free in /data");
        assertThat(DiskReserve.refusalIn("org.apache.ratis.protocol.exceptions.NotLeaderException: x")).isEmpty();
        assertThat(DiskReserve.refusalIn(null)).isEmpty();
    }

    @Test
    void onlyADiskBelowTheCriticalFloor_stopsTheServer() {
        free.set(20 * MB);
        assertThat(reserve.enough()).isFalse();
        assertThat(reserve.critical()).isFalse();
        now.addAndGet(1_000);
        free.set(15 * MB);
        assertThat(reserve.critical()).isTrue();
        assertThat(reserve.criticalFailure()).hasMessage("only 15 MB free, below the 16 MB Raft needs to write safely");
    }

    @Test
    void spaceThatReturns_isSeenAtTheNextCheck() {
        free.set(0);
        assertThat(reserve.enough()).isFalse();
        free.set(500 * MB);
        assertThat(reserve.enough()).as("still within the re-check interval").isFalse();
        now.addAndGet(1_000);
        assertThat(reserve.enough()).isTrue();
    }

    @Test
    void theFileSystemIsAskedAtMostOncePerInterval() {
        for (int i = 0; i < 100; i++) {
            reserve.enough();
        }
        assertThat(asked).hasValue(1);
    }

    @Test
    void aFileSystemThatCannotSay_letsTheWriteGo() {
        DiskReserve unknown = new DiskReserve(Path.of("/data"), 64 * MB, 16 * MB, now::get, 1_000, dir -> {
            throw new IOException("statfs failed");
        });
        assertThat(unknown.enough()).isTrue();
    }
}
