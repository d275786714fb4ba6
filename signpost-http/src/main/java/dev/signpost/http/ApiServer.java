package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import com.sun.management.HotSpotDiagnosticMXBean;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.AclNotFoundException;
import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.NoLeaderException;
import dev.signpost.core.StorageFullException;
import dev.signpost.core.NotFoundException;
import dev.signpost.core.PermissionDeniedException;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.AclConfig;
import dev.signpost.metrics.Metrics;

/**
 * The agent's HTTP API on Jetty: translates each request into an {@link ApiRequest} ({@link JettyExchange}),
 * dispatches it through the {@link Routes} table and maps every error to Consul's plain-text answer, in one place: the
 * core's and the agent's typed exceptions ({@link NotFoundException} 404, {@link InvalidRequestException} 400,
 * {@link NoLeaderException} 500) and HTTP's own {@link ApiException}s.
 *
 * <p>Handlers run on virtual threads, so a blocking query holds no platform thread while it waits.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Server server;
    private final List<ServerConnector> connectors = new ArrayList<>();
    private final List<ServerConnector> secureConnectors = new ArrayList<>();

    /**
     * The HTTPS listener's TLS: Consul's {@code tls.https} settings made into a context.
     *
     * @param context the server's certificate and the CAs its clients' certificates must chain to
     * @param verifyIncoming whether a client must present a certificate the CAs signed ({@code verify_incoming})
     * @param protocols the TLS protocol versions allowed ({@code tls_min_version} and up)
     * @param cipherSuites the JSSE names of the cipher suites allowed; empty: the JDK's defaults
     */
    public record Https(SSLContext context, boolean verifyIncoming, List<String> protocols, List<String> cipherSuites) {
        public Https {
            requireNonNull(context, "context");
            protocols = List.copyOf(protocols);
            cipherSuites = List.copyOf(cipherSuites);
        }
    }

    /**
     * Jetty pads its queues by how many references fit a cache line, and asks the platform MBean server whether
     * references are compressed unless this property says it; building that server was a tenth of an agent's
     * start. The HotSpot diagnostic bean gives the same answer without it.
     */
    private static void tellJettyTheReferenceSize() {
        String property = "org.eclipse.jetty.util.referencesPerCacheLine";
        if (System.getProperty(property) != null) {
            return;
        }
        int cacheLine = Integer.getInteger("org.eclipse.jetty.util.cacheLineBytes", 64);
        boolean compressed = Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops").getValue());
        System.setProperty(property, Integer.toString(cacheLine / (compressed ? 4 : 8)));
    }

    private ApiServer(List<InetSocketAddress> addresses, Routes routes) {
        this(addresses, List.of(), null, routes);
    }

    private ApiServer(List<InetSocketAddress> addresses, List<InetSocketAddress> secureAddresses, Https https,
                      Routes routes) {
        tellJettyTheReferenceSize();
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // KV keys may hold characters Jetty's strict URI rules reject; Consul takes them.
        http.setUriCompliance(UriCompliance.LEGACY);
        for (InetSocketAddress address : addresses) {
            connectors.add(connector(address, new HttpConnectionFactory(http)));
        }
        for (InetSocketAddress address : secureAddresses) {
            secureConnectors.add(connector(address, new SslConnectionFactory(sslFactory(https), "http/1.1"),
                    new HttpConnectionFactory(http)));
        }
        // Requests in flight when the server stops are answered first (a leave's own answer among them: the agent
        // stops right after it); blocking queries and log streams are cut after a second.
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(new JettyExchange(routes));
        server.setHandler(graceful);
        server.setStopTimeout(1_000);
    }

    private ServerConnector connector(InetSocketAddress address, ConnectionFactory... factories) {
        ServerConnector connector = new ServerConnector(server, 1, 1, factories);
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(15 * 60 * 1000L); // longer than the longest blocking query
        server.addConnector(connector);
        return connector;
    }

    private static SslContextFactory.Server sslFactory(Https https) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(https.context());
        factory.setNeedClientAuth(https.verifyIncoming());
        factory.setIncludeProtocols(https.protocols().toArray(new String[0]));
        if (!https.cipherSuites().isEmpty()) {
            factory.setIncludeCipherSuites(https.cipherSuites().toArray(new String[0]));
        }
        // Clients dial an IP address as often as a name; Consul's listener does not match SNI to the certificate.
        factory.setSniRequired(false);
        factory.setEndpointIdentificationAlgorithm(null);
        return factory;
    }

    /** The route table of the whole API, over a registry and the local agent. */
    public static Routes routes(Registry registry, LocalAgent agent, String datacenter) {
        return routes(registry, agent, datacenter, java.time.Clock.systemUTC());
    }

    /** The route table, with the clock that session deadlines and lock delays are stamped from. */
    public static Routes routes(Registry registry, LocalAgent agent, String datacenter, java.time.Clock clock) {
        return routes(registry, agent, datacenter, clock, AclConfig.disabled());
    }

    /** The route table with the web UI, every route guarded by what it asks of the token under these ACL settings. */
    public static Routes routes(Registry registry, LocalAgent agent, String datacenter, java.time.Clock clock,
                                AclConfig acl) {
        return routes(registry, agent, datacenter, clock, acl, true);
    }

    /** The route table; {@code ui} serves the web UI at /ui/ (Consul's ui_config.enabled). */
    public static Routes routes(Registry registry, LocalAgent agent, String datacenter, java.time.Clock clock,
                                AclConfig acl, boolean ui) {
        return routes(registry, agent, datacenter, clock, acl, Metrics.none(), LogFeed.none(), ui);
    }

    /**
     * The route table, recording each route's time as Consul's {@code consul.api.http} and {@code consul.http.*}
     * samples, serving {@code metrics} at {@code /v1/agent/metrics}, {@code logs} at {@code /v1/agent/monitor} and,
     * when {@code ui}, the web UI at /ui/.
     */
    public static Routes routes(Registry registry, LocalAgent agent, String datacenter, java.time.Clock clock,
                                AclConfig acl, Metrics metrics, LogFeed logs, boolean ui) {
        Reads reads = new Reads(registry, datacenter, metrics);
        boolean server = agent.identity().server();
        TokenAuthority tokens = new TokenAuthority(registry, acl, datacenter, () -> agent.identity().nodeName(),
                clock, () -> server);
        Routes routes = new Routes(tokens).meteredBy(metrics).routedBy(DatacenterRouter.localOnly(reads));
        AclChecks aclChecks = new AclChecks(acl);
        new AclTokenEndpoints(reads, aclChecks, clock).addTo(routes);
        new AclPolicyEndpoints(reads, aclChecks).addTo(routes);
        new AclRoleEndpoints(reads, aclChecks).addTo(routes);
        new AgentTokenEndpoints(acl, () -> agent.identity().nodeName(), agent::persistTokens).addTo(routes);
        new CatalogEndpoints(reads, () -> agent.identity().nodeName()).addTo(routes);
        new HealthEndpoints(reads, () -> agent.identity().nodeName(), metrics).addTo(routes);
        new KvEndpoints(reads, clock).addTo(routes);
        new SessionEndpoints(reads, () -> agent.identity().nodeName(), clock).addTo(routes);
        new TxnEndpoints(reads, clock).addTo(routes);
        new QueryEndpoints(reads, tokens, () -> agent.identity().nodeName()).addTo(routes);
        new ConfigEndpoints(reads).addTo(routes);
        new DiscoveryChainEndpoints(reads).addTo(routes);
        new IntentionEndpoints(reads, clock, () -> UUID.randomUUID().toString()).addTo(routes);
        new CoordinateEndpoints(reads, agent::serverCoordinates).addTo(routes);
        new EventEndpoints(agent.events()).addTo(routes);
        new StatusEndpoints(registry).addTo(routes);
        new AgentEndpoints(agent).addTo(routes);
        new AgentServiceEndpoints(agent, reads).addTo(routes);
        new AgentSelfEndpoints(agent, registry).addTo(routes);
        new OperatorEndpoints(agent).addTo(routes);
        new UsageEndpoints(reads).addTo(routes);
        new KeyringEndpoints(agent.keyring()).addTo(routes);
        new AutopilotEndpoints(agent, metrics).addTo(routes);
        new TelemetryEndpoints(metrics, logs, () -> agent.identity().nodeName()).addTo(routes);
        new UiAggregateEndpoints(reads).addTo(routes);
        new UiEndpoints(ui).addTo(routes);
        return routes;
    }

    /** Starts listening on every address (port 0 picks a free port). */
    public static ApiServer start(List<InetSocketAddress> addresses, Routes routes) throws IOException {
        return new ApiServer(addresses, requireNonNull(routes, "routes")).started(addresses.toString());
    }

    /**
     * Starts plain HTTP on {@code addresses} and HTTPS on {@code secureAddresses} (either may be empty), one API
     * behind both.
     */
    public static ApiServer start(List<InetSocketAddress> addresses, List<InetSocketAddress> secureAddresses,
                                  java.util.Optional<Https> https, Routes routes) throws IOException {
        if (!secureAddresses.isEmpty() && https.isEmpty()) {
            throw new IllegalArgumentException("HTTPS addresses need the listener's TLS settings");
        }
        return new ApiServer(addresses, secureAddresses, https.orElse(null), requireNonNull(routes, "routes"))
                .started(addresses + " " + secureAddresses);
    }

    /** Starts Jetty, or closes it again and says which {@code addresses} it could not listen on. */
    private ApiServer started(String addresses) throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException("cannot listen for HTTP on " + addresses + ": " + rootMessage(e), e);
        }
        return this;
    }

    /** The plain HTTP ports actually bound, in the order of the addresses. */
    public List<Integer> ports() {
        return connectors.stream().map(ServerConnector::getLocalPort).toList();
    }

    /** The HTTPS ports actually bound, in the order of the addresses. */
    public List<Integer> securePorts() {
        return secureConnectors.stream().map(ServerConnector::getLocalPort).toList();
    }

    /** Handles one request without a socket: what tests and the benchmark use. */
    public static ApiResponse handle(Routes routes, ApiRequest request) {
        try {
            return routes.dispatch(request);
        } catch (ApiException e) {
            return ApiResponse.text(e.status(), e.getMessage());
        } catch (NotFoundException e) {
            return ApiResponse.text(404, e.getMessage());
        } catch (InvalidRequestException e) {
            return ApiResponse.text(400, e.getMessage());
        } catch (NoLeaderException | StorageFullException e) {
            return ApiResponse.text(500, e.getMessage());
        } catch (PermissionDeniedException | AclNotFoundException e) {
            return ApiResponse.text(403, e.getMessage());
        } catch (IllegalArgumentException e) {
            return ApiResponse.text(400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("http: request {} {} failed: {}", request.method(), request.path(), e.toString());
            return ApiResponse.text(500, "Internal error: " + e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("http: stopping the server failed: {}", e.toString());
        }
    }
}
