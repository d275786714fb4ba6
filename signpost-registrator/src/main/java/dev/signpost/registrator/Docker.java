package dev.signpost.registrator;

import java.util.List;
import java.util.Optional;

/**
 * The Docker Engine as the registrator sees it. {@link DockerEngine} is the only implementation doing I/O; tests use
 * an in-memory one. Methods throw {@link DockerException} with a one-line message. Thread-safe.
 */
interface Docker extends AutoCloseable {

    /** IDs of running containers. */
    List<String> runningContainerIds();

    /** IDs of containers that have not exited (created, restarting, running, paused). */
    List<String> nonExitedContainerIds();

    /** The container, or empty when it no longer exists. */
    Optional<ContainerInfo> inspect(String id);

    /** Opens the container event stream; the handle stops it. The listener is called from Docker's thread. */
    AutoCloseable events(EventListener listener);

    @Override
    void close();

    /** A container event, read by {@code Type}/{@code Action}/{@code Actor.ID} (new engines send no status). */
    record Event(String type, String action, String actorId) {
    }

    /** Receives events until the stream ends. */
    interface EventListener {
        void onEvent(Event event);

        /** The stream ended (daemon restart, EOF, error); {@code reason} is one line. */
        void onClosed(String reason);
    }

    /** Docker could not do what was asked. */
    class DockerException extends RuntimeException {
        DockerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
