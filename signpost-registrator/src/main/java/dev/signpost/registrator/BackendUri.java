package dev.signpost.registrator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The registry URI: {@code consul://HOST:PORT} (default 127.0.0.1:8500), {@code consul-tls://HOST:PORT} (https,
 * port 443 unless given, as upstream's Go client dials it), {@code consul-unix:///PATH.sock},
 * {@code consulkv://HOST:PORT/PREFIX}, {@code consulkv-unix:///PATH.sock:/PREFIX}. Immutable.
 *
 * @param scheme one of the five schemes above
 * @param address what signpost-client dials: {@code host:port}, {@code https://host:port} or {@code unix:///path}
 * @param prefix the KV prefix without leading {@code /} (consulkv only; else empty)
 * @param text the URI as given, for log lines
 */
public record BackendUri(String scheme, String address, String prefix, String text) {

    private static final Set<String> SCHEMES = Set.of("consul", "consul-tls", "consul-unix", "consulkv",
            "consulkv-unix");

    public BackendUri {
        requireNonNull(scheme, "scheme");
        requireNonNull(address, "address");
        requireNonNull(prefix, "prefix");
        requireNonNull(text, "text");
    }

    /** Parses a registry URI; throws {@link RegistratorConfigException} with a one-line reason. */
    public static BackendUri parse(String text) {
        URI uri;
        try {
            uri = new URI(text.endsWith("://") ? text + "/" : text);
        } catch (URISyntaxException e) {
            throw new RegistratorConfigException("bad registry URI \"" + text + "\": " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!SCHEMES.contains(scheme)) {
            throw new RegistratorConfigException("unrecognized adapter: " + text);
        }
        if (scheme.endsWith("-unix")) {
            String path = uri.getPath() == null ? "" : uri.getPath();
            String prefix = "";
            if (scheme.equals("consulkv-unix")) {
                int sep = path.indexOf(":/");
                if (sep >= 0) {
                    prefix = path.substring(sep + 2);
                    path = path.substring(0, sep);
                }
            }
            if (!path.startsWith("/") || path.length() < 2) {
                throw new RegistratorConfigException("missing socket path in registry URI \"" + text + "\"");
            }
            return new BackendUri(scheme, "unix://" + path, strip(prefix), text);
        }
        String host = uri.getHost();
        if (uri.getRawAuthority() != null && host == null) {
            throw new RegistratorConfigException("bad host in registry URI \"" + text + "\"");
        }
        boolean tls = scheme.equals("consul-tls");
        String address = (tls ? "https://" : "") + (host == null ? "127.0.0.1" : host) + ":"
                + (uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 8500);
        String prefix = strip(uri.getPath() == null ? "" : uri.getPath());
        if ((scheme.equals("consul") || tls) && !prefix.isEmpty()) {
            throw new RegistratorConfigException(scheme + ":// takes no path (did you mean consulkv://?): " + text);
        }
        return new BackendUri(scheme, address, prefix, text);
    }

    /** True for {@code consul-tls://}: https with upstream's CONSUL_CACERT, CONSUL_CLIENT_CERT, CONSUL_CLIENT_KEY. */
    boolean isTls() {
        return scheme.equals("consul-tls");
    }

    /** True for the KV backends. */
    boolean isKv() {
        return scheme.startsWith("consulkv");
    }

    private static String strip(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
