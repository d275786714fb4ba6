package dev.signpost.template.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signpost.client.GoDuration;

/**
 * The command line of {@code signpost template}, parsed as Go's {@code flag} package parses consul-template's:
 * {@code -name value}, {@code -name=value}, {@code --name} alike, booleans as {@code -once} or {@code -once=false},
 * parsing stops at {@code --} or the first argument that is not a flag, and positional arguments are an error.
 * Config files ({@code -config}) are read first, in order; every other flag then overrides what they set.
 *
 * <p>Errors: {@link FlagException} for the command line (exit 13), {@link ConfigException} for files (exit 15).
 */
public final class TemplateFlags {

    /** The outcome: what to run, or that only help or the version was asked for. */
    public record Parsed(RunnerConfig config, boolean help, boolean version) {
    }

    private enum Kind { BOOL, VALUE }

    private static final Map<String, Kind> FLAGS = new LinkedHashMap<>();

    static {
        for (String b : List.of("once", "dry", "parse-only", "version", "v", "h", "help", "consul-retry", "ssl",
                "ssl-verify", "consul-ssl", "consul-ssl-verify")) {
            FLAGS.put(b, Kind.BOOL);
        }
        for (String v : List.of("consul", "consul-addr", "consul-token", "token", "consul-retry-attempts",
                "consul-retry-backoff", "consul-retry-max-backoff", "retry", "template", "wait", "config",
                "max-stale", "block-query-wait", "log-level", "pid-file", "reload-signal", "kill-signal", "exec",
                "exec-reload-signal", "exec-kill-signal", "exec-kill-timeout", "check", "default-left-delimiter",
                "default-right-delimiter", "ssl-ca-cert", "ssl-ca-path", "ssl-cert", "ssl-key", "ssl-server-name",
                "consul-ssl-ca-cert", "consul-ssl-ca-path", "consul-ssl-cert", "consul-ssl-key",
                "consul-ssl-server-name")) {
            FLAGS.put(v, Kind.VALUE);
        }
    }

    /** The usage text printed for {@code -h}. */
    public static final String USAGE = """
            Usage: signpost template [options]

              Watches the registry and renders templates, as consul-template does.

            Options:
              -consul, -consul-addr=<address>  Consul/Signpost HTTP address; repeat for failover
                                               (default: CONSUL_HTTP_ADDR, else 127.0.0.1:8500)
              -consul-token, -token=<token>    ACL token (default: CONSUL_TOKEN, CONSUL_HTTP_TOKEN)
              -consul-retry=<bool>             retry failed registry calls (default true)
              -ssl, -consul-ssl                use https (default: CONSUL_HTTP_SSL)
              -ssl-verify=<bool>               verify the agent's certificate (default true)
              -ssl-ca-cert, -ssl-ca-path       CA file or directory (default: CONSUL_CACERT, CONSUL_CAPATH)
              -ssl-cert, -ssl-key              client certificate and key (CONSUL_CLIENT_CERT, CONSUL_CLIENT_KEY)
              -ssl-server-name=<name>          name the certificate must hold (CONSUL_TLS_SERVER_NAME)
                                               (also spelled -consul-ssl-*)
              -consul-retry-attempts=<n>       retries before giving up, 0 = forever (default 12)
              -consul-retry-backoff=<dur>      first backoff, doubling (default 250ms)
              -consul-retry-max-backoff=<dur>  longest backoff (default 1m)
              -template="in:out[:command]"     a template to render; repeatable
              -check="out=command"             validate the staged file before it replaces OUT;
                                               {{staged}} in command is the staged file's path
              -config=<path>                   config file or directory (HCL or JSON); repeatable
              -wait=<min[:max]>                quiescence: wait for min of calm, at most max (4 x min)
              -once                            render once, run commands, exit
              -dry                             print "> out" and the content instead of writing
              -parse-only                      parse the templates and exit
              -exec=<command>                  supervise a child; signal it on change
              -exec-reload-signal, -exec-kill-signal, -exec-kill-timeout
              -max-stale=<dur>                 accept stale reads this old (default 2s)
              -block-query-wait=<dur>          blocking query wait (default 60s)
              -log-level=<level>               trace, debug, info, warn, err (default warn)
              -pid-file=<path>                 write the process ID here
              -reload-signal=<sig>             reload config and templates (default SIGHUP)
              -kill-signal=<sig>               stop and exit 12 (default SIGINT)
              -default-left-delimiter, -default-right-delimiter
              -v, -version                     print the version

            Exit codes: 0 ok, 11 error, 12 interrupted, 13 bad flags, 14 runtime error, 15 bad config.
            """;

    private TemplateFlags() {
    }

    /** Parses the arguments (without the command name) against the given environment. */
    public static Parsed parse(List<String> args, Map<String, String> env) {
        List<String[]> given = scan(args);
        Settings s = new Settings();
        boolean help = false;
        boolean version = false;
        for (String[] f : given) {
            if (f[0].equals("config")) {
                s.configPaths.add(f[1]);
                ConfigFiles.load(f[1], s);
            }
        }
        boolean addressFlag = false;
        for (String[] f : given) {
            String name = f[0];
            String v = f[1];
            try {
                switch (name) {
                    case "config" -> { }
                    case "h", "help" -> help = bool(name, v);
                    case "v", "version" -> version = bool(name, v);
                    case "once" -> s.once = bool(name, v);
                    case "dry" -> s.dry = bool(name, v);
                    case "parse-only" -> s.parseOnly = bool(name, v);
                    case "consul", "consul-addr" -> {
                        if (!addressFlag) {
                            s.addresses = new ArrayList<>();
                            addressFlag = true;
                        }
                        for (String a : v.split(",")) {
                            if (!a.isBlank()) {
                                dev.signpost.client.ConsulAddress.parse(a);
                                s.addresses.add(a.strip());
                            }
                        }
                    }
                    case "consul-token", "token" -> s.token = v;
                    case "consul-retry" -> s.retryEnabled = bool(name, v);
                    case "ssl", "consul-ssl" -> s.sslEnabled = bool(name, v);
                    case "ssl-verify", "consul-ssl-verify" -> s.sslVerify = bool(name, v);
                    case "ssl-ca-cert", "consul-ssl-ca-cert" -> s.sslCaCert = v;
                    case "ssl-ca-path", "consul-ssl-ca-path" -> s.sslCaPath = v;
                    case "ssl-cert", "consul-ssl-cert" -> s.sslCert = v;
                    case "ssl-key", "consul-ssl-key" -> s.sslKey = v;
                    case "ssl-server-name", "consul-ssl-server-name" -> s.sslServerName = v;
                    case "consul-retry-attempts" -> s.retryAttempts = nonNegativeInt(v);
                    case "consul-retry-backoff", "retry" -> s.retryBackoff = duration(v);
                    case "consul-retry-max-backoff" -> s.retryMaxBackoff = duration(v);
                    case "template" -> s.templates.add(TemplateConfig.parseFlag(v));
                    case "check" -> {
                        int eq = v.indexOf('=');
                        if (eq <= 0 || eq == v.length() - 1) {
                            throw new IllegalArgumentException("want OUT=COMMAND");
                        }
                        s.checks.add(new String[] {v.substring(0, eq), v.substring(eq + 1)});
                    }
                    case "wait" -> s.wait = WaitConfig.parse(v);
                    case "max-stale" -> s.maxStale = duration(v);
                    case "block-query-wait" -> s.blockQueryWait = duration(v);
                    case "log-level" -> s.logLevel = Settings.logLevel(v);
                    case "pid-file" -> s.pidFile = v;
                    case "reload-signal" -> s.reloadSignal = Settings.signal(v);
                    case "kill-signal" -> s.killSignal = Settings.signal(v);
                    case "exec" -> s.execCommand = v;
                    case "exec-reload-signal" -> s.execReloadSignal = Settings.signal(v);
                    case "exec-kill-signal" -> s.execKillSignal = Settings.signal(v);
                    case "exec-kill-timeout" -> s.execKillTimeout = duration(v);
                    case "default-left-delimiter" -> s.defaultLeft = v;
                    case "default-right-delimiter" -> s.defaultRight = v;
                    default -> throw new IllegalStateException("flag without a handler: " + name);
                }
            } catch (IllegalArgumentException e) {
                throw new FlagException(e instanceof BadBool ? e.getMessage()
                        : "invalid value \"" + v + "\" for flag -" + name + ": " + e.getMessage());
            }
        }
        if (help || version) {
            return new Parsed(null, help, version);
        }
        try {
            return new Parsed(s.build(env), false, false);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Splits the arguments into (name, value) pairs as Go's flag.Parse does; value is null-free. */
    private static List<String[]> scan(List<String> args) {
        List<String[]> out = new ArrayList<>();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.length() < 2 || a.charAt(0) != '-') {
                break;
            }
            if (a.equals("--")) {
                i++;
                break;
            }
            String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
            if (body.isEmpty() || body.charAt(0) == '-' || body.charAt(0) == '=') {
                throw new FlagException("bad flag syntax: " + a);
            }
            i++;
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            Kind kind = FLAGS.get(name);
            if (kind == null) {
                throw new FlagException("flag provided but not defined: -" + name);
            }
            String value;
            if (eq >= 0) {
                value = body.substring(eq + 1);
            } else if (kind == Kind.BOOL) {
                value = "true";
            } else if (i < args.size()) {
                value = args.get(i++);
            } else {
                throw new FlagException("flag needs an argument: -" + name);
            }
            out.add(new String[] {name, value});
        }
        if (i < args.size()) {
            throw new FlagException("extra args: " + quoteAll(args.subList(i, args.size())));
        }
        return out;
    }

    private static String quoteAll(List<String> rest) {
        List<String> q = new ArrayList<>();
        for (String r : rest) {
            q.add("\"" + r.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return "[" + String.join(" ", q) + "]";
    }

    /** Go's strconv.ParseBool, with flag's message. */
    private static boolean bool(String name, String v) {
        return switch (v) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new BadBool("invalid boolean value \"" + v + "\" for -" + name + ": parse error");
        };
    }

    private static final class BadBool extends IllegalArgumentException {
        BadBool(String message) {
            super(message);
        }
    }

    private static Duration duration(String v) {
        Duration d = GoDuration.parse(v);
        if (d.isNegative()) {
            throw new IllegalArgumentException("cannot be negative");
        }
        return d;
    }

    private static int nonNegativeInt(String v) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0) {
                throw new IllegalArgumentException("cannot be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parse error");
        }
    }
}
