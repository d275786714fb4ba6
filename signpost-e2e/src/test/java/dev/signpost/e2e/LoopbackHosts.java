package dev.signpost.e2e;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * Agents as the seed's hosts on one machine: host N is 127.0.0.N, and every agent uses the same ports (its own
 * address keeps them apart), as separate hosts would. Each keeps its data in {@code WORK/NAME}, so an agent started
 * again under the same name finds its Raft data. {@link #close} stops every agent started here, newest first.
 * Used from one test's thread.
 */
final class LoopbackHosts implements AutoCloseable {
    private final Path work;
    private final AgentPorts ports;
    private final List<AgentProcess> started = new ArrayList<>();

    LoopbackHosts(Path work, AgentPorts ports) {
        this.work = requireNonNull(work, "work");
        this.ports = requireNonNull(ports, "ports");
    }

    /** {@code signpost agent -server EXTRA...} as host HOST, waiting only until its HTTP API answers. */
    AgentProcess server(int host, String name, String... extra) {
        List<String> flags = new ArrayList<>(List.of("-server"));
        flags.addAll(List.of(extra));
        return agent(host, name, flags);
    }

    /**
     * Servers s1, s2 and s3 as hosts 1 to 3 with {@code -bootstrap-expect 3}, s2 and s3 joining s1; returned (in a
     * list the caller may change, e.g. to put a restarted server in its place) once each of them names a leader.
     */
    List<AgentProcess> threeServers() {
        List<AgentProcess> servers = new ArrayList<>(List.of(server(1, "s1", "-bootstrap-expect", "3"),
                server(2, "s2", "-bootstrap-expect", "3", "-join", "127.0.0.1"),
                server(3, "s3", "-bootstrap-expect", "3", "-join", "127.0.0.1")));
        awaitLeader(servers);
        return servers;
    }

    /** Waits (at most 60 s) until every one of these agents answers {@code /v1/status/leader} with a leader. */
    static void awaitLeader(List<AgentProcess> servers) {
        await().atMost(Duration.ofSeconds(60)).until(() -> servers.stream().allMatch(s -> {
            try {
                return !Http.get(s.uri("/v1/status/leader")).body().equals("\"\"");
            } catch (RuntimeException e) {
                return false;
            }
        }));
    }

    /** A client agent as host HOST that joins host 1, waiting only until its HTTP API answers. */
    AgentProcess client(int host, String name, String... extra) {
        List<String> flags = new ArrayList<>(List.of("-join", "127.0.0.1"));
        flags.addAll(List.of(extra));
        return agent(host, name, flags);
    }

    /** A client agent as host HOST that joins nobody until told to, waiting only until its HTTP API answers. */
    AgentProcess loneClient(int host, String name) {
        return agent(host, name, new ArrayList<>());
    }

    private AgentProcess agent(int host, String name, List<String> flags) {
        String address = "127.0.0." + host;
        List<String> args = new ArrayList<>(List.of("agent", "-node", name, "-advertise", address, "-bind", address,
                "-client", address, "-data-dir", work.resolve(name).toString()));
        args.addAll(flags);
        // The log is per start, not per name: a restarted agent must not overwrite what the first one printed.
        AgentProcess agent = AgentProcess.startWithoutLeader(work.resolve(name + "-" + started.size() + ".log"), args,
                address, ports);
        started.add(agent);
        return agent;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
