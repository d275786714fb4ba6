package dev.signpost.registrator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Everything {@code signpost registrator [flags] URI} was told, checked. Build with {@link #parse(List)} (the
 * command line, Go {@code flag} style as upstream: {@code -flag value}, {@code -flag=value}, {@code --flag}, bool
 * flags without value, options before the URI) or {@link #defaults(BackendUri)} plus the {@code with*} methods.
 *
 * <p>Flags as upstream: {@code -ip}, {@code -internal}, {@code -explicit}, {@code -useIpFromLabel}, {@code -tags}
 * (comma list, {@code \,} escapes a comma), {@code -ttl} and {@code -ttl-refresh} (seconds; together, ttl greater),
 * {@code -resync} (seconds, 0 never), {@code -deregister always|on-success}, {@code -retry-attempts} (-1 forever),
 * {@code -retry-interval} (ms, &gt; 0), {@code -cleanup}. Signpost adds {@code -hostname NAME} (the first part of
 * service IDs; default this machine's host name). {@code DOCKER_HOST} (default {@code unix:///var/run/docker.sock},
 * or upstream's {@code unix:///tmp/docker.sock} when only that exists) and {@code CONSUL_HTTP_TOKEN} come from the
 * environment. {@code --version} is not a config: test it first with
 * {@link #isVersionRequest(List)}.
 *
 * @param registry the registry URI
 * @param hostIp {@code -ip}; empty for none
 * @param internal {@code -internal}
 * @param explicit {@code -explicit}
 * @param useIpFromLabel {@code -useIpFromLabel}; empty for none
 * @param tags {@code -tags} as given; empty for none
 * @param ttl {@code -ttl} seconds
 * @param ttlRefresh {@code -ttl-refresh}; zero for none
 * @param resync {@code -resync}; zero for never
 * @param deregister {@code -deregister}
 * @param retryAttempts {@code -retry-attempts}; -1 forever
 * @param retryInterval {@code -retry-interval}
 * @param cleanup {@code -cleanup}
 * @param hostname first part of service IDs
 * @param dockerHost where the Docker Engine API listens
 * @param consulToken ACL token for the consul backends ({@code -token}, else {@code CONSUL_HTTP_TOKEN}); empty for
 *                    none
 * @param registryCheck how often the registry is compared with what we registered (lost state is re-populated)
 * @param onlyLabel {@code -only-label KEY=VALUE} (Signpost's addition): only containers with this label are
 *        registered, so several registrators can share one Docker Engine, each for its own "host"; "" for all
 */
public record RegistratorConfig(BackendUri registry, String hostIp, boolean internal, boolean explicit,
                                String useIpFromLabel, String tags, int ttl, Duration ttlRefresh, Duration resync,
                                DeregisterMode deregister, int retryAttempts, Duration retryInterval, boolean cleanup,
                                String hostname, String dockerHost, String consulToken, Duration registryCheck,
                                String onlyLabel) {

    /** Docker's default socket. */
    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

    private static final Set<String> BOOLEANS = Set.of("internal", "explicit", "cleanup");
    private static final Set<String> VALUED = Set.of("ip", "useIpFromLabel", "tags", "ttl", "ttl-refresh", "resync",
            "deregister", "retry-attempts", "retry-interval", "hostname", "only-label", "token");

    public RegistratorConfig {
        requireNonNull(registry, "registry");
        requireNonNull(onlyLabel, "onlyLabel");
        if (!onlyLabel.isEmpty() && onlyLabel.indexOf('=') <= 0) {
            throw new RegistratorConfigException("-only-label must be KEY=VALUE, not \"" + onlyLabel + "\"");
        }
        requireNonNull(hostIp, "hostIp");
        requireNonNull(useIpFromLabel, "useIpFromLabel");
        requireNonNull(tags, "tags");
        requireNonNull(ttlRefresh, "ttlRefresh");
        requireNonNull(resync, "resync");
        requireNonNull(deregister, "deregister");
        requireNonNull(retryInterval, "retryInterval");
        requireNonNull(hostname, "hostname");
        requireNonNull(dockerHost, "dockerHost");
        requireNonNull(consulToken, "consulToken");
        requireNonNull(registryCheck, "registryCheck");
        if ((ttl == 0) != ttlRefresh.isZero()) {
            throw new RegistratorConfigException("-ttl and -ttl-refresh must be specified together or not at all");
        }
        if (ttl < 0 || ttlRefresh.isNegative() || resync.isNegative()) {
            throw new RegistratorConfigException("-ttl, -ttl-refresh and -resync must not be negative");
        }
        if (ttl > 0 && ttl <= ttlRefresh.toSeconds()) {
            throw new RegistratorConfigException("-ttl must be greater than -ttl-refresh");
        }
        if (!retryInterval.isPositive()) {
            throw new RegistratorConfigException("-retry-interval must be greater than 0");
        }
        if (retryAttempts < -1) {
            throw new RegistratorConfigException("-retry-attempts must be -1 (forever) or more, not " + retryAttempts);
        }
        if (hostname.isEmpty() || hostname.contains(":")) {
            throw new RegistratorConfigException("-hostname must be non-empty and without ':', not \"" + hostname
                    + "\"");
        }
    }

    /** Upstream's defaults for {@code registry}, with this machine's host name and environment. */
    public static RegistratorConfig defaults(BackendUri registry) {
        return new RegistratorConfig(registry, "", false, false, "", "", 0, Duration.ZERO, Duration.ZERO,
                DeregisterMode.ALWAYS, 0, Duration.ofMillis(2000), false, Hostnames.local(),
                env(System.getenv(), "DOCKER_HOST", defaultDockerHost()),
                env(System.getenv(), "CONSUL_HTTP_TOKEN", ""), Duration.ofSeconds(10), "");
    }

    /**
     * {@code /var/run/docker.sock}, unless only upstream's {@code /tmp/docker.sock} exists (the seed runs the
     * registrator container with {@code -v /var/run/docker.sock:/tmp/docker.sock}).
     */
    static String defaultDockerHost() {
        if (!Files.exists(Path.of("/var/run/docker.sock")) && Files.exists(Path.of("/tmp/docker.sock"))) {
            return "unix:///tmp/docker.sock";
        }
        return DEFAULT_DOCKER_HOST;
    }

    /** True when the arguments ask only for the version ({@code --version} or {@code -version}). */
    public static boolean isVersionRequest(List<String> args) {
        return args.size() == 1 && (args.get(0).equals("--version") || args.get(0).equals("-version"));
    }

    /** Parses a command line (without the word "registrator"); throws {@link RegistratorConfigException}. */
    public static RegistratorConfig parse(List<String> args) {
        Map<String, String> flags = new java.util.LinkedHashMap<>();
        int i = 0;
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            String name = arg.substring(arg.startsWith("--") ? 2 : 1);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (BOOLEANS.contains(name)) {
                flags.put(name, value == null ? "true" : value);
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new RegistratorConfigException("flag needs an argument: -" + name);
                    }
                    value = args.get(++i);
                }
                flags.put(name, value);
            } else {
                throw new RegistratorConfigException("flag provided but not defined: -" + name);
            }
        }
        List<String> rest = new ArrayList<>(args.subList(i, args.size()));
        if (rest.isEmpty()) {
            throw new RegistratorConfigException("missing registry URI (e.g. consul://127.0.0.1:8500)");
        }
        if (rest.size() > 1) {
            throw new RegistratorConfigException("extra arguments after the registry URI: "
                    + String.join(" ", rest.subList(1, rest.size()))
                    + " (options must come before the registry URI)");
        }
        RegistratorConfig d = defaults(BackendUri.parse(rest.get(0)));
        return new RegistratorConfig(d.registry(), flags.getOrDefault("ip", ""), bool(flags, "internal"),
                bool(flags, "explicit"), flags.getOrDefault("useIpFromLabel", ""), flags.getOrDefault("tags", ""),
                integer(flags, "ttl", 0), Duration.ofSeconds(integer(flags, "ttl-refresh", 0)),
                Duration.ofSeconds(integer(flags, "resync", 0)),
                DeregisterMode.parse(flags.getOrDefault("deregister", "always")),
                integer(flags, "retry-attempts", 0), Duration.ofMillis(integer(flags, "retry-interval", 2000)),
                bool(flags, "cleanup"), flags.getOrDefault("hostname", d.hostname()), d.dockerHost(),
                flags.getOrDefault("token", d.consulToken()), d.registryCheck(), flags.getOrDefault("only-label", ""));
    }

    /** True when the container is one this registrator looks after ({@code -only-label}). */
    boolean accepts(Map<String, String> labels) {
        if (onlyLabel.isEmpty()) {
            return true;
        }
        int eq = onlyLabel.indexOf('=');
        return onlyLabel.substring(eq + 1).equals(labels.get(onlyLabel.substring(0, eq)));
    }

    public RegistratorConfig withHostname(String name) {
        return new RegistratorConfig(registry, hostIp, internal, explicit, useIpFromLabel, tags, ttl, ttlRefresh,
                resync, deregister, retryAttempts, retryInterval, cleanup, name, dockerHost, consulToken,
                registryCheck, onlyLabel);
    }

    public RegistratorConfig withDockerHost(String host) {
        return new RegistratorConfig(registry, hostIp, internal, explicit, useIpFromLabel, tags, ttl, ttlRefresh,
                resync, deregister, retryAttempts, retryInterval, cleanup, hostname, host, consulToken,
                registryCheck, onlyLabel);
    }

    public RegistratorConfig withRegistryCheck(Duration every) {
        return new RegistratorConfig(registry, hostIp, internal, explicit, useIpFromLabel, tags, ttl, ttlRefresh,
                resync, deregister, retryAttempts, retryInterval, cleanup, hostname, dockerHost, consulToken, every, onlyLabel);
    }

    private static boolean bool(Map<String, String> flags, String name) {
        String v = flags.getOrDefault(name, "false");
        return switch (v) {
            case "true", "1", "t", "T", "TRUE", "True" -> true;
            case "false", "0", "f", "F", "FALSE", "False" -> false;
            default -> throw new RegistratorConfigException("invalid boolean value \"" + v + "\" for -" + name);
        };
    }

    private static int integer(Map<String, String> flags, String name, int fallback) {
        String v = flags.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new RegistratorConfigException("invalid value \"" + v + "\" for -" + name + ": not a whole number");
        }
    }

    private static String env(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }
}
