package dev.signpost.client;

import java.net.URI;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Where a Consul HTTP API listens: {@code http://host:port}, {@code https://host:port} or a unix socket.
 *
 * <p>Accepted spellings (as the Go client and consul-template accept them): {@code host}, {@code host:port},
 * {@code [::1]:port}, {@code http://host:port}, {@code https://host:port}, {@code unix:///path/to.sock}. A missing
 * port means 8500 (443 for https). Immutable; bad input is quoted in an {@link IllegalArgumentException}.
 *
 * @param scheme {@code http}, {@code https} or {@code unix}
 * @param host host name or IP literal (without brackets); empty for unix
 * @param port TCP port; 0 for unix
 * @param socketPath the socket file for unix; empty otherwise
 */
public record ConsulAddress(String scheme, String host, int port, String socketPath) {

    /** Consul's default HTTP port. */
    public static final int DEFAULT_PORT = 8500;

    public ConsulAddress {
        requireNonNull(scheme, "scheme");
        requireNonNull(host, "host");
        requireNonNull(socketPath, "socketPath");
        switch (scheme) {
            case "http", "https" -> {
                if (host.isEmpty()) {
                    throw new IllegalArgumentException("missing host in Consul address");
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("bad port " + port + " in Consul address");
                }
            }
            case "unix" -> {
                if (socketPath.isEmpty()) {
                    throw new IllegalArgumentException("missing socket path in Consul address");
                }
            }
            default -> throw new IllegalArgumentException("unsupported scheme \"" + scheme + "\" in Consul address");
        }
    }

    /** Parses one of the spellings in the class comment. */
    public static ConsulAddress parse(String text) {
        requireNonNull(text, "text");
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty Consul address");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("unix://")) {
            String path = s.substring("unix://".length());
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("unix socket path must be absolute: \"" + text + "\"");
            }
            return new ConsulAddress("unix", "", 0, path);
        }
        String scheme = "http";
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            scheme = lower.substring(0, lower.indexOf(':'));
            s = s.substring(scheme.length() + 3);
        } else if (lower.contains("://")) {
            throw new IllegalArgumentException("unsupported scheme in Consul address \"" + text + "\"");
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        try {
            URI uri = new URI("x://" + s);
            String host = uri.getHost();
            if (host == null || uri.getUserInfo() != null) {
                throw new IllegalArgumentException("bad Consul address \"" + text + "\"");
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : DEFAULT_PORT;
            return new ConsulAddress(scheme, host, port, "");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("bad Consul address \"" + text + "\"", e);
        }
    }

    /**
     * {@code CONSUL_HTTP_ADDR} when set and non-empty, else {@code 127.0.0.1:8500}; with {@code CONSUL_HTTP_SSL=true}
     * an address without a scheme is https, as the Go API client reads them.
     */
    public static ConsulAddress fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** {@link #fromEnvironment()} over the given variables. */
    public static ConsulAddress fromEnvironment(java.util.Map<String, String> env) {
        String text = env.get("CONSUL_HTTP_ADDR");
        return parse(text == null || text.isBlank() ? "127.0.0.1:" + DEFAULT_PORT : text,
                ClientTls.sslFromEnvironment(env));
    }

    /** Parses {@code text}; without a scheme it is https when {@code https} is true (CONSUL_HTTP_SSL, -ssl). */
    public static ConsulAddress parse(String text, boolean https) {
        String s = requireNonNull(text, "text").strip();
        return parse(https && !s.contains("://") ? "https://" + s : s);
    }

    /** True for a unix socket address. */
    public boolean isUnix() {
        return scheme.equals("unix");
    }

    /** The base URI for http and https, e.g. {@code http://127.0.0.1:8500}. */
    URI baseUri() {
        if (isUnix()) {
            throw new IllegalStateException("a unix socket address has no base URI");
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + h + ":" + port);
    }

    /** {@code host:port} (as log lines and errors show it), or {@code unix:///path}. */
    @Override
    public String toString() {
        if (isUnix()) {
            return "unix://" + socketPath;
        }
        String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return scheme.equals("https") ? "https://" + hostPort : hostPort;
    }
}
