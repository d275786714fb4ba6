package dev.signpost.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import dev.signpost.core.model.HealthStatus;

/** A TCP check: passing when a connection to HOST:PORT opens within the timeout (agent/checks CheckTCP). */
final class TcpProbe implements Probe {
    private final String target;
    private final Duration timeout;

    TcpProbe(String target, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
    }

    @Override
    public Result run() {
        int colon = target.lastIndexOf(':');
        if (colon <= 0) {
            return new Result(HealthStatus.CRITICAL, "invalid TCP target \"" + target + "\": missing port");
        }
        String host = target.substring(0, colon).replace("[", "").replace("]", "");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, Integer.parseInt(target.substring(colon + 1))),
                    (int) Math.max(1, timeout.toMillis()));
            return new Result(HealthStatus.PASSING, "TCP connect " + target + ": Success");
        } catch (IOException | IllegalArgumentException e) {
            return new Result(HealthStatus.CRITICAL, "dial tcp " + target + ": " + e.getMessage());
        }
    }
}
