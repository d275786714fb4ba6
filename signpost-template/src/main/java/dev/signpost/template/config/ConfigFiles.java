package dev.signpost.template.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.client.GoDuration;
import dev.signpost.template.config.ConfigValue.Entry;
import dev.signpost.template.config.ConfigValue.ListValue;
import dev.signpost.template.config.ConfigValue.ObjectValue;
import dev.signpost.template.config.ConfigValue.Scalar;

/**
 * Reads consul-template's configuration files (HCL, or JSON when the name ends in .json or the text starts with
 * '{') into {@link Settings}. A directory's files are read in lexical order. Unknown keys and values of the wrong
 * type are errors that name file, line and column. Stateless.
 */
final class ConfigFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFiles.class);

    private ConfigFiles() {
    }

    static void load(String path, Settings s) {
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(p)) {
                files = list.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new ConfigException(path + ": cannot list directory: " + e.getMessage());
            }
            files.forEach(f -> loadFile(f, s));
        } else {
            loadFile(p, s);
        }
    }

    private static void loadFile(Path file, Settings s) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + (e instanceof java.nio.file.NoSuchFileException
                    ? "no such file" : e.getMessage()));
        }
        String name = file.toString();
        ObjectValue root = name.endsWith(".json") || text.stripLeading().startsWith("{")
                ? JsonConfig.parse(name, text) : Hcl.parse(name, text);
        apply(root, s);
    }

    /** Applies a parsed file's top level. */
    static void apply(ObjectValue root, Settings s) {
        for (Entry e : root.entries()) {
            switch (e.key()) {
                case "consul" -> {
                    if (e.value() instanceof Scalar) {
                        s.addresses = new ArrayList<>(List.of(str(e)));
                    } else {
                        consul(object(e), s);
                    }
                }
                case "token" -> s.token = str(e);
                case "retry" -> s.retryBackoff = duration(e);
                case "max_stale" -> s.maxStale = duration(e);
                case "block_query_wait" -> s.blockQueryWait = duration(e);
                case "wait" -> s.wait = wait(e);
                case "log_level" -> s.logLevel = convert(e, () -> Settings.logLevel(str(e)));
                case "pid_file" -> s.pidFile = str(e);
                case "reload_signal" -> s.reloadSignal = convert(e, () -> Settings.signal(str(e)));
                case "kill_signal" -> s.killSignal = convert(e, () -> Settings.signal(str(e)));
                case "once" -> s.once = bool(e);
                case "template" -> s.templates.add(template(object(e)));
                case "exec" -> exec(object(e), s);
                case "default_delimiters" -> {
                    for (Entry d : object(e).entries()) {
                        switch (d.key()) {
                            case "left" -> s.defaultLeft = str(d);
                            case "right" -> s.defaultRight = str(d);
                            default -> throw unknown(d, "default_delimiters");
                        }
                    }
                }
                case "template_error_fatal", "err_on_failed_lookup" -> bool(e);
                case "ssl" -> ssl(object(e), s); // consul-template 0.14's top-level block
                case "deduplicate", "vault", "syslog", "auth", "log_file", "nomad" ->
                        LOG.warn("{}: \"{}\" is not supported by signpost template and is ignored", e.position(),
                                e.key());
                default -> throw unknown(e, "the configuration");
            }
        }
    }

    private static void consul(ObjectValue o, Settings s) {
        for (Entry e : o.entries()) {
            switch (e.key()) {
                case "address" -> {
                    if (e.value() instanceof ListValue l) {
                        s.addresses = new ArrayList<>();
                        for (ConfigValue v : l.items()) {
                            s.addresses.add(str(new Entry("address", v, v.position())));
                        }
                    } else {
                        s.addresses = new ArrayList<>(List.of(str(e)));
                    }
                }
                case "token" -> s.token = str(e);
                case "retry" -> {
                    for (Entry r : object(e).entries()) {
                        switch (r.key()) {
                            case "enabled" -> s.retryEnabled = bool(r);
                            case "attempts" -> s.retryAttempts = (int) nonNegative(r);
                            case "backoff" -> s.retryBackoff = duration(r);
                            case "max_backoff" -> s.retryMaxBackoff = duration(r);
                            default -> throw unknown(r, "consul.retry");
                        }
                    }
                }
                case "ssl" -> ssl(object(e), s);
                case "auth", "transport", "namespace" ->
                        LOG.warn("{}: consul.{} is not supported by signpost template and is ignored", e.position(),
                                e.key());
                default -> throw unknown(e, "consul");
            }
        }
    }

    private static void ssl(ObjectValue o, Settings s) {
        for (Entry e : o.entries()) {
            switch (e.key()) {
                case "enabled" -> s.sslEnabled = bool(e);
                case "verify" -> s.sslVerify = bool(e);
                case "ca_cert" -> s.sslCaCert = str(e);
                case "ca_path" -> s.sslCaPath = str(e);
                case "cert" -> s.sslCert = str(e);
                case "key" -> s.sslKey = str(e);
                case "server_name" -> s.sslServerName = str(e);
                default -> throw unknown(e, "consul.ssl");
            }
        }
    }

    private static void exec(ObjectValue o, Settings s) {
        for (Entry e : o.entries()) {
            switch (e.key()) {
                case "command" -> s.execCommand = command(e);
                case "reload_signal" -> s.execReloadSignal = convert(e, () -> Settings.signal(str(e)));
                case "kill_signal" -> s.execKillSignal = convert(e, () -> Settings.signal(str(e)));
                case "kill_timeout" -> s.execKillTimeout = duration(e);
                case "splay", "timeout", "env" -> LOG.warn("{}: exec.{} is not supported and is ignored",
                        e.position(), e.key());
                default -> throw unknown(e, "exec");
            }
        }
    }

    static TemplateConfig template(ObjectValue o) {
        String source = "";
        Optional<String> contents = Optional.empty();
        String destination = "";
        String command = "";
        Duration timeout = TemplateConfig.DEFAULT_COMMAND_TIMEOUT;
        Optional<Integer> perms = Optional.empty();
        boolean backup = false;
        Optional<WaitConfig> wait = Optional.empty();
        String left = "";
        String right = "";
        boolean missingKey = false;
        boolean createDirs = true;
        String check = "";
        List<String> denylist = List.of();
        for (Entry e : o.entries()) {
            switch (e.key()) {
                case "source" -> source = str(e);
                case "contents" -> contents = Optional.of(str(e));
                case "destination" -> destination = str(e);
                case "command" -> command = command(e);
                case "command_timeout" -> timeout = duration(e);
                case "perms" -> perms = Optional.of(perms(e));
                case "backup" -> backup = bool(e);
                case "wait" -> wait = Optional.of(wait(e));
                case "left_delimiter" -> left = str(e);
                case "right_delimiter" -> right = str(e);
                case "error_on_missing_key" -> missingKey = bool(e);
                case "create_dest_dirs" -> createDirs = bool(e);
                case "check_command" -> check = command(e);
                case "function_denylist", "function_blacklist" -> denylist = strings(e);
                case "exec" -> {
                    for (Entry x : object(e).entries()) {
                        switch (x.key()) {
                            case "command" -> command = command(x);
                            case "timeout" -> timeout = duration(x);
                            default -> throw unknown(x, "template.exec");
                        }
                    }
                }
                case "error_fatal" -> bool(e);
                case "user", "group", "uid", "gid", "sandbox_path" ->
                        LOG.warn("{}: template.{} is not supported by signpost template and is ignored",
                                e.position(), e.key());
                default -> throw unknown(e, "template");
            }
        }
        if (source.isEmpty() && contents.isEmpty()) {
            throw new ConfigException(o.position() + ": template: must specify exactly one of 'source' or 'contents'");
        }
        if (!source.isEmpty() && contents.isPresent()) {
            throw new ConfigException(o.position() + ": template: cannot specify both 'source' and 'contents'");
        }
        if (destination.isEmpty()) {
            throw new ConfigException(o.position() + ": template: missing destination");
        }
        return new TemplateConfig(source, contents, destination, command, timeout, perms, backup, wait, left, right,
                missingKey, createDirs, check, denylist);
    }

    private static ConfigException unknown(Entry e, String where) {
        return new ConfigException(e.position() + ": unknown key \"" + e.key() + "\" in " + where);
    }

    private static ConfigException wrongType(Entry e, String want) {
        return new ConfigException(e.value().position() + ": \"" + e.key() + "\" must be " + want + ", not a "
                + e.value().kind());
    }

    private static <T> T convert(Entry e, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(e.value().position() + ": " + e.key() + ": " + ex.getMessage());
        }
    }

    static ObjectValue object(Entry e) {
        if (e.value() instanceof ObjectValue o) {
            return o;
        }
        throw wrongType(e, "a block");
    }

    static String str(Entry e) {
        if (e.value() instanceof Scalar(String v, var unused)) {
            return v;
        }
        throw wrongType(e, "a string");
    }

    static boolean bool(Entry e) {
        if (e.value() instanceof Scalar(Boolean v, var unused)) {
            return v;
        }
        if (e.value() instanceof Scalar(String v, var unused) && v.matches("(?i)true|false")) {
            return Boolean.parseBoolean(v);
        }
        throw wrongType(e, "true or false");
    }

    private static long nonNegative(Entry e) {
        if (e.value() instanceof Scalar(Long v, var unused) && v >= 0) {
            return v;
        }
        throw wrongType(e, "a whole number of at least 0");
    }

    static Duration duration(Entry e) {
        String s = str(e);
        return convert(e, () -> {
            Duration d = GoDuration.parse(s);
            if (d.isNegative()) {
                throw new IllegalArgumentException("cannot be negative: \"" + s + "\"");
            }
            return d;
        });
    }

    private static WaitConfig wait(Entry e) {
        if (e.value() instanceof Scalar) {
            String s = str(e);
            return convert(e, () -> WaitConfig.parse(s));
        }
        Duration min = null;
        Duration max = null;
        for (Entry w : object(e).entries()) {
            switch (w.key()) {
                case "min" -> min = duration(w);
                case "max" -> max = duration(w);
                case "enabled" -> bool(w);
                default -> throw unknown(w, "wait");
            }
        }
        Duration lo = min == null ? Duration.ZERO : min;
        Duration hi = max == null ? lo.multipliedBy(4) : max;
        return convert(e, () -> new WaitConfig(lo, hi));
    }

    private static int perms(Entry e) {
        if (e.value() instanceof Scalar(Long v, var unused) && v >= 0 && v <= 07777) {
            return v.intValue();
        }
        if (e.value() instanceof Scalar(String v, var unused) && v.matches("0?[0-7]{3,4}")) {
            return Integer.parseInt(v, 8);
        }
        throw wrongType(e, "a file mode such as 0644");
    }

    /** A command as a string, or a list of words joined for {@code sh -c} with each word quoted. */
    private static String command(Entry e) {
        if (e.value() instanceof ListValue) {
            List<String> words = strings(e);
            List<String> quoted = new ArrayList<>();
            for (String w : words) {
                quoted.add(w.matches("[A-Za-z0-9_@%+=:,./-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
            }
            return String.join(" ", quoted);
        }
        return str(e);
    }

    private static List<String> strings(Entry e) {
        if (e.value() instanceof ListValue l) {
            List<String> out = new ArrayList<>();
            for (ConfigValue v : l.items()) {
                out.add(str(new Entry(e.key(), v, v.position())));
            }
            return out;
        }
        return List.of(str(e));
    }
}
