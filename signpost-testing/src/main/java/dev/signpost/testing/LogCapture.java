package dev.signpost.testing;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A log sink for tests: keeps every line it is given, in order, so a test can assert what was logged (the
 * one-line messages are part of the behaviour users see). Hand it to code that logs through a
 * {@code Consumer<String>} or an adapter to one. Thread-safe: the code under test logs from its own threads.
 */
public final class LogCapture implements Consumer<String> {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String line) {
        lines.add(requireNonNull(line, "line"));
    }

    /**
     * The lines logged so far, a live read-only view: a test may keep it and poll it (iterating it sees the
     * lines of one moment).
     */
    public List<String> lines() {
        return Collections.unmodifiableList(lines);
    }
}
