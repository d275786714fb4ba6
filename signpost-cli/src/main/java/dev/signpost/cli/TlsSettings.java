package dev.signpost.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.signpost.agent.AgentTls;

/**
 * Consul's {@code tls} block with its precedence: a key of {@code tls.https} or {@code tls.internal_rpc} beats the
 * same key of {@code tls.defaults}, which beats the legacy top-level key ({@code ca_file}, {@code verify_incoming},
 * ...). {@code verify_incoming_https} and {@code verify_incoming_rpc} stand in for their protocol's
 * {@code verify_incoming}; {@code verify_server_hostname} (which implies {@code verify_outgoing}) belongs to
 * internal RPC. Pure: reads merged config, checks no file.
 */
final class TlsSettings {
    private static final List<String> VERSIONS = List.of("TLSv1_0", "TLSv1_1", "TLSv1_2", "TLSv1_3", "tls10", "tls11",
            "tls12", "tls13");

    private TlsSettings() {
    }

    static AgentTls of(ConfigFiles files) {
        return new AgentTls(side(files, "https", "verify_incoming_https", false),
                side(files, "internal_rpc", "verify_incoming_rpc", true));
    }

    /** Consul's rule for {@code ports.https}: absent, 0 or negative means no HTTPS listener. */
    static int httpsPort(Integer flag, ConfigFiles files) {
        int port = flag != null ? flag : files.integer("ports.https").orElse(-1);
        if (port > 65535) {
            throw new Main.UsageException("ports.https: invalid port: " + port);
        }
        return port <= 0 ? -1 : port;
    }

    private static AgentTls.Side side(ConfigFiles files, String protocol, String legacyVerifyIncoming,
                                      boolean internalRpc) {
        String block = "tls." + protocol + ".";
        boolean verifyServerHostname = internalRpc
                && bool(files, block + "verify_server_hostname", "verify_server_hostname");
        String minVersion = files.firstText(block + "tls_min_version", "tls.defaults.tls_min_version",
                "tls_min_version").orElse("TLSv1_2");
        if (!VERSIONS.contains(minVersion)) {
            throw new Main.UsageException(block + "tls_min_version: invalid TLS version: " + minVersion);
        }
        List<String> ciphers = files.firstText(block + "tls_cipher_suites", "tls.defaults.tls_cipher_suites",
                "tls_cipher_suites").map(TlsSettings::cipherSuites).orElse(List.of());
        return new AgentTls.Side(path(files, block + "ca_file", "ca_file"), path(files, block + "ca_path", "ca_path"),
                path(files, block + "cert_file", "cert_file"), path(files, block + "key_file", "key_file"),
                files.firstBool(block + "verify_incoming", legacyVerifyIncoming, "tls.defaults.verify_incoming",
                        "verify_incoming").orElse(false),
                bool(files, block + "verify_outgoing", "verify_outgoing") || verifyServerHostname,
                verifyServerHostname, minVersion, ciphers);
    }

    /** Consul's list of Go cipher suite names, comma separated, as JSSE names (which are the IANA names). */
    private static List<String> cipherSuites(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("_CHACHA20_POLY1305") ? s + "_SHA256" : s).toList();
    }

    private static Optional<Path> path(ConfigFiles files, String key, String legacy) {
        return files.firstText(key, "tls.defaults." + key.substring(key.lastIndexOf('.') + 1), legacy)
                .filter(s -> !s.isBlank()).map(Path::of);
    }

    private static boolean bool(ConfigFiles files, String key, String legacy) {
        return files.firstBool(key, "tls.defaults." + key.substring(key.lastIndexOf('.') + 1), legacy).orElse(false);
    }
}
