package dev.signpost.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Option;

import dev.signpost.client.ClientTls;
import dev.signpost.client.ConsulAddress;
import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.ConsulUnreachableException;
import dev.signpost.client.RawApi;
import dev.signpost.client.RetryPolicy;

/**
 * A command that talks to an agent's HTTP API as {@code consul}'s do: {@code -http-addr} (else
 * {@code CONSUL_HTTP_ADDR}, else 127.0.0.1:8500), {@code -token} (else {@code CONSUL_HTTP_TOKEN}), Consul's TLS flags
 * ({@code -ca-file}, {@code -client-cert}, ... else {@code CONSUL_CACERT}, ... and {@code CONSUL_HTTP_SSL}), no retries,
 * and errors in the Go API client's words ("Unexpected response code: 500 (No cluster leader)", or the dial
 * error when nobody listens) after the command's own prefix, exit 1. Bad flags exit 1 too (see {@link Main}).
 */
abstract class ApiCommand extends SignpostCommand {
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "-http-addr", paramLabel = "ADDR",
            description = "The agent's HTTP API (CONSUL_HTTP_ADDR, else 127.0.0.1:8500).")
    String httpAddr;
    @Option(names = "-token", paramLabel = "TOKEN", description = "ACL token (CONSUL_HTTP_TOKEN).")
    String token;
    @Option(names = "-ca-file", paramLabel = "FILE", description = "CA file to verify the agent's HTTPS certificate (CONSUL_CACERT).")
    Path caFile;
    @Option(names = "-ca-path", paramLabel = "DIR", description = "Directory of CA files (CONSUL_CAPATH).")
    Path caPath;
    @Option(names = "-client-cert", paramLabel = "FILE", description = "Client certificate for verify_incoming (CONSUL_CLIENT_CERT).")
    Path clientCert;
    @Option(names = "-client-key", paramLabel = "FILE", description = "Client certificate's key (CONSUL_CLIENT_KEY).")
    Path clientKey;
    @Option(names = "-tls-server-name", paramLabel = "NAME", description = "Name the agent's certificate must hold (CONSUL_TLS_SERVER_NAME).")
    String tlsServerName;

    private String lastMethod = "GET";
    private String lastPath = "/";

    /** The command's work; Consul errors thrown here are printed by {@link #call()}. */
    abstract int run(ConsulClient client) throws IOException;

    /** What goes before the error text, e.g. "Error retrieving members: ". */
    abstract String errorPrefix();

    @Override
    public Integer call() throws IOException {
        try (ConsulClient client = client()) {
            return run(client);
        } catch (ConsulException e) {
            err().println(errorPrefix() + goError(e));
            return 1;
        } finally {
            out().flush();
            err().flush();
        }
    }

    private ConsulClient client() {
        Map<String, String> env = System.getenv();
        String address = httpAddr != null ? httpAddr : env.getOrDefault("CONSUL_HTTP_ADDR", "");
        String tok = token != null ? token : ConsulClient.tokenFromEnvironment();
        ConsulClient.Builder builder = ConsulClient.builder().retry(RetryPolicy.NONE).token(tok);
        if (!address.isBlank()) {
            builder.address(ConsulAddress.parse(address.strip(), ClientTls.sslFromEnvironment(env)));
        } else if (ClientTls.sslFromEnvironment(env)) {
            builder.address(ConsulAddress.parse("127.0.0.1:" + ConsulAddress.DEFAULT_PORT, true));
        }
        try {
            return builder.tls(tls(env)).build();
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    /** Consul's TLS flags over its environment variables: a flag wins. */
    private ClientTls tls(Map<String, String> env) {
        ClientTls tls = ClientTls.fromEnvironment(env);
        if (caFile != null) {
            tls = tls.withCaFile(caFile);
        }
        if (caPath != null) {
            tls = tls.withCaPath(caPath);
        }
        if (clientCert != null || clientKey != null) {
            tls = tls.withClientCertificate(clientCert != null ? clientCert : tls.certFile().orElse(null),
                    clientKey != null ? clientKey : tls.keyFile().orElse(null));
        }
        if (tlsServerName != null) {
            tls = tls.withServerName(tlsServerName);
        }
        return tls;
    }

    RawApi.Response call(ConsulClient client, String method, String pathAndQuery, byte[] body) {
        noteCall(method, pathAndQuery);
        return client.raw().call(method, pathAndQuery, body);
    }

    /** Remembers a call this command makes, for the error text of {@link #goError}. */
    void noteCall(String method, String pathAndQuery) {
        lastMethod = method;
        lastPath = pathAndQuery;
    }

    JsonNode get(ConsulClient client, String pathAndQuery) throws IOException {
        return JSON.readTree(requireOk(call(client, "GET", pathAndQuery, new byte[0])).body());
    }

    /**
     * The Go API client's requireOK for an answer the raw client hands back on a 404 (other failures it throws): the
     * 404 is Consul's error, its body the message.
     */
    static RawApi.Response requireOk(RawApi.Response r) {
        if (r.status() == 404) {
            throw new ConsulException("404", 404, new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return r;
    }

    /** The Go API client's error text for a failed call. */
    String goError(ConsulException e) {
        if (e instanceof ConsulUnreachableException) {
            String address = httpAddr != null ? httpAddr : System.getenv().getOrDefault("CONSUL_HTTP_ADDR",
                    "127.0.0.1:" + ConsulAddress.DEFAULT_PORT);
            ConsulAddress parsed = ConsulAddress.parse(address.strip());
            String hostPort = parsed.host() + ":" + parsed.port();
            String method = lastMethod.charAt(0) + lastMethod.substring(1).toLowerCase(Locale.ROOT);
            String why = e.getMessage().endsWith("connection refused") ? "dial tcp " + hostPort
                    + ": connect: connection refused" : e.getMessage();
            return method + " \"" + parsed.scheme() + "://" + hostPort + lastPath + "\": " + why;
        }
        return "Unexpected response code: " + e.statusCode() + " (" + e.body() + ")";
    }

    /** A query value or path segment, percent-encoded (slashes kept: KV keys keep their hierarchy). */
    static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                .replace("%2F", "/").replace("%3A", ":");
    }
}
