package dev.signpost.agent;

import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.client.TlsFiles;
import dev.signpost.client.TlsTrust;
import dev.signpost.http.ApiServer;
import dev.signpost.raft.RaftTls;

/**
 * Reads the files of an {@link AgentTls} and checks them as Consul's tlsutil does at start, with its error texts:
 * the HTTPS listener's context, and the internal RPC's (Raft over gRPC, and the LAN port). An error is an
 * {@link IllegalArgumentException}: the agent does not start.
 */
final class TlsSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TlsSetup.class);
    /** Consul's names of TLS versions, old and new, and the JSSE protocols from each one up. */
    private static final Map<String, List<String>> VERSIONS = Map.of(
            "TLSv1_0", List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"),
            "TLSv1_1", List.of("TLSv1.1", "TLSv1.2", "TLSv1.3"),
            "TLSv1_2", List.of("TLSv1.2", "TLSv1.3"),
            "TLSv1_3", List.of("TLSv1.3"),
            "tls10", List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"),
            "tls11", List.of("TLSv1.1", "TLSv1.2", "TLSv1.3"),
            "tls12", List.of("TLSv1.2", "TLSv1.3"),
            "tls13", List.of("TLSv1.3"));
    /** At most one line a minute per refused peer: a server retries every second. */
    private static final Duration REFUSAL_LOG_EVERY = Duration.ofMinutes(1);

    private TlsSetup() {
    }

    /** Whether Consul knows {@code name} as a TLS version ({@code TLSv1_2}, or the older {@code tls12}). */
    static boolean knownVersion(String name) {
        return VERSIONS.containsKey(name);
    }

    /** The HTTPS listener's TLS, checked; {@code httpsPort} is -1 when there is no HTTPS listener. */
    static Optional<ApiServer.Https> https(AgentTls.Side side, int httpsPort) {
        Loaded loaded = load(side);
        if (httpsPort < 0) {
            return Optional.empty();
        }
        if (loaded.keys().isEmpty()) {
            throw new IllegalArgumentException("HTTPS port " + httpsPort + " needs a certificate: give cert_file and "
                    + "key_file (tls.https, tls.defaults or the top-level keys)");
        }
        TrustManager[] trust = loaded.authorities().map(a -> new TrustManager[] {a}).orElse(null);
        return Optional.of(new ApiServer.Https(TlsFiles.sslContext(loaded.keys().get(), trust), side.verifyIncoming(),
                protocols(side), side.cipherSuites()));
    }

    /** TLS for server-to-server traffic: on when {@code tls.internal_rpc} has a certificate, a key and CAs. */
    static Optional<Internal> internalRpc(AgentTls.Side side, String datacenter, String domain) {
        Loaded loaded = load(side);
        if (loaded.keys().isEmpty() || loaded.authorities().isEmpty()) {
            if (loaded.keys().isPresent()) {
                LOG.warn("agent: tls.internal_rpc has a certificate but no ca_file or ca_path: Raft and LAN traffic "
                        + "stay plain text");
            }
            return Optional.empty();
        }
        X509TrustManager authorities = loaded.authorities().get();
        Map<String, Long> lastLogged = new ConcurrentHashMap<>();
        String serverName = "server." + datacenter + "." + stripDot(domain);
        TlsTrust peers = (side.verifyServerHostname() ? TlsTrust.named(authorities, serverName)
                : TlsTrust.chainOnly(authorities)).onRefusedClient((peer, e) -> logRefusal(lastLogged, peer, e));
        TlsTrust lanPeers = TlsTrust.chainOnly(authorities)
                .onRefusedClient((peer, e) -> logRefusal(lastLogged, peer, e));
        KeyManager[] keys = loaded.keys().get();
        return Optional.of(new Internal(new RaftTls(keys[0], peers, side.verifyIncoming()),
                TlsFiles.sslContext(keys, new TrustManager[] {lanPeers}), side.verifyIncoming()));
    }

    /**
     * Server-to-server TLS: Ratis' settings, and the LAN port's context.
     *
     * @param verifyIncoming whether a peer without a good client certificate is refused
     */
    record Internal(RaftTls raft, SSLContext lan, boolean verifyIncoming) {
    }

    private record Loaded(Optional<KeyManager[]> keys, Optional<X509TrustManager> authorities) {
    }

    private static Loaded load(AgentTls.Side side) {
        if (!knownVersion(side.minVersion())) {
            throw new IllegalArgumentException("tls_min_version: value " + side.minVersion() + " not supported, "
                    + "please specify one of [TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3]");
        }
        Optional<KeyManager[]> keys = side.hasCertificate()
                ? Optional.of(TlsFiles.keyPair(side.certFile().get(), side.keyFile().get())) : Optional.empty();
        Optional<X509TrustManager> authorities = TlsFiles.authorities(side.caFile(), side.caPath());
        if (side.verifyIncoming()) {
            if (authorities.isEmpty()) {
                throw new IllegalArgumentException("VerifyIncoming set but no CA certificates were provided");
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("VerifyIncoming requires either a Cert and Key pair in the "
                        + "configuration file, or auto_encrypt/auto_config be enabled");
            }
        }
        if (side.verifyOutgoing() && authorities.isEmpty()) {
            throw new IllegalArgumentException("VerifyOutgoing set but no CA certificates were provided");
        }
        return new Loaded(keys, authorities);
    }

    private static List<String> protocols(AgentTls.Side side) {
        return VERSIONS.get(side.minVersion());
    }

    private static void logRefusal(Map<String, Long> lastLogged, String peer, CertificateException e) {
        long now = System.nanoTime();
        Long last = lastLogged.get(peer);
        if (last == null || now - last > REFUSAL_LOG_EVERY.toNanos()) {
            lastLogged.put(peer, now);
            LOG.warn("agent: refused a TLS connection from {}: its certificate is not signed by a trusted CA ({})",
                    peer, firstLine(e));
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String stripDot(String domain) {
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }
}
