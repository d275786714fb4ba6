package dev.signpost.registrator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** An in-memory Docker: containers by ID, an event stream the test drives and can break. Thread-safe. */
final class FakeDocker implements Docker {

    final Map<String, ContainerInfo> containers = new ConcurrentHashMap<>();
    private final AtomicReference<EventListener> listener = new AtomicReference<>();
    final AtomicBoolean down = new AtomicBoolean();

    @Override
    public List<String> runningContainerIds() {
        check();
        return containers.values().stream().filter(ContainerInfo::running).map(ContainerInfo::id).sorted().toList();
    }

    @Override
    public List<String> nonExitedContainerIds() {
        return runningContainerIds();
    }

    @Override
    public Optional<ContainerInfo> inspect(String id) {
        check();
        return Optional.ofNullable(containers.get(id));
    }

    @Override
    public AutoCloseable events(EventListener l) {
        check();
        listener.set(l);
        return () -> listener.compareAndSet(l, null);
    }

    private void check() {
        if (down.get()) {
            throw new DockerException("cannot reach Docker at unix:///fake.sock: connection refused", null);
        }
    }

    /** Puts a container in and, when listening, sends {@code start}. */
    void start(ContainerInfo c) {
        containers.put(c.id(), c);
        emit("start", c.id());
    }

    void emit(String action, String id) {
        EventListener l = listener.get();
        if (l != null) {
            l.onEvent(new Event("container", action, id));
        }
    }

    /** Ends the stream as a daemon restart does. */
    void breakStream() {
        EventListener l = listener.getAndSet(null);
        if (l != null) {
            l.onClosed("end of stream");
        }
    }

    boolean listening() {
        return listener.get() != null;
    }

    @Override
    public void close() {
    }
}
