package dev.signpost.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import dev.signpost.core.command.Command;

/**
 * Independent, idempotent writes sent together, so that Raft batches them: what an agent's restore does with
 * everything it saved.
 */
final class ParallelWrites {
    private static final int IN_FLIGHT = 64;

    private ParallelWrites() {
    }

    /** Writes commands on virtual threads, at most 64 in flight; throws the first failure once all are done. */
    static void writeAll(List<Command> writes, Consumer<Command> write) {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Command command : writes) {
                inFlight.acquireUninterruptibly();
                done.add(CompletableFuture.runAsync(() -> {
                    try {
                        write.accept(command);
                    } finally {
                        inFlight.release();
                    }
                }, threads));
            }
        }
        done.forEach(ParallelWrites::awaitDone);
    }

    private static void awaitDone(CompletableFuture<Void> done) {
        try {
            done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
