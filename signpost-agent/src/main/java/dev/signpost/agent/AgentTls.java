package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Consul's {@code tls} block after its precedence is applied ({@code tls.https} or {@code tls.internal_rpc}, else
 * {@code tls.defaults}, else the legacy top-level keys): what the HTTPS listener and the server-to-server traffic
 * (Raft and the LAN port) each use. Paths only; {@link TlsSetup} reads the files.
 */
public record AgentTls(Side https, Side internalRpc) {
    public AgentTls {
        requireNonNull(https, "https");
        requireNonNull(internalRpc, "internalRpc");
    }

    /** No TLS anywhere: Consul's default. */
    public static AgentTls none() {
        return new AgentTls(Side.none(), Side.none());
    }

    /**
     * The settings of one protocol.
     *
     * @param minVersion Consul's name of the lowest TLS version allowed ({@code TLSv1_2}, the default)
     * @param cipherSuites Consul's (Go's) cipher suite names; empty: the JDK's defaults
     * @param verifyServerHostname internal RPC only: a server's certificate must name {@code server.<dc>.<domain>}
     */
    public record Side(Optional<Path> caFile, Optional<Path> caPath, Optional<Path> certFile, Optional<Path> keyFile,
                       boolean verifyIncoming, boolean verifyOutgoing, boolean verifyServerHostname,
                       String minVersion, List<String> cipherSuites) {
        public Side {
            requireNonNull(caFile, "caFile");
            requireNonNull(caPath, "caPath");
            requireNonNull(certFile, "certFile");
            requireNonNull(keyFile, "keyFile");
            requireNonNull(minVersion, "minVersion");
            cipherSuites = List.copyOf(cipherSuites);
        }

        static Side none() {
            return new Side(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, false,
                    false, "TLSv1_2", List.of());
        }

        /** Whether this side has a certificate and key to serve with. */
        boolean hasCertificate() {
            return certFile.isPresent() && keyFile.isPresent();
        }
    }
}
