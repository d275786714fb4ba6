package dev.signpost.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code signpost agent} process on loopback with its own ports, ready (a leader known) when
 * {@link #start} returns. Stopped by its PID in {@link #close}.
 */
public final class AgentProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final SignpostProcess process;
    private final String address;
    private final int httpPort;
    private final int dnsPort;

    private AgentProcess(SignpostProcess process, String address, int httpPort, int dnsPort) {
        this.process = process;
        this.address = address;
        this.httpPort = httpPort;
        this.dnsPort = dnsPort;
    }

    /** Ports an agent uses; the same numbers can serve several agents on 127.0.0.x. */
    public record AgentPorts(int http, int dns, int server, int serfLan) {
        public static AgentPorts free() {
            return new AgentPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free());
        }

        List<String> flags() {
            return List.of("-http-port", Integer.toString(http), "-dns-port", Integer.toString(dns),
                    "-server-port", Integer.toString(server), "-serf-lan-port", Integer.toString(serfLan));
        }
    }

    /** {@code signpost agent -dev} on 127.0.0.1 with free ports. */
    public static AgentProcess dev(Path workDir, String nodeName) {
        List<String> args = new ArrayList<>(List.of("agent", "-dev", "-node", nodeName));
        return start(workDir.resolve(nodeName + ".log"), args, "127.0.0.1", AgentPorts.free());
    }

    /** {@code signpost agent ARGS... <port flags>}, waiting until its HTTP API knows a leader. */
    public static AgentProcess start(Path log, List<String> args, String address, AgentPorts ports) {
        List<String> all = new ArrayList<>(args);
        all.addAll(ports.flags());
        SignpostProcess process = SignpostProcess.start(log, all);
        AgentProcess agent = new AgentProcess(process, address, ports.http(), ports.dns());
        try {
            agent.awaitLeader(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    /** {@code signpost agent ARGS... <port flags>}, waiting only until its HTTP API answers. */
    public static AgentProcess startWithoutLeader(Path log, List<String> args, String address, AgentPorts ports) {
        return startWithoutLeader(log, List.of(), Map.of(), args, address, ports);
    }

    /**
     * As {@link #startWithoutLeader(Path, List, String, AgentPorts)}, through a launcher that execs the rest, with
     * this JVM's environment plus {@code env}.
     */
    public static AgentProcess startWithoutLeader(Path log, List<String> launcher, Map<String, String> env,
                                                  List<String> args, String address, AgentPorts ports) {
        List<String> all = new ArrayList<>(args);
        all.addAll(ports.flags());
        AgentProcess agent = new AgentProcess(SignpostProcess.start(log, launcher, all, env), address,
                ports.http(), ports.dns());
        try {
            agent.awaitHttp(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    /** Waits until the HTTP API answers at all. */
    public void awaitHttp(Duration timeout) {
        awaitStatus(timeout, false);
    }

    /**
     * Waits until the agent is ready as Consul's own test harness judges it: {@code /v1/status/leader} names a
     * leader, and a default read of the catalog succeeds and holds this agent's node (the listeners open before
     * both, as Consul's do).
     */
    public void awaitLeader(Duration timeout) {
        awaitStatus(timeout, true);
    }

    private void awaitStatus(Duration timeout, boolean needLeader) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("agent exited:\n" + process.output());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/v1/status/leader"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && (!needLeader || r.body().length() > 2 && synced())) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100); // polling a real process: there is no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("agent has no leader after " + timeout.toSeconds() + " s:\n" + process.output());
    }

    /** Whether a default (leader) read of the catalog lists this agent's own node. */
    private boolean synced() throws java.io.IOException, InterruptedException {
        HttpResponse<String> self = HTTP.send(HttpRequest.newBuilder(uri("/v1/agent/self"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (self.statusCode() == 403) {
            return true; // ACLs deny the anonymous token: the agent answers, and judging its sync needs a token
        }
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("\"NodeName\":\"([^\"]*)\"").matcher(self.body());
        if (self.statusCode() != 200 || !name.find()) {
            return false;
        }
        HttpResponse<String> nodes = HTTP.send(HttpRequest.newBuilder(uri("/v1/catalog/nodes"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        return nodes.statusCode() == 200 && nodes.body().contains("\"Node\":\"" + name.group(1) + "\"");
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://" + address + ":" + httpPort + pathAndQuery);
    }

    /** "127.0.0.1:PORT", as Consul clients take an address. */
    public String httpAddress() {
        return address + ":" + httpPort;
    }

    public String address() {
        return address;
    }

    public int httpPort() {
        return httpPort;
    }

    public int dnsPort() {
        return dnsPort;
    }

    public String output() {
        return process.output();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
