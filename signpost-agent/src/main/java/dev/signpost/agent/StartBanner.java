package dev.signpost.agent;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines an agent prints as it starts, as Consul's {@code ==> Starting Consul agent...} block: who it is, where it
 * listens, where its data lives and which TLS it uses. Apart from {@link Agent} so its start reads as the order of
 * what starts, not as a list of log lines. Stateless.
 */
final class StartBanner {
    private static final Logger LOG = LoggerFactory.getLogger(StartBanner.class);

    private StartBanner() {
    }

    /** Logs the banner; {@code dataDir} is null for a temporary one. */
    static void log(AgentConfig config, String nodeId, Path dataDir, boolean https, boolean internalTls) {
        LOG.info("==> Starting Signpost agent...");
        LOG.info("           Version: '{}'", config.version());
        LOG.info("           Node ID: '{}'", nodeId);
        LOG.info("         Node name: '{}'", config.nodeName());
        LOG.info("        Datacenter: '{}'", config.datacenter());
        LOG.info("            Server: {} (Bootstrap: {})", config.server(), config.bootstrap() || config.dev());
        LOG.info("       Client Addr: {} (HTTP: {}, HTTPS: {}, DNS: {})", config.clientAddresses(), config.httpPort(),
                config.httpsPort(), config.dnsPort());
        LOG.info("      Cluster Addr: {} (LAN: {}, Server: {})", config.advertiseAddress(), config.serfLanPort(),
                config.serverPort());
        LOG.info("          Data Dir: {}", dataDir == null ? "(temporary, removed at exit)" : dataDir);
        LOG.info("            Secure: HTTPS-TLS: {}, Internal-RPC-TLS: {}", https, internalTls);
    }
}
