package dev.signpost.template.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.signpost.client.ClientTls;

import static java.util.Objects.requireNonNull;

/**
 * Everything a runner needs, after config files were merged left to right and flags applied on top. Defaults are
 * consul-template's: address from CONSUL_HTTP_ADDR else 127.0.0.1:8500, max-stale 2s, block-query-wait 60s,
 * log level warn, reload signal SIGHUP, kill signal SIGINT. Immutable.
 *
 * @param consulAddresses tried in order (failover); never empty
 * @param quiescence the global {@code -wait}
 * @param configPaths the {@code -config} paths, re-read on reload
 * @param tls how https addresses are talked to ({@code consul.ssl}, {@code -ssl-*}, {@code CONSUL_CACERT}, ...)
 */
public record RunnerConfig(List<String> consulAddresses, String token, RetryConfig retry, Duration maxStale,
                           Duration blockQueryWait, WaitConfig quiescence, String logLevel, String pidFile,
                           String reloadSignal, String killSignal, boolean once, boolean dry, boolean parseOnly,
                           List<TemplateConfig> templates, Optional<ExecConfig> exec, List<String> configPaths,
                           ClientTls tls) {

    /** Without TLS settings: https addresses use the JDK's CAs. */
    public RunnerConfig(List<String> consulAddresses, String token, RetryConfig retry, Duration maxStale,
                        Duration blockQueryWait, WaitConfig quiescence, String logLevel, String pidFile,
                        String reloadSignal, String killSignal, boolean once, boolean dry, boolean parseOnly,
                        List<TemplateConfig> templates, Optional<ExecConfig> exec, List<String> configPaths) {
        this(consulAddresses, token, retry, maxStale, blockQueryWait, quiescence, logLevel, pidFile, reloadSignal,
                killSignal, once, dry, parseOnly, templates, exec, configPaths, ClientTls.defaults());
    }

    public RunnerConfig {
        requireNonNull(tls, "tls");
        consulAddresses = List.copyOf(consulAddresses);
        if (consulAddresses.isEmpty()) {
            throw new IllegalArgumentException("consulAddresses must not be empty");
        }
        requireNonNull(token, "token");
        requireNonNull(retry, "retry");
        requireNonNull(maxStale, "maxStale");
        requireNonNull(blockQueryWait, "blockQueryWait");
        requireNonNull(quiescence, "quiescence");
        requireNonNull(logLevel, "logLevel");
        requireNonNull(pidFile, "pidFile");
        requireNonNull(reloadSignal, "reloadSignal");
        requireNonNull(killSignal, "killSignal");
        templates = List.copyOf(templates);
        requireNonNull(exec, "exec");
        configPaths = List.copyOf(configPaths);
    }

    /** The wait that applies to a template: its own, else the global one. */
    public WaitConfig waitFor(TemplateConfig t) {
        return t.quiescence().orElse(quiescence);
    }
}
