package dev.signpost.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the agent checks and cleans up on its own machine: a port it is about to hand to Ratis, the -dev data dir. */
final class LocalResources {
    private LocalResources() {
    }

    /**
     * Ratis ends the whole JVM when its gRPC server cannot bind (ExitUtils.terminate), so a taken server
     * port is found here first and reported as what the user can change.
     */
    static void checkPortFree(String address, int port, String flag) throws IOException {
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address + ":" + port + " (" + e.getMessage()
                    + "): another process has it; choose another port with " + flag, e);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the -dev data directory " + root, e);
        }
    }
}
