package dev.signpost.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code signpost agent}: Consul's agent flags, single-dash. Config files and directories (JSON or HCL, in
 * the order given) and {@code -hcl} snippets are read as Consul reads them; flags given on the command line
 * win. Bad flags and configuration exit 1 with Consul's message, as {@code consul agent} does.
 */
@Command(name = "agent", versionProvider = Version.class,
        description = "Runs a registry agent: Consul's HTTP API and DNS interface, replicated with Raft.")
final class AgentCommand extends SignpostCommand {
    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = "-dev", arity = "0..1", description = "Development mode: an in-memory single server on 127.0.0.1.")
    boolean dev;
    @Option(names = "-server", arity = "0..1", description = "Run as a server (takes part in Raft).")
    Boolean server;
    @Option(names = "-bootstrap", arity = "0..1", description = "Elect this server leader at once (a one-server datacenter).")
    Boolean bootstrap;
    @Option(names = "-bootstrap-expect", paramLabel = "N", description = "Wait for N servers, then form the cluster.")
    Integer bootstrapExpect;
    @Option(names = "-join", paramLabel = "ADDR", description = "Join the agent at ADDR at start (repeatable).")
    List<String> join = new ArrayList<>();
    @Option(names = "-retry-join", paramLabel = "ADDR", description = "Like -join, retrying until it succeeds.")
    List<String> retryJoin = new ArrayList<>();
    @Option(names = "-retry-interval", paramLabel = "DURATION", description = "Time between join attempts (30s).")
    String retryInterval;
    @Option(names = "-retry-max", paramLabel = "N", description = "Join attempts before giving up; 0 retries forever.")
    Integer retryMax;
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
    @Option(names = "-node-meta", paramLabel = "KEY:VALUE", description = "Metadata of this node (repeatable).")
    List<String> nodeMeta = new ArrayList<>();
    @Option(names = "-disable-host-node-id", arity = "0..1",
            description = "Never derive the node ID from the host (Signpost never does: IDs are random).")
    Boolean disableHostNodeId;
    @Option(names = {"-datacenter", "-dc"}, paramLabel = "DC", description = "Datacenter (dc1).")
    String datacenter;
    @Option(names = "-domain", paramLabel = "DOMAIN", description = "DNS domain (consul.).")
    String domain;
    @Option(names = "-http-port", paramLabel = "PORT", description = "HTTP API port (8500); -1 turns HTTP off.")
    Integer httpPort;
    @Option(names = "-https-port", paramLabel = "PORT", description = "HTTPS API port (off: -1); needs the tls block's certificate.")
    Integer httpsPort;
    @Option(names = "-dns-port", paramLabel = "PORT", description = "DNS port (8600); -1 turns DNS off.")
    Integer dnsPort;
    @Option(names = "-server-port", paramLabel = "PORT", description = "Server RPC (Raft) port (8300).")
    Integer serverPort;
    @Option(names = "-serf-lan-port", paramLabel = "PORT", description = "LAN port for join and heartbeats (8301).")
    Integer serfLanPort;
    @Option(names = "-enable-script-checks", arity = "0..1",
            description = "Allow health checks that run scripts (Args); off by default.")
    Boolean enableScriptChecks;
    @Option(names = "-node-fail-after", paramLabel = "DURATION",
            description = "Signpost: how long a member may go unheard before its serfHealth is critical (10s).")
    String nodeFailAfter;
    @Option(names = "-ui", arity = "0..1", description = "Serve the web UI at /ui/.")
    Boolean ui;
    @Option(names = "-pid-file", paramLabel = "FILE", description = "Write the agent's process ID to FILE (removed at exit).")
    Path pidFile;
    @Option(names = "-log-level", paramLabel = "LEVEL", description = "trace, debug, info, warn or err (info).")
    String logLevel;
    @Option(names = "-log-json", arity = "0..1", description = "Log one JSON object a line, as Consul's -log-json.")
    Boolean logJson;
    @Option(names = "-log-file", paramLabel = "PATH", description = "Also log to this file (a path ending in / names a directory).")
    String logFile;
    @Option(names = "-log-rotate-bytes", paramLabel = "N", description = "Start a new log file after N bytes (0: no limit).")
    Integer logRotateBytes;
    @Option(names = "-log-rotate-duration", paramLabel = "DURATION", description = "Start a new log file this often (24h).")
    String logRotateDuration;
    @Option(names = "-log-rotate-max-files", paramLabel = "N", description = "Old log files to keep (0: all).")
    Integer logRotateMaxFiles;
    @Option(names = {"-config-file", "-config-dir"}, paramLabel = "PATH",
            description = "A JSON or HCL config file, or a directory of *.json and *.hcl files read in lexical order (repeatable).")
    List<Path> configPaths = new ArrayList<>();
    @Option(names = "-config-format", paramLabel = "FORMAT", description = "Read every config file as 'json' or 'hcl'.")
    String configFormat;
    @Option(names = "-hcl", paramLabel = "HCL", description = "A config snippet in HCL, read after the files (repeatable).")
    List<String> hcl = new ArrayList<>();
    @Option(names = "-recursor", paramLabel = "ADDR", description = "Upstream DNS server for other names (repeatable).")
    List<String> recursors = new ArrayList<>();
    @Option(names = "-dns-only-passing", arity = "0..1", description = "Leave warning instances out of DNS answers.")
    Boolean dnsOnlyPassing;
    @Option(names = "-dns-enable-truncate", arity = "0..1", description = "Set the TC bit when a UDP answer was cut.")
    Boolean dnsEnableTruncate;
    @Option(names = "-dns-udp-answer-limit", paramLabel = "N", description = "Answers in a UDP reply without EDNS (3).")
    Integer dnsUdpAnswerLimit;
    @Option(names = "-dns-node-ttl", paramLabel = "DURATION", description = "TTL of node records (0s).")
    String dnsNodeTtl;
    @Option(names = "-dns-service-ttl", paramLabel = "DURATION", description = "TTL of service records (0s).")
    String dnsServiceTtl;

    @Option(names = "-encrypt", paramLabel = "KEY",
            description = "The gossip key: base64 of 16, 24 or 32 bytes (signpost keygen).")
    String encrypt;
    @Option(names = "-disable-keyring-file", arity = "0..1",
            description = "Keep the gossip keyring in memory only, not in the data dir.")
    Boolean disableKeyringFile;

    /** Consul's flags that take a value and have no counterpart in Signpost yet: each one given is warned about. */
    @Option(names = {"-advertise-wan", "-join-wan", "-retry-join-wan", "-retry-interval-wan", "-retry-max-wan",
            "-protocol", "-raft-protocol", "-serf-lan-bind", "-serf-wan-bind", "-serf-wan-port",
            "-segment", "-ui-dir", "-ui-content-path", "-alt-domain", "-allow-write-http-from", "-grpc-port",
            "-grpc-tls-port", "-check_output_max_size", "-default-query-time", "-max-query-time",
            "-primary-gateway"}, paramLabel = "VALUE",
            description = "Consul flags accepted with a warning: Signpost has no counterpart for them yet.")
    List<String> inertValues = new ArrayList<>();
    /** Consul's switches with no counterpart in Signpost yet. */
    @Option(names = {"-rejoin", "-syslog", "-non-voting-server", "-enable-local-script-checks",
            "-auto-reload-config"}, arity = "0..1",
            description = "Consul switches accepted with a warning: Signpost has no counterpart for them yet.")
    List<Boolean> inertSwitches = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return AgentRun.run(this::settings, inertFlagsGiven());
    }

    /** These flags with the config files as they are now: read at start and again on every reload. */
    AgentSettings settings() {
        return new AgentSettings(this, ConfigFiles.read(configPaths, configFormat == null ? "" : configFormat, hcl));
    }

    /** The names of the inert Consul flags given on this command line, for one warning each. */
    List<String> inertFlagsGiven() {
        List<String> names = new ArrayList<>();
        names.addAll(List.of(spec.findOption("-advertise-wan").names()));
        names.addAll(List.of(spec.findOption("-rejoin").names()));
        List<String> given = new ArrayList<>();
        for (String arg : spec.commandLine().getParseResult().originalArgs()) {
            String name = arg.startsWith("--") ? arg.substring(1) : arg;
            int eq = name.indexOf('=');
            name = eq < 0 ? name : name.substring(0, eq);
            if (names.contains(name) && !given.contains(name)) {
                given.add(name);
            }
        }
        return given;
    }
}
