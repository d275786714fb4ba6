package dev.signpost.client;

import static java.util.Objects.requireNonNull;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.est.jcajce.JsseDefaultHostnameAuthorizer;

/**
 * Which peer certificates a TLS connection accepts, where the JDK's own rule (chain to a trusted CA, and the
 * certificate names the host dialled) is not Consul's: internal RPC checks the chain only, or the fixed name
 * {@code server.<dc>.<domain>} ({@code verify_server_hostname}); a client may name the server it expects
 * ({@code CONSUL_TLS_SERVER_NAME}) or verify nothing ({@code CONSUL_HTTP_SSL_VERIFY=false}). The chain is always
 * checked by the JDK's trust manager and names by BouncyCastle's RFC 6125 matcher. Thread-safe.
 */
public final class TlsTrust extends X509ExtendedTrustManager {
    /** RFC 5280's GeneralName tags, as {@link X509Certificate#getSubjectAlternativeNames} gives them. */
    private static final int DNS_NAME = 2;
    private static final int IP_NAME = 7;

    private final X509TrustManager chain; // null: trust everything
    private final Optional<String> name;
    private final BiConsumer<String, CertificateException> onRefusedClient;

    private TlsTrust(X509TrustManager chain, Optional<String> name, BiConsumer<String, CertificateException> refused) {
        this.chain = chain;
        this.name = name;
        this.onRefusedClient = refused;
    }

    /** Accepts a peer whose chain leads to one of the authorities, whatever names it holds. */
    public static TlsTrust chainOnly(X509TrustManager authorities) {
        return new TlsTrust(requireNonNull(authorities, "authorities"), Optional.empty(), (peer, e) -> { });
    }

    /** Accepts a server whose chain leads to one of the authorities and whose certificate names {@code name}. */
    public static TlsTrust named(X509TrustManager authorities, String name) {
        return new TlsTrust(requireNonNull(authorities, "authorities"), Optional.of(name), (peer, e) -> { });
    }

    /** Accepts any certificate: {@code CONSUL_HTTP_SSL_VERIFY=false}, Consul's {@code -tls-skip-verify}. */
    public static TlsTrust anything() {
        return new TlsTrust(null, Optional.empty(), (peer, e) -> { });
    }

    /** The same rule, telling {@code listener} (peer host and subject, why) of each client certificate it refuses. */
    public TlsTrust onRefusedClient(BiConsumer<String, CertificateException> listener) {
        return new TlsTrust(chain, name, requireNonNull(listener, "listener"));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        checkClient(certs, authType, "a peer");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
            throws CertificateException {
        checkClient(certs, authType, socket == null || socket.getInetAddress() == null ? "a peer"
                : socket.getInetAddress().getHostAddress());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
            throws CertificateException {
        checkClient(certs, authType, engine == null || engine.getPeerHost() == null ? "a peer" : engine.getPeerHost());
    }

    private void checkClient(X509Certificate[] certs, String authType, String peer) throws CertificateException {
        if (chain == null) {
            return;
        }
        try {
            chain.checkClientTrusted(certs, authType);
        } catch (CertificateException e) {
            String subject = certs == null || certs.length == 0 ? "" : " (" + certs[0].getSubjectX500Principal() + ")";
            onRefusedClient.accept(peer + subject, e);
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        if (chain == null) {
            return;
        }
        chain.checkServerTrusted(certs, authType);
        if (name.isPresent() && !names(certs[0], name.get())) {
            throw new CertificateException("x509: certificate is not valid for " + name.get());
        }
    }

    /**
     * Whether the certificate's subject alternative names hold {@code expected}: an IP literal among its IP names,
     * else a DNS name (wildcards by BouncyCastle's RFC 6125 rule). Never resolves a name.
     */
    private static boolean names(X509Certificate cert, String expected) throws CertificateException {
        Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
        if (alternatives == null) {
            return false;
        }
        boolean ipLiteral = expected.contains(":") || expected.matches("[0-9.]+");
        try {
            for (List<?> alternative : alternatives) {
                int type = (Integer) alternative.get(0);
                String value = String.valueOf(alternative.get(1));
                if (ipLiteral ? type == IP_NAME && value.equalsIgnoreCase(expected)
                        : type == DNS_NAME && JsseDefaultHostnameAuthorizer.isValidNameMatch(expected, value, Set.of())) {
                    return true;
                }
            }
        } catch (java.io.IOException e) {
            throw new CertificateException("cannot read the names of the certificate: " + e.getMessage(), e);
        }
        return false;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(certs, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(certs, authType);
    }

    /**
     * None named: a server then asks for any client certificate, so a peer holding one of another CA sends it and
     * is refused (and reported) here, instead of sending none because its key manager found no match for the list.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
