package dev.signpost.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LogCaptureTest {
    private final LogCapture log = new LogCapture();

    @Test
    void keepsEveryLine_inOrder_inALiveView() {
        List<String> lines = log.lines();

        log.accept("added: a");
        log.accept("removed: a");

        assertThat(lines).containsExactly("added: a", "removed: a");
    }

    @Test
    void theViewIsReadOnly() {
        assertThatThrownBy(() -> log.lines().add("forged")).isInstanceOf(UnsupportedOperationException.class);
    }
}
