package dev.signpost.template.runner;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSIX signal handling through {@code sun.misc.Signal} (module jdk.unsupported), the only way a JVM can catch
 * SIGHUP or SIGINT without dying. It is reached by reflection because javac's warning about that API cannot be
 * suppressed and the build is {@code -Xlint:all} clean. Signals the JVM keeps for itself (SIGQUIT for thread dumps,
 * any under {@code -Xrs}) cannot be caught: installing one logs a line and skips it. {@link #close()} restores the
 * previous handlers.
 */
final class Signals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private record Installed(Object signal, Object previous) {
    }

    private final List<Installed> installed = new ArrayList<>();

    /** Routes each named signal ("SIGHUP" or "HUP") to {@code handler}, which gets the SIG name. */
    static Signals install(List<String> names, Consumer<String> handler) {
        Signals s = new Signals();
        Class<?> signalClass;
        Class<?> handlerClass;
        Method handle;
        try {
            signalClass = Class.forName("sun.misc.Signal");
            handlerClass = Class.forName("sun.misc.SignalHandler");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
        } catch (ReflectiveOperationException e) {
            LOG.warn("this JVM cannot catch signals (no sun.misc.Signal): reload and kill signals are not handled");
            return s;
        }
        for (String n : names) {
            if (n.isEmpty()) {
                continue;
            }
            String bare = n.startsWith("SIG") ? n.substring(3) : n;
            try {
                Object signal = signalClass.getConstructor(String.class).newInstance(bare);
                Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass},
                        (p, m, args) -> {
                            if (m.getName().equals("handle")) {
                                handler.accept("SIG" + bare);
                                return null;
                            }
                            return switch (m.getName()) {
                                case "hashCode" -> System.identityHashCode(p);
                                case "equals" -> p == args[0];
                                default -> "signal handler for SIG" + bare;
                            };
                        });
                Object previous = handle.invoke(null, signal, proxy);
                s.installed.add(new Installed(signal, previous));
            } catch (InvocationTargetException e) {
                LOG.warn("cannot handle SIG{} in this JVM: {}", bare, e.getCause().getMessage());
            } catch (ReflectiveOperationException e) {
                LOG.warn("cannot handle SIG{} in this JVM: {}", bare, e.toString());
            }
        }
        return s;
    }

    @Override
    public void close() {
        for (Installed i : installed) {
            try {
                Class<?> signalClass = i.signal().getClass();
                Method handle = signalClass.getMethod("handle", signalClass,
                        Class.forName("sun.misc.SignalHandler"));
                handle.invoke(null, i.signal(), i.previous());
            } catch (ReflectiveOperationException e) {
                LOG.debug("cannot restore the handler of {}: {}", i.signal(), e.toString());
            }
        }
        installed.clear();
    }
}
