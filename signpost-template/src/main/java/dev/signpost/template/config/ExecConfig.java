package dev.signpost.template.config;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * {@code -exec} / {@code exec {}}: a child started once every template has rendered, sent {@code reloadSignal} when
 * a template changes (restarted when that is empty), and stopped with {@code killSignal}, then SIGKILL after
 * {@code killTimeout}. The command runs under {@code sh -c}. Immutable.
 */
public record ExecConfig(String command, String reloadSignal, String killSignal, Duration killTimeout) {

    public ExecConfig {
        requireNonNull(command, "command");
        requireNonNull(reloadSignal, "reloadSignal");
        requireNonNull(killSignal, "killSignal");
        requireNonNull(killTimeout, "killTimeout");
    }

    public static ExecConfig of(String command) {
        return new ExecConfig(command, "", "SIGINT", Duration.ofSeconds(30));
    }
}
