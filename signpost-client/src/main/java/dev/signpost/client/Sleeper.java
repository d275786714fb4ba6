package dev.signpost.client;

import java.time.Duration;

/** Pauses the calling thread; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** The real thing: {@link Thread#sleep(Duration)}. */
    Sleeper SYSTEM = d -> {
        if (d.isPositive()) {
            Thread.sleep(d);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
