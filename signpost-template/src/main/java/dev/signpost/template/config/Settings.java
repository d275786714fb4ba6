package dev.signpost.template.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.signpost.client.ClientTls;
import dev.signpost.client.ConsulAddress;
import dev.signpost.client.GoDuration;

/**
 * The mutable merge of config files and flags: each source sets what it names, later sources win, templates
 * accumulate. {@link #build} applies defaults and the environment. Confined to the parsing thread.
 */
final class Settings {

    List<String> addresses = new ArrayList<>();
    String token;
    Boolean sslEnabled;
    Boolean sslVerify;
    String sslCaCert;
    String sslCaPath;
    String sslCert;
    String sslKey;
    String sslServerName;
    Boolean retryEnabled;
    Integer retryAttempts;
    Duration retryBackoff;
    Duration retryMaxBackoff;
    Duration maxStale;
    Duration blockQueryWait;
    WaitConfig wait;
    String logLevel;
    String pidFile;
    String reloadSignal;
    String killSignal;
    boolean once;
    boolean dry;
    boolean parseOnly;
    final List<TemplateConfig> templates = new ArrayList<>();
    String execCommand;
    String execReloadSignal;
    String execKillSignal;
    Duration execKillTimeout;
    final List<String[]> checks = new ArrayList<>();
    String defaultLeft;
    String defaultRight;
    final List<String> configPaths = new ArrayList<>();

    RunnerConfig build(Map<String, String> env) {
        List<String> given = new ArrayList<>(addresses);
        if (given.isEmpty()) {
            String fromEnv = env.getOrDefault("CONSUL_HTTP_ADDR", "").strip();
            given.add(fromEnv.isEmpty() ? "127.0.0.1:8500" : fromEnv);
        }
        List<String> addrs = new ArrayList<>();
        boolean ssl = sslEnabled != null ? sslEnabled : ClientTls.sslFromEnvironment(env);
        for (String a : given) {
            try {
                // consul-template's ssl.enabled: an address without a scheme is dialled with https.
                addrs.add(ConsulAddress.parse(a, ssl).toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("consul address: " + e.getMessage());
            }
        }
        ClientTls tls = tls(env);
        String tok = token;
        if (tok == null || tok.isEmpty()) {
            tok = env.getOrDefault("CONSUL_TOKEN", "").strip();
        }
        if (tok.isEmpty()) {
            tok = env.getOrDefault("CONSUL_HTTP_TOKEN", "").strip();
        }
        RetryConfig d = RetryConfig.DEFAULT;
        RetryConfig retry = new RetryConfig(retryEnabled == null || retryEnabled,
                retryAttempts == null ? d.attempts() : retryAttempts,
                retryBackoff == null ? d.backoff() : retryBackoff,
                retryMaxBackoff == null ? d.maxBackoff() : retryMaxBackoff);
        if (retry.maxBackoff().compareTo(retry.backoff()) < 0) {
            throw new ConfigException("consul retry: max_backoff " + GoDuration.format(retry.maxBackoff())
                    + " is below backoff " + GoDuration.format(retry.backoff()));
        }
        List<TemplateConfig> all = new ArrayList<>();
        for (TemplateConfig t : templates) {
            if (t.leftDelimiter().isEmpty() && t.rightDelimiter().isEmpty() && (defaultLeft != null
                    || defaultRight != null)) {
                t = t.withDelimiters(defaultLeft == null ? "" : defaultLeft, defaultRight == null ? "" : defaultRight);
            }
            all.add(t);
        }
        for (String[] check : checks) {
            boolean found = false;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).destination().equals(check[0])) {
                    all.set(i, all.get(i).withCheckCommand(check[1]));
                    found = true;
                }
            }
            if (!found) {
                throw new FlagException("invalid value \"" + check[0] + "=" + check[1]
                        + "\" for flag -check: no template writes \"" + check[0] + "\"");
            }
        }
        for (TemplateConfig t : all) {
            validate(t);
        }
        Optional<ExecConfig> exec = Optional.ofNullable(execCommand).filter(c -> !c.isBlank()).map(c -> {
            ExecConfig e = ExecConfig.of(c);
            return new ExecConfig(c, execReloadSignal == null ? e.reloadSignal() : execReloadSignal,
                    execKillSignal == null ? e.killSignal() : execKillSignal,
                    execKillTimeout == null ? e.killTimeout() : execKillTimeout);
        });
        return new RunnerConfig(addrs, tok, retry, maxStale == null ? Duration.ofSeconds(2) : maxStale,
                blockQueryWait == null ? Duration.ofSeconds(60) : blockQueryWait,
                wait == null ? WaitConfig.DISABLED : wait, logLevel == null ? "warn" : logLevel,
                pidFile == null ? "" : pidFile, reloadSignal == null ? "SIGHUP" : reloadSignal,
                killSignal == null ? "SIGINT" : killSignal, once, dry, parseOnly, all, exec, configPaths, tls);
    }

    /** consul-template's {@code consul.ssl} block and {@code -ssl-*} flags over Consul's environment variables. */
    private ClientTls tls(Map<String, String> env) {
        ClientTls tls = ClientTls.fromEnvironment(env);
        if (sslCaCert != null && !sslCaCert.isBlank()) {
            tls = tls.withCaFile(Path.of(sslCaCert));
        }
        if (sslCaPath != null && !sslCaPath.isBlank()) {
            tls = tls.withCaPath(Path.of(sslCaPath));
        }
        String cert = sslCert != null ? sslCert : tls.certFile().map(Path::toString).orElse("");
        String key = sslKey != null ? sslKey : tls.keyFile().map(Path::toString).orElse("");
        if (!cert.isBlank() || !key.isBlank()) {
            // consul-template's rule: a cert given without a key holds both (a combined PEM file).
            try {
                tls = tls.withClientCertificate(Path.of(cert.isBlank() ? key : cert), Path.of(key.isBlank() ? cert : key));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("consul ssl: " + e.getMessage());
            }
        }
        if (sslServerName != null && !sslServerName.isBlank()) {
            tls = tls.withServerName(sslServerName);
        }
        return sslVerify == null ? tls : tls.withVerify(sslVerify);
    }

    private static void validate(TemplateConfig t) {
        if (t.source().isEmpty() && t.contents().isEmpty()) {
            throw new ConfigException("template: must specify exactly one of 'source' or 'contents'");
        }
        if (!t.source().isEmpty() && t.contents().isPresent()) {
            throw new ConfigException("template: cannot specify both 'source' and 'contents' (" + t.source() + ")");
        }
        if (t.destination().isEmpty()) {
            throw new ConfigException("template: missing destination for " + t.displayName());
        }
    }

    /** Checks a signal name (SIGHUP or HUP); empty is allowed and means none. Returns the SIG form. */
    static String signal(String name) {
        String n = name.strip().toUpperCase(java.util.Locale.ROOT);
        if (n.isEmpty()) {
            return "";
        }
        if (!n.startsWith("SIG")) {
            n = "SIG" + n;
        }
        if (!List.of("SIGHUP", "SIGINT", "SIGTERM", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGKILL").contains(n)) {
            throw new IllegalArgumentException("unknown signal \"" + name + "\"");
        }
        return n;
    }

    static String logLevel(String name) {
        String n = name.strip().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("trace", "debug", "info", "warn", "err", "error").contains(n)) {
            throw new IllegalArgumentException("invalid log level \"" + name
                    + "\": use trace, debug, info, warn or err");
        }
        return n;
    }
}
