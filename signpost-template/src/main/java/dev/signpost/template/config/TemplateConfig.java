package dev.signpost.template.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One template block: where the text comes from ({@code source} file or inline {@code contents}), where it goes,
 * what runs after a change ({@code command} under {@code sh -c}, {@code command_timeout}), the file's
 * {@code perms}, {@code backup} and {@code create_dest_dirs}, a per-template {@code wait} ({@link #quiescence}),
 * delimiters, {@code error_on_missing_key}, and Signpost's {@code check_command}, run on the staged file before it
 * replaces the destination ({@code {{staged}}} in it is the staged file's path). Immutable.
 */
public record TemplateConfig(String source, Optional<String> contents, String destination, String command,
                             Duration commandTimeout, Optional<Integer> perms, boolean backup,
                             Optional<WaitConfig> quiescence, String leftDelimiter, String rightDelimiter,
                             boolean errorOnMissingKey, boolean createDestDirs, String checkCommand,
                             List<String> functionDenylist) {

    /** consul-template's {@code DefaultTemplateCommandTimeout}. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /** config/template.go: a Windows drive letter stays with its path. */
    private static final Pattern PART = Pattern.compile("([a-zA-Z]:)?([^:]+)");

    public TemplateConfig {
        requireNonNull(source, "source");
        requireNonNull(contents, "contents");
        requireNonNull(destination, "destination");
        requireNonNull(command, "command");
        requireNonNull(commandTimeout, "commandTimeout");
        requireNonNull(perms, "perms");
        requireNonNull(quiescence, "quiescence");
        requireNonNull(leftDelimiter, "leftDelimiter");
        requireNonNull(rightDelimiter, "rightDelimiter");
        requireNonNull(checkCommand, "checkCommand");
        functionDenylist = List.copyOf(functionDenylist);
    }

    /** A template with only a source and a destination, every option at its default. */
    public static TemplateConfig of(String source, String destination) {
        return new TemplateConfig(source, Optional.empty(), destination, "", DEFAULT_COMMAND_TIMEOUT,
                Optional.empty(), false, Optional.empty(), "", "", false, true, "", List.of());
    }

    /**
     * Parses {@code -template "IN:OUT[:COMMAND]"} as consul-template does: split on the regexp
     * {@code ([a-zA-Z]:)?([^:]+)} (empty parts vanish, a drive letter stays with its path) and join parts 3 and
     * later back with ":" into the command, so a command may contain colons.
     */
    public static TemplateConfig parseFlag(String spec) {
        List<String> parts = new ArrayList<>();
        Matcher m = PART.matcher(spec);
        while (m.find()) {
            parts.add(m.group());
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("invalid template declaration format");
        }
        String source = parts.get(0);
        String destination = parts.size() > 1 ? parts.get(1) : "";
        String command = parts.size() > 2 ? String.join(":", parts.subList(2, parts.size())) : "";
        return of(source, destination).withCommand(command);
    }

    public TemplateConfig withCommand(String value) {
        return new TemplateConfig(source, contents, destination, value, commandTimeout, perms, backup, quiescence,
                leftDelimiter, rightDelimiter, errorOnMissingKey, createDestDirs, checkCommand, functionDenylist);
    }

    public TemplateConfig withCheckCommand(String value) {
        return new TemplateConfig(source, contents, destination, command, commandTimeout, perms, backup, quiescence,
                leftDelimiter, rightDelimiter, errorOnMissingKey, createDestDirs, value, functionDenylist);
    }

    public TemplateConfig withDelimiters(String left, String right) {
        return new TemplateConfig(source, contents, destination, command, commandTimeout, perms, backup, quiescence,
                left, right, errorOnMissingKey, createDestDirs, checkCommand, functionDenylist);
    }

    /** How log lines name this template: its source, or "(inline)" for contents. */
    public String displayName() {
        return contents.isPresent() ? "(inline)" : source;
    }
}
