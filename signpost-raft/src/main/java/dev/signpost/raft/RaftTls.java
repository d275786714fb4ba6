package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * TLS for the server RPC port, handed to Ratis' gRPC transport as it is ({@code GrpcTlsConfig}): this server's
 * certificate and the trust rule for its peers'.
 *
 * @param keyManager presents this server's certificate, to peers that dial it and, when {@code mutual}, to those it
 *        dials
 * @param trustManager decides which peer certificates are good
 * @param mutual whether a peer must present a certificate the trust manager accepts (Consul's
 *        {@code verify_incoming}); every server of a group must agree on it
 */
public record RaftTls(KeyManager keyManager, TrustManager trustManager, boolean mutual) {
    public RaftTls {
        requireNonNull(keyManager, "keyManager");
        requireNonNull(trustManager, "trustManager");
    }
}
