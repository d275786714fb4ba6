package dev.signpost.client;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How a client talks HTTPS to an agent, as Consul's API client reads it: the CAs to trust ({@code CONSUL_CACERT},
 * {@code CONSUL_CAPATH}; none given: the JDK's), a client certificate to present ({@code CONSUL_CLIENT_CERT},
 * {@code CONSUL_CLIENT_KEY}), the name the server's certificate must hold ({@code CONSUL_TLS_SERVER_NAME}; else the
 * host dialled) and whether to verify at all ({@code CONSUL_HTTP_SSL_VERIFY=false} does not).
 */
public record ClientTls(Optional<Path> caFile, Optional<Path> caPath, Optional<Path> certFile, Optional<Path> keyFile,
                        Optional<String> serverName, boolean verify) {

    public ClientTls {
        requireNonNull(caFile, "caFile");
        requireNonNull(caPath, "caPath");
        requireNonNull(certFile, "certFile");
        requireNonNull(keyFile, "keyFile");
        requireNonNull(serverName, "serverName");
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate: give both"
                    + " (CONSUL_CLIENT_CERT and CONSUL_CLIENT_KEY, or -client-cert and -client-key)");
        }
    }

    /** The JDK's CAs, no client certificate, the host's name verified. */
    public static ClientTls defaults() {
        return new ClientTls(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                true);
    }

    /** From Consul's environment variables, as the Go API client's {@code DefaultConfig} reads them. */
    public static ClientTls fromEnvironment(Map<String, String> env) {
        return new ClientTls(path(env, "CONSUL_CACERT"), path(env, "CONSUL_CAPATH"), path(env, "CONSUL_CLIENT_CERT"),
                path(env, "CONSUL_CLIENT_KEY"), text(env, "CONSUL_TLS_SERVER_NAME"),
                !"false".equalsIgnoreCase(text(env, "CONSUL_HTTP_SSL_VERIFY").orElse("true")));
    }

    /** {@code CONSUL_HTTP_SSL}: whether an address without a scheme means https. */
    public static boolean sslFromEnvironment(Map<String, String> env) {
        return text(env, "CONSUL_HTTP_SSL").map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
    }

    public ClientTls withCaFile(Path file) {
        return new ClientTls(Optional.of(file), caPath, certFile, keyFile, serverName, verify);
    }

    public ClientTls withCaPath(Path dir) {
        return new ClientTls(caFile, Optional.of(dir), certFile, keyFile, serverName, verify);
    }

    /** A client certificate and its key; a null one is refused (they go together). */
    public ClientTls withClientCertificate(Path cert, Path key) {
        return new ClientTls(caFile, caPath, Optional.ofNullable(cert), Optional.ofNullable(key), serverName, verify);
    }

    public ClientTls withServerName(String name) {
        return new ClientTls(caFile, caPath, certFile, keyFile, Optional.of(name), verify);
    }

    public ClientTls withVerify(boolean on) {
        return new ClientTls(caFile, caPath, certFile, keyFile, serverName, on);
    }

    /** The SSL context these settings make; reads the files now and says which one failed. */
    public SSLContext sslContext() {
        KeyManager[] keys = certFile.isPresent() ? TlsFiles.keyPair(certFile.get(), keyFile.get()) : null;
        TrustManager[] trust;
        if (!verify) {
            trust = new TrustManager[] {TlsTrust.anything()};
        } else {
            Optional<X509TrustManager> cas = TlsFiles.authorities(caFile, caPath);
            trust = serverName.isPresent()
                    ? new TrustManager[] {TlsTrust.named(cas.orElseGet(ClientTls::jdkAuthorities), serverName.get())}
                    : cas.map(tm -> new TrustManager[] {tm}).orElse(null);
        }
        return TlsFiles.sslContext(keys, trust);
    }

    /**
     * The SSL context of a client that only speaks plain http://. Without one the JDK's HttpClient makes its default
     * context, which reads the JDK's whole trust store: 0.1 s of an agent's start, and of every CLI command, for
     * nothing.
     */
    public static SSLContext plainHttpOnly() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager jdkAuthorities() {
        try {
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            factory.init((java.security.KeyStore) null);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no default trust manager: " + e.getMessage(), e);
        }
    }

    private static Optional<Path> path(Map<String, String> env, String name) {
        return text(env, name).map(Path::of);
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
