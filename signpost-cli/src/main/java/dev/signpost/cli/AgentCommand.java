package dev.signpost.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.signpost.agent.Agent;
import dev.signpost.agent.AgentConfig;
import dev.signpost.client.GoDuration;

/**
 * {@code signpost agent}: Consul's agent flags, single-dash. Values from {@code -config-file} and
 * {@code -config-dir} (Consul's JSON keys) are read first; flags given on the command line win.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs a registry agent: Consul's HTTP API and DNS interface, replicated with Raft.")
final class AgentCommand implements Callable<Integer> {
    @Option(names = "-dev", description = "Development mode: an in-memory single server on 127.0.0.1.")
    boolean dev;
    @Option(names = "-server", description = "Run as a server (takes part in Raft).")
    Boolean server;
    @Option(names = "-bootstrap", description = "Elect this server leader at once (a one-server datacenter).")
    Boolean bootstrap;
    @Option(names = "-bootstrap-expect", paramLabel = "N", description = "Wait for N servers, then form the cluster.")
    Integer bootstrapExpect;
    @Option(names = "-join", paramLabel = "ADDR", description = "Join the agent at ADDR at start (repeatable).")
    List<String> join = new ArrayList<>();
    @Option(names = "-retry-join", paramLabel = "ADDR", description = "Like -join, retrying until it succeeds.")
    List<String> retryJoin = new ArrayList<>();
    @Option(names = "-retry-interval", paramLabel = "DURATION", description = "Time between join attempts (30s).")
    String retryInterval;
    @Option(names = "-advertise", paramLabel = "ADDR", description = "Address other agents reach this one at.")
    String advertise;
    @Option(names = "-bind", paramLabel = "ADDR", description = "Address for cluster traffic (0.0.0.0).")
    String bind;
    @Option(names = "-client", paramLabel = "ADDR", description = "Addresses for HTTP and DNS, space-separated (127.0.0.1).")
    String client;
    @Option(names = "-data-dir", paramLabel = "DIR", description = "Where Raft data, snapshots and the node ID live.")
    Path dataDir;
    @Option(names = "-node", paramLabel = "NAME", description = "Node name (the host name).")
    String node;
    @Option(names = "-node-id", paramLabel = "UUID", description = "Node ID (made once and kept in the data dir).")
    String nodeId;
    @Option(names = {"-datacenter", "-dc"}, paramLabel = "DC", description = "Datacenter (dc1).")
    String datacenter;
    @Option(names = "-domain", paramLabel = "DOMAIN", description = "DNS domain (consul.).")
    String domain;
    @Option(names = "-http-port", paramLabel = "PORT", description = "HTTP API port (8500).")
    Integer httpPort;
    @Option(names = "-dns-port", paramLabel = "PORT", description = "DNS port (8600).")
    Integer dnsPort;
    @Option(names = "-server-port", paramLabel = "PORT", description = "Server RPC (Raft) port (8300).")
    Integer serverPort;
    @Option(names = "-serf-lan-port", paramLabel = "PORT", description = "LAN port for join and heartbeats (8301).")
    Integer serfLanPort;
    @Option(names = "-enable-script-checks", description = "Allow health checks that run scripts (Args); off by default.")
    Boolean enableScriptChecks;
    @Option(names = "-node-fail-after", paramLabel = "DURATION",
            description = "Signpost: how long a member may go unheard before its serfHealth is critical (10s).")
    String nodeFailAfter;
    @Option(names = "-ui", description = "Serve the web UI at /ui/.")
    Boolean ui;
    @Option(names = "-log-level", paramLabel = "LEVEL", description = "trace, debug, info, warn or err (info).")
    String logLevel;
    @Option(names = "-config-file", paramLabel = "FILE", description = "A JSON config file (repeatable).")
    List<Path> configFiles = new ArrayList<>();
    @Option(names = "-config-dir", paramLabel = "DIR", description = "A directory of *.json config files (repeatable).")
    List<Path> configDirs = new ArrayList<>();
    @Option(names = "-recursor", paramLabel = "ADDR", description = "Upstream DNS server for other names (repeatable).")
    List<String> recursors = new ArrayList<>();
    @Option(names = "-dns-only-passing", description = "Leave warning instances out of DNS answers.")
    Boolean dnsOnlyPassing;
    @Option(names = "-dns-enable-truncate", description = "Set the TC bit when a UDP answer was cut.")
    Boolean dnsEnableTruncate;
    @Option(names = "-dns-udp-answer-limit", paramLabel = "N", description = "Answers in a UDP reply without EDNS (3).")
    Integer dnsUdpAnswerLimit;
    @Option(names = "-dns-node-ttl", paramLabel = "DURATION", description = "TTL of node records (0s).")
    String dnsNodeTtl;
    @Option(names = "-dns-service-ttl", paramLabel = "DURATION", description = "TTL of service records (0s).")
    String dnsServiceTtl;

    @Override
    public Integer call() throws Exception {
        AgentConfig config;
        try {
            config = config(ConfigFiles.read(configFiles, configDirs));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(Main.oneLine(e));
        }
        Agent agent;
        try {
            agent = Agent.start(config);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(Main.oneLine(e));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        agent.onStopped(stopped::countDown);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    AgentConfig config(ConfigFiles files) {
        Logging.level(pick(logLevel, files.text("log_level"), "info"));
        boolean isServer = dev || pick(server, files.bool("server"), false);
        boolean isBootstrap = pick(bootstrap, files.bool("bootstrap"), false);
        int expect = pick(bootstrapExpect, files.integer("bootstrap_expect"), 0);
        if (expect < 0) {
            throw new Main.UsageException("-bootstrap-expect must be a positive number, not " + expect);
        }
        if (expect > 0 && isBootstrap) {
            throw new Main.UsageException("-bootstrap-expect and -bootstrap are mutually exclusive");
        }
        if ((expect > 0 || isBootstrap) && !isServer) {
            throw new Main.UsageException((isBootstrap ? "-bootstrap" : "-bootstrap-expect") + " requires -server");
        }
        Optional<Path> dir = Optional.ofNullable(dataDir).or(() -> files.text("data_dir").map(Path::of));
        if (!dev && dir.isEmpty()) {
            throw new Main.UsageException("data_dir cannot be empty: give -data-dir DIR (or use -dev)");
        }
        String bindAddress = pick(bind, files.text("bind_addr"), dev ? "127.0.0.1" : "0.0.0.0");
        String advertiseAddress = pick(advertise, files.text("advertise_addr"), advertiseFor(bindAddress));
        String clientText = pick(client, files.text("client_addr"), "127.0.0.1");
        List<String> clients = List.of(clientText.trim().split("\\s+"));
        List<String> joins = new ArrayList<>(join);
        joins.addAll(files.strings("start_join"));
        List<String> retries = new ArrayList<>(retryJoin);
        retries.addAll(files.strings("retry_join"));
        List<String> upstream = new ArrayList<>(recursors);
        upstream.addAll(files.strings("recursors"));
        AgentConfig.DnsOptions dns = new AgentConfig.DnsOptions(
                duration("-dns-node-ttl", pick(dnsNodeTtl, files.text("dns_config.node_ttl"), "0s")),
                duration("-dns-service-ttl", pick(dnsServiceTtl, files.text("dns_config.service_ttl.*"), "0s")),
                pick(dnsUdpAnswerLimit, files.integer("dns_config.udp_answer_limit"), 3),
                pick(dnsOnlyPassing, files.bool("dns_config.only_passing"), false),
                pick(dnsEnableTruncate, files.bool("dns_config.enable_truncate"), false),
                upstream);
        return new AgentConfig(dev, isServer, isBootstrap || dev, dev ? 1 : expect, joins, retries,
                duration("-retry-interval", pick(retryInterval, files.text("retry_interval"), "30s")),
                pick(node, files.text("node_name"), hostName()), Optional.ofNullable(nodeId).or(() -> files.text("node_id")),
                pick(datacenter, files.text("datacenter"), "dc1"), pick(domain, files.text("domain"), "consul."),
                dev ? Optional.empty() : dir, bindAddress, advertiseAddress, clients,
                port("-http-port", pick(httpPort, files.integer("ports.http"), 8500)),
                port("-dns-port", pick(dnsPort, files.integer("ports.dns"), 8600)),
                port("-server-port", pick(serverPort, files.integer("ports.server"), 8300)),
                port("-serf-lan-port", pick(serfLanPort, files.integer("ports.serf_lan"), 8301)),
                dev || pick(ui, files.bool("ui"), false),
                dev ? Duration.ofMillis(150) : Duration.ofSeconds(1), dns, Version.current(),
                pick(enableScriptChecks, files.bool("enable_script_checks"), false),
                duration("-node-fail-after", pick(nodeFailAfter, files.text("node_fail_after"), "10s")));
    }

    private static <T> T pick(T flag, Optional<T> file, T defaultValue) {
        return flag != null ? flag : file.orElse(defaultValue);
    }

    private static int port(String flag, int port) {
        if (port < 0 || port > 65535) {
            throw new Main.UsageException("invalid value for " + flag + ": " + port + " is not a port (0-65535)");
        }
        return port;
    }

    private static Duration duration(String flag, String text) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("invalid value for " + flag + ": " + e.getMessage());
        }
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (UnknownHostException e) {
            return "signpost";
        }
    }

    /** Consul's rule: a specific bind address is advertised; 0.0.0.0 advertises the one private IPv4. */
    private static String advertiseFor(String bindAddress) {
        if (!bindAddress.equals("0.0.0.0")) {
            return bindAddress;
        }
        List<String> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
                        found.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            throw new Main.UsageException("cannot list network interfaces: " + e.getMessage());
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        throw new Main.UsageException(found.isEmpty()
                ? "no private IPv4 address found: give -advertise ADDR or -bind ADDR"
                : "multiple private IPv4 addresses found " + found + ": give -advertise ADDR or -bind ADDR");
    }
}
