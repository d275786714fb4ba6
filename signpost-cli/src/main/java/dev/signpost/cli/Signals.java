package dev.signpost.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import sun.misc.Signal;

/**
 * SIGHUP for a reload, and SIGINT and SIGTERM told apart, which shutdown hooks cannot do: Consul leaves the cluster on one and not
 * the other depending on {@code skip_leave_on_interrupt} and {@code leave_on_terminate}. The handler runs
 * once, on its own thread; a second signal while it runs ends the process at once, as Consul's does. The JDK has no
 * public API for this, so javac warns about {@code sun.misc.Signal} (jdk.unsupported, kept for exactly this use).
 */
final class Signals {
    private Signals() {
    }

    /** Runs {@code handler.accept(true)} on SIGINT, {@code handler.accept(false)} on SIGTERM. */
    static void onInterruptOrTerminate(Consumer<Boolean> handler) {
        AtomicBoolean handling = new AtomicBoolean();
        for (String name : new String[] {"INT", "TERM"}) {
            boolean interrupt = name.equals("INT");
            Signal.handle(new Signal(name), signal -> {
                if (handling.compareAndSet(false, true)) {
                    Thread.ofPlatform().name("signal").start(() -> handler.accept(interrupt));
                } else {
                    Runtime.getRuntime().halt(1);
                }
            });
        }
    }

    /** Runs {@code handler} on its own thread at every SIGHUP (Consul's reload signal). */
    static void onHangup(Runnable handler) {
        Signal.handle(new Signal("HUP"), signal -> Thread.ofPlatform().name("reload").start(handler));
    }

    /**
     * Runs {@code handler} on its own thread at SIGINT or SIGTERM until the returned handle is closed, which puts the
     * previous handlers back (a command run inside a longer-lived JVM, as the tests do, leaves no trace).
     */
    static Runnable whileRunning(Runnable handler) {
        sun.misc.SignalHandler mine = signal -> Thread.ofPlatform().name("signal").start(handler);
        sun.misc.SignalHandler oldInt = Signal.handle(new Signal("INT"), mine);
        sun.misc.SignalHandler oldTerm = Signal.handle(new Signal("TERM"), mine);
        return () -> {
            Signal.handle(new Signal("INT"), oldInt);
            Signal.handle(new Signal("TERM"), oldTerm);
        };
    }
}
