package dev.signpost.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the processes a test starts. They come from below the kernel's ephemeral range (32768 and
 * up by default): a port from that range can be taken a moment later as the local port of an outgoing connection,
 * and agents on 127.0.0.2 and up make many (a CI run saw "Address already in use" on such a port). A port is free
 * when it can be bound on each loopback address the tests use for hosts, and is never handed out twice by this JVM.
 */
public final class Ports {
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final int HOSTS = 9; // 127.0.0.1 to 127.0.0.9
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** A TCP port free on 127.0.0.1-9 right now, below the ephemeral range. */
    public static int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (bindableEverywhere(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOW + " and " + HIGH + " on 127.0.0.1-" + HOSTS);
    }

    private static boolean bindableEverywhere(int port) {
        for (int host = 1; host <= HOSTS; host++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) host}), port));
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
