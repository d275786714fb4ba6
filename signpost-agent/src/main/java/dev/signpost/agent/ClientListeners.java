package dev.signpost.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.dns.DnsConfig;
import dev.signpost.dns.DnsResolver;
import dev.signpost.dns.DnsServer;
import dev.signpost.dns.Recursor;
import dev.signpost.http.ApiServer;
import dev.signpost.http.LocalAgent;
import dev.signpost.http.LogFeed;
import dev.signpost.http.MeteredRegistry;
import dev.signpost.metrics.Metrics;

/**
 * The listeners clients reach the agent on: the HTTP API (plain and HTTPS) and DNS, on every client address, each
 * unless its port is -1 (Consul's way to turn a listener off). Apart from {@link Agent} because how each is built
 * from the configuration is theirs alone; the agent only decides when they start and stop.
 */
final class ClientListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ClientListeners.class);

    private final AgentConfig config;
    private final DeferredRegistry registry;
    private final Clock clock;
    private final Metrics metrics;
    private final LogFeed logs;

    ClientListeners(AgentConfig config, DeferredRegistry registry, Clock clock, Metrics metrics, LogFeed logs) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.metrics = metrics;
        this.logs = logs;
    }

    /** Starts HTTP(S), then DNS, handing each to {@code started} as soon as it runs so a later failure stops it. */
    void start(LocalAgent api, Optional<ApiServer.Https> https, Consumer<AutoCloseable> started) throws IOException {
        List<InetSocketAddress> httpAddresses = addresses(config.httpPort());
        List<InetSocketAddress> httpsAddresses = https.isPresent() ? addresses(config.httpsPort()) : List.of();
        if (!httpAddresses.isEmpty() || !httpsAddresses.isEmpty()) {
            ApiServer http = ApiServer.start(httpAddresses, httpsAddresses, https, ApiServer.routes(
                    new MeteredRegistry(registry, metrics), api, config.datacenter(), clock, config.acl(), metrics, logs,
                    config.ui()));
            started.accept(http);
            if (!httpAddresses.isEmpty()) {
                LOG.info("agent: HTTP API listening on {} port {}", config.clientAddresses(), http.ports().get(0));
            }
            if (!httpsAddresses.isEmpty()) {
                LOG.info("agent: HTTPS API listening on {} port {}", config.clientAddresses(),
                        http.securePorts().get(0));
            }
        }
        if (config.dnsPort() >= 0) {
            DnsConfig dnsConfig = dnsConfig();
            TokenRights dnsRights = new TokenRights(registry, config, clock,
                    () -> config.acl().tokens().defaultToken());
            DnsServer dns = DnsServer.builder().config(dnsConfig).resolver(new DnsResolver(dnsConfig,
                    registry::readLocal, new Random(), Recursor.of(dnsConfig), dnsRights, dnsRights::of,
                    config::nodeName).meteredBy(metrics)).build();
            started.accept(dns);
            dns.start();
        }
    }

    private List<InetSocketAddress> addresses(int port) {
        return port < 0 ? List.of() : config.clientAddresses().stream().map(a -> new InetSocketAddress(a, port)).toList();
    }

    private DnsConfig dnsConfig() {
        AgentConfig.DnsOptions options = config.dns();
        DnsConfig.Builder builder = DnsConfig.builder()
                .domain(config.domain())
                .datacenter(config.datacenter())
                .advertise(config.advertiseAddress())
                .nodeTtl(options.nodeTtl())
                .serviceTtl(options.serviceTtl())
                .udpAnswerLimit(options.udpAnswerLimit())
                .onlyPassing(options.onlyPassing())
                .enableTruncate(options.enableTruncate())
                .port(config.dnsPort());
        config.clientAddresses().forEach(builder::bind);
        options.recursors().forEach(builder::recursor);
        return builder.build();
    }
}
