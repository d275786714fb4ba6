package dev.signpost.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.signpost.agent.AgentConfig;
import dev.signpost.client.GoDuration;
import dev.signpost.metrics.Telemetry;
import dev.signpost.raft.RaftConfig;

/**
 * The agent's flags and config files turned into what it runs with, by Consul's rules: a flag beats a
 * config key, which beats the default; {@code -dev} implies a server that bootstraps itself.
 */
final class AgentSettings {
    /** Consul's {@code consul.MaxRaftMultiplier}. */
    private static final int MAX_RAFT_MULTIPLIER = 10;
    /** Raft's election timeout for a multiplier of 1; Consul's default multiplier 5 gives Signpost's 1 s. */
    private static final Duration ELECTION_TIMEOUT_UNIT = Duration.ofMillis(200);

    private final AgentCommand flags;
    private final ConfigFiles files;

    AgentSettings(AgentCommand flags, ConfigFiles files) {
        this.flags = flags;
        this.files = files;
    }

    List<String> warnings() {
        return files.warnings();
    }

    String logLevel() {
        return pick(flags.logLevel, files.text("log_level"), "info");
    }

    boolean logJson() {
        return pick(flags.logJson, files.bool("log_json"), false);
    }

    LogFile.Settings logFile() {
        return new LogFile.Settings(Optional.ofNullable(flags.logFile).or(() -> files.text("log_file")),
                pick(flags.logRotateBytes, files.integer("log_rotate_bytes"), 0),
                duration("-log-rotate-duration", pick(flags.logRotateDuration, files.text("log_rotate_duration"), "24h")),
                pick(flags.logRotateMaxFiles, files.integer("log_rotate_max_files"), 0));
    }

    Optional<Path> pidFile() {
        return Optional.ofNullable(flags.pidFile).or(() -> files.text("pid_file").map(Path::of));
    }

    /** Consul's default: a client leaves on SIGTERM, a server does not. */
    boolean leaveOnTerminate() {
        return files.bool("leave_on_terminate").orElse(!server());
    }

    /** Consul's default: a server skips the leave on SIGINT, a client leaves. */
    boolean skipLeaveOnInterrupt() {
        return files.bool("skip_leave_on_interrupt").orElse(server());
    }

    private boolean server() {
        return flags.dev || pick(flags.server, files.bool("server"), false);
    }

    AgentConfig agentConfig() {
        boolean isServer = server();
        boolean isBootstrap = pick(flags.bootstrap, files.bool("bootstrap"), false);
        int expect = pick(flags.bootstrapExpect, files.integer("bootstrap_expect"), 0);
        if (expect < 0) {
            throw new Main.UsageException("bootstrap_expect cannot be " + expect + ". Must be greater than or equal to zero");
        }
        if (expect > 0 && isBootstrap) {
            throw new Main.UsageException("'bootstrap_expect > 0' and 'bootstrap = true' are mutually exclusive");
        }
        if ((expect > 0 || isBootstrap) && !isServer) {
            throw new Main.UsageException((isBootstrap ? "'bootstrap = true'" : "'bootstrap_expect > 0'")
                    + " requires 'server = true'");
        }
        Optional<Path> dir = Optional.ofNullable(flags.dataDir).or(() -> files.text("data_dir").map(Path::of));
        if (!flags.dev && dir.isEmpty()) {
            throw new Main.UsageException("data_dir cannot be empty: give -data-dir DIR (or use -dev)");
        }
        String bindAddress = AddressTemplates.expand("bind_addr",
                pick(flags.bind, files.text("bind_addr"), flags.dev ? "127.0.0.1" : "0.0.0.0"));
        // The default is looked for only when none is given: a host with several private addresses is fine then.
        String advertiseAddress = AddressTemplates.expand("advertise_addr", Optional.ofNullable(flags.advertise)
                .or(() -> files.text("advertise_addr")).orElseGet(() -> advertiseFor(bindAddress)));
        String clientText = AddressTemplates.expand("client_addr",
                pick(flags.client, files.text("client_addr"), "127.0.0.1"));
        List<String> joins = new ArrayList<>(flags.join);
        joins.addAll(files.strings("start_join"));
        List<String> retries = new ArrayList<>(flags.retryJoin);
        retries.addAll(files.strings("retry_join"));
        int retryMax = pick(flags.retryMax, files.integer("retry_max"), 0);
        return new AgentConfig(flags.dev, isServer, isBootstrap || flags.dev, flags.dev ? 1 : expect, joins, retries,
                duration("-retry-interval", pick(flags.retryInterval, files.text("retry_interval"), "30s")),
                pick(flags.node, files.text("node_name"), hostName()),
                Optional.ofNullable(flags.nodeId).or(() -> files.text("node_id")),
                pick(flags.datacenter, files.text("datacenter"), "dc1").toLowerCase(java.util.Locale.ROOT),
                pick(flags.domain, files.text("domain"), "consul."),
                flags.dev ? Optional.empty() : dir, bindAddress, advertiseAddress,
                List.of(clientText.trim().split("\\s+")),
                port("ports.http", pick(flags.httpPort, files.integer("ports.http"), 0), 8500),
                port("ports.dns", pick(flags.dnsPort, files.integer("ports.dns"), 0), 8600),
                requiredPort("ports.server", pick(flags.serverPort, files.integer("ports.server"), 0), 8300),
                requiredPort("ports.serf_lan", pick(flags.serfLanPort, files.integer("ports.serf_lan"), 0), 8301),
                flags.dev || pick(flags.ui, files.bool("ui_config.enabled").or(() -> files.bool("ui")), false),
                electionTimeout(), dns(), Version.current(),
                pick(flags.enableScriptChecks, files.bool("enable_script_checks"), false),
                duration("-node-fail-after", pick(flags.nodeFailAfter, files.text("node_fail_after"), "10s")),
                retryMax, nodeMeta(),
                files.integer("raft_snapshot_threshold").map(Integer::longValue)
                        .orElse(RaftConfig.DEFAULT_SNAPSHOT_THRESHOLD),
                files.text("raft_snapshot_interval").map(t -> duration("raft_snapshot_interval", t))
                        .orElse(RaftConfig.DEFAULT_SNAPSHOT_INTERVAL),
                AclSettings.of(files), ConfigDefinitions.services(files), ConfigDefinitions.checks(files),
                TlsSettings.httpsPort(flags.httpsPort, files), TlsSettings.of(files), gossip(),
                files.bool("rejoin_after_leave").orElse(false),
                files.integer("ports.sidecar_min_port").orElse(21000),
                files.integer("ports.sidecar_max_port").orElse(21255));
    }

    /** {@code -encrypt} / {@code encrypt}: refused at once when it is not base64, as Consul's config builder does. */
    private AgentConfig.Gossip gossip() {
        Optional<String> key = Optional.ofNullable(flags.encrypt).or(() -> files.text("encrypt"))
                .filter(k -> !k.isEmpty());
        try {
            return new AgentConfig.Gossip(key, files.bool("encrypt_verify_incoming").orElse(true),
                    files.bool("encrypt_verify_outgoing").orElse(true),
                    !pick(flags.disableKeyringFile, files.bool("disable_keyring_file"), false));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    /**
     * Consul's {@code telemetry} keys Signpost honours: {@code metrics_prefix} ("consul"), {@code disable_hostname}
     * (false: gauges carry the host name, as go-metrics' do) and {@code prometheus_retention_time} (0: the Prometheus
     * format is off, as in Consul).
     */
    Telemetry telemetry() {
        Duration retention = files.text("telemetry.prometheus_retention_time")
                .map(t -> duration("telemetry.prometheus_retention_time", t)).orElse(Duration.ZERO);
        if (retention.isNegative()) {
            throw new Main.UsageException("telemetry.prometheus_retention_time cannot be negative: " + retention);
        }
        boolean disableHostname = files.bool("telemetry.disable_hostname").orElse(false);
        return new Telemetry(files.text("telemetry.metrics_prefix").orElse("consul"),
                disableHostname ? Optional.empty() : Optional.of(fullHostName()), retention);
    }

    /** go-metrics names gauges with {@code os.Hostname()}: the host's name as the system has it. */
    private static String fullHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "signpost";
        }
    }

    /** {@code performance.raft_multiplier} scales Raft's timing as Consul's does; -dev is as fast as it goes. */
    private Duration electionTimeout() {
        int multiplier = files.integer("performance.raft_multiplier").orElse(flags.dev ? 1 : 5);
        if (multiplier < 1 || multiplier > MAX_RAFT_MULTIPLIER) {
            throw new Main.UsageException("performance.raft_multiplier cannot be " + multiplier
                    + ". Must be between 1 and " + MAX_RAFT_MULTIPLIER);
        }
        return flags.dev && files.integer("performance.raft_multiplier").isEmpty()
                ? Duration.ofMillis(150) : ELECTION_TIMEOUT_UNIT.multipliedBy(multiplier);
    }

    private AgentConfig.DnsOptions dns() {
        List<String> upstream = new ArrayList<>(flags.recursors);
        upstream.addAll(files.strings("recursors"));
        return new AgentConfig.DnsOptions(
                duration("-dns-node-ttl", pick(flags.dnsNodeTtl, files.text("dns_config.node_ttl"), "0s")),
                duration("-dns-service-ttl", pick(flags.dnsServiceTtl, files.text("dns_config.service_ttl.*"), "0s")),
                pick(flags.dnsUdpAnswerLimit, files.integer("dns_config.udp_answer_limit"), 3),
                pick(flags.dnsOnlyPassing, files.bool("dns_config.only_passing"), false),
                pick(flags.dnsEnableTruncate, files.bool("dns_config.enable_truncate"), false),
                upstream);
    }

    private Map<String, String> nodeMeta() {
        Map<String, String> meta = new LinkedHashMap<>(files.stringMap("node_meta"));
        for (String pair : flags.nodeMeta) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                meta.put(pair, "");
            } else {
                meta.put(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }
        return meta;
    }

    private static <T> T pick(T flag, Optional<T> file, T defaultValue) {
        return flag != null ? flag : file.orElse(defaultValue);
    }

    /** Consul's port rule: 0 or absent is the default, a negative number turns the listener off (-1). */
    private static int port(String key, int port, int defaultPort) {
        if (port > 65535) {
            throw new Main.UsageException(key + ": invalid port: " + port);
        }
        return port == 0 ? defaultPort : port < 0 ? -1 : port;
    }

    private static int requiredPort(String key, int port, int defaultPort) {
        int value = port(key, port, defaultPort);
        if (value < 0) {
            throw new Main.UsageException(key + " cannot be turned off in Signpost: the agent needs it");
        }
        return value;
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
        List<String> found = AddressTemplates.privateIpv4s();
        if (found.size() == 1) {
            return found.get(0);
        }
        throw new Main.UsageException(found.isEmpty()
                ? "No private IPv4 address found: give -advertise ADDR or -bind ADDR"
                : "Multiple private IPv4 addresses found. Please configure one with 'bind' and/or 'advertise'.");
    }
}
