package dev.signpost.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * Three servers on 127.0.0.1-3, each in its own cgroup so {@link FaultNet} can cut them apart, that a fault suite
 * kills, pauses and restarts. Host N's agent is {@code agents[N-1]}; a killed one is started again from its data dir.
 * Used from one thread.
 */
final class FaultCluster implements AutoCloseable {
    static final int SIZE = 3;

    private final Path work;
    private final AgentPorts ports = AgentPorts.free();
    private final FaultNet net;
    private final AgentProcess[] agents = new AgentProcess[SIZE];
    private final boolean[] paused = new boolean[SIZE];
    private final int[] starts = new int[SIZE];

    FaultCluster(Path work) {
        this.work = work;
        this.net = FaultNet.create(List.of(ports.server(), ports.serfLan(), ports.http()));
    }

    /** Starts all three ({@code -bootstrap-expect 3}, joining host 1) and waits until they agree on a leader. */
    void start() {
        for (int host = 1; host <= SIZE; host++) {
            startHost(host);
        }
        awaitLeader(Duration.ofSeconds(60));
    }

    private void startHost(int host) {
        String address = "127.0.0." + host;
        String name = "s" + host;
        List<String> args = new ArrayList<>(List.of("agent", "-server", "-bootstrap-expect", "3", "-node", name,
                "-advertise", address, "-bind", address, "-client", address,
                "-data-dir", dataDir(host).toString(), "-retry-join", "127.0.0.1", "-retry-join", "127.0.0.2",
                "-retry-join", "127.0.0.3"));
        agents[host - 1] = AgentProcess.startWithoutLeader(work.resolve(name + "-" + starts[host - 1]++ + ".log"),
                net.launcher(host), Map.of(), args, address, ports);
    }

    /** Where host HOST keeps its data. */
    Path dataDir(int host) {
        return work.resolve("s" + host);
    }

    AgentProcess agent(int host) {
        return agents[host - 1];
    }

    /** The host (1-3) that the servers name as leader, asked of every live, unpaused server in turn. */
    Optional<Integer> leader() {
        for (int host = 1; host <= SIZE; host++) {
            if (!agents[host - 1].isAlive() || paused[host - 1]) {
                continue;
            }
            try {
                HttpResponse<String> r = Http.get(agents[host - 1].uri("/v1/status/leader"));
                String leader = Http.json(r).asText();
                if (leader.startsWith("127.0.0.")) {
                    return Optional.of(Integer.parseInt(leader.substring(8, leader.indexOf(':'))));
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                // this one cannot say; ask the next
            }
        }
        return Optional.empty();
    }

    /** Waits until every server is up, unpaused and agrees on one leader. */
    void awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (allAgree()) {
                return;
            }
            sleep(200);
        }
        StringBuilder logs = new StringBuilder("the servers named no common leader in " + timeout.toSeconds() + " s:");
        for (AgentProcess a : agents) {
            logs.append("\n--- ").append(a.address()).append(" ---\n").append(a.output());
        }
        throw new AssertionError(logs);
    }

    private boolean allAgree() {
        String first = null;
        for (AgentProcess a : agents) {
            try {
                String leader = Http.json(Http.get(a.uri("/v1/status/leader"))).asText();
                if (leader.isEmpty() || first != null && !first.equals(leader)) {
                    return false;
                }
                first = leader;
            } catch (UncheckedIOException | IllegalStateException e) {
                return false;
            }
        }
        return true;
    }

    /** SIGKILL, as a crash. */
    void kill(int host) {
        agents[host - 1].kill();
    }

    /** SIGTERM, as an operator's restart: a server does not leave on it (Consul's leave_on_terminate default). */
    void stop(int host) {
        agents[host - 1].close();
    }

    /** Heals every cut, leaving paused and stopped servers as they are. */
    void healNet() {
        net.heal();
    }

    /** Starts a killed or stopped host again from its data dir. */
    void restart(int host) {
        if (!agents[host - 1].isAlive()) {
            startHost(host);
        }
    }

    /** SIGSTOP: the process stays, says nothing and answers nothing until {@link #resume}. */
    void pause(int host) {
        signal("STOP", agents[host - 1].pid());
        paused[host - 1] = true;
    }

    void resume(int host) {
        signal("CONT", agents[host - 1].pid());
        paused[host - 1] = false;
    }

    void cut(int a, int b) {
        net.cut(a, b);
    }

    /** Every fault undone: cuts healed, paused servers resumed, killed ones started again. */
    void healAll() {
        net.heal();
        for (int host = 1; host <= SIZE; host++) {
            if (paused[host - 1]) {
                resume(host);
            }
            restart(host);
        }
    }

    /** Everything each server printed, for a failure message. */
    String logs() {
        StringBuilder all = new StringBuilder();
        for (AgentProcess a : agents) {
            if (a != null) {
                all.append("\n--- ").append(a.address()).append(" ---\n").append(a.output());
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        try {
            for (int host = 1; host <= SIZE; host++) {
                if (agents[host - 1] != null) {
                    if (paused[host - 1]) {
                        resume(host);
                    }
                    agents[host - 1].close();
                }
            }
        } finally {
            net.close();
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // polling real processes: there is no event to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
