package dev.signpost.registrator;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** This machine's host name (as Go's {@code os.Hostname}) and name-to-address resolution. Stateless. */
final class Hostnames {

    private Hostnames() {
    }

    /** The kernel host name, else the JDK's idea of it, else {@code localhost}. */
    static String local() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall through.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The first address {@code name} resolves to, as upstream's {@code net.ResolveIPAddr}; empty on failure. */
    static Optional<String> resolve(String name) {
        try {
            return Optional.of(InetAddress.getByName(name).getHostAddress());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
