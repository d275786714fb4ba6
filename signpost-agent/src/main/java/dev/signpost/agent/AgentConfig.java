package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.signpost.core.acl.AclConfig;
import dev.signpost.http.AgentDefinitions;
import dev.signpost.http.LocalAgent;

/**
 * Everything {@code signpost agent} was told, after flags and config files are merged and checked.
 *
 * @param dataDir where Raft, snapshots, the node ID and the agent's own services live; empty in -dev
 * @param bindAddress where the server RPC port listens
 * @param advertiseAddress what other agents and the catalog are told
 * @param clientAddresses where HTTP and DNS listen
 * @param electionTimeout Raft's minimum election timeout (fast in -dev)
 * @param enableScriptChecks whether script checks ({@code Args}) may be registered and run
 * @param nodeFailAfter how long a member may go unheard before it is failed and its serfHealth critical
 * @param httpPort the HTTP port, or -1 for no HTTP listener (Consul's {@code ports.http = -1})
 * @param dnsPort the DNS port, or -1 for no DNS listener
 * @param retryMax failed attempts at each join address before the agent gives up and stops; 0 retries forever
 * @param nodeMeta this node's metadata ({@code -node-meta}, {@code node_meta})
 * @param snapshotThreshold Raft log entries that make a snapshot worth taking ({@code raft_snapshot_threshold})
 * @param snapshotInterval how often the threshold is checked ({@code raft_snapshot_interval})
 * @param acl the {@code acl} block (and Consul's legacy {@code acl_*} keys)
 * @param services the services of the config files, registered once the agent has synced and again on reload
 * @param checks the checks of the config files that belong to no service
 * @param httpsPort the HTTPS port ({@code ports.https}, {@code -https-port}), or -1 for none (Consul's default)
 * @param tls the {@code tls} block and its legacy keys: the HTTPS listener's and the internal RPC's certificates
 * @param gossip the gossip key and its checks ({@code encrypt}, {@code encrypt_verify_*})
 * @param sidecarMinPort the lowest port a sidecar proxy gets when its registration names none
 *                       ({@code ports.sidecar_min_port}, 21000; 0 turns automatic ports off)
 * @param sidecarMaxPort the highest such port ({@code ports.sidecar_max_port}, 21255)
 */
public record AgentConfig(boolean dev, boolean server, boolean bootstrap, int bootstrapExpect, List<String> join,
                          List<String> retryJoin, Duration retryInterval, String nodeName, Optional<String> nodeId,
                          String datacenter, String domain, Optional<Path> dataDir, String bindAddress,
                          String advertiseAddress, List<String> clientAddresses, int httpPort, int dnsPort,
                          int serverPort, int serfLanPort, boolean ui, Duration electionTimeout,
                          DnsOptions dns, String version, boolean enableScriptChecks, Duration nodeFailAfter,
                          int retryMax, Map<String, String> nodeMeta, long snapshotThreshold,
                          Duration snapshotInterval, AclConfig acl, List<AgentDefinitions.Registration> services,
                          List<LocalAgent.CheckSpec> checks, int httpsPort, AgentTls tls, Gossip gossip,
                          boolean rejoinAfterLeave, int sidecarMinPort, int sidecarMaxPort) {

    public AgentConfig {
        join = List.copyOf(join);
        retryJoin = List.copyOf(retryJoin);
        requireNonNull(nodeName, "nodeName");
        requireNonNull(nodeId, "nodeId");
        requireNonNull(datacenter, "datacenter");
        requireNonNull(domain, "domain");
        requireNonNull(dataDir, "dataDir");
        requireNonNull(bindAddress, "bindAddress");
        requireNonNull(advertiseAddress, "advertiseAddress");
        clientAddresses = List.copyOf(clientAddresses);
        requireNonNull(dns, "dns");
        requireNonNull(version, "version");
        nodeMeta = Map.copyOf(nodeMeta);
        services = List.copyOf(services);
        checks = List.copyOf(checks);
        requireNonNull(snapshotInterval, "snapshotInterval");
        requireNonNull(acl, "acl");
        requireNonNull(tls, "tls");
        requireNonNull(gossip, "gossip");
        if (nodeFailAfter.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("-node-fail-after must be at least 2s (heartbeats go every second), not "
                    + nodeFailAfter.toMillis() + "ms");
        }
    }

    /**
     * Gossip encryption as Consul configures it.
     *
     * @param encrypt the base64 key of {@code -encrypt} / {@code encrypt}; a keyring file in the data dir wins
     * @param verifyIncoming refuse LAN messages that are not encrypted ({@code encrypt_verify_incoming})
     * @param verifyOutgoing encrypt every LAN message sent ({@code encrypt_verify_outgoing})
     * @param keyringFile keep the keyring in the data dir ({@code disable_keyring_file} turns it off)
     */
    public record Gossip(Optional<String> encrypt, boolean verifyIncoming, boolean verifyOutgoing,
                         boolean keyringFile) {
        public Gossip {
            requireNonNull(encrypt, "encrypt");
            encrypt.ifPresent(key -> {
                try {
                    GossipKeyring.decode(key);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("encrypt has invalid key: " + e.getMessage(), e);
                }
            });
        }

        /** No gossip key: Consul's default. */
        public static Gossip none() {
            return new Gossip(Optional.empty(), true, true, true);
        }
    }

    /**
     * The DNS interface's settings beyond address and port.
     *
     * @param recursors upstream servers for names outside the domain ("host:port" or "host")
     */
    public record DnsOptions(Duration nodeTtl, Duration serviceTtl, int udpAnswerLimit, boolean onlyPassing,
                             boolean enableTruncate, List<String> recursors) {
        public DnsOptions {
            recursors = List.copyOf(recursors);
        }

        public static DnsOptions defaults() {
            return new DnsOptions(Duration.ZERO, Duration.ZERO, 3, false, false, List.of());
        }
    }
}
