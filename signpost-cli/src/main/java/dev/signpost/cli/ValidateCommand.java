package dev.signpost.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code validate FILE_OR_DIRECTORY...}, as {@code consul validate}: reads the files as the agent would (the same
 * {@link ConfigFiles} and {@link AgentSettings}, so the same errors), starts nothing, and prints
 * "Configuration is valid!" (nothing with {@code -quiet}); exit 1 with "Config validation failed: ..." otherwise.
 */
@Command(name = "validate", description = "Validate config files/directories.")
final class ValidateCommand extends SignpostCommand {
    @Option(names = "-quiet", arity = "0..1", description = "When given, a successful run will produce no output.")
    boolean quiet;
    @Option(names = "-config-format", paramLabel = "hcl|json",
            description = "Config files are in this format irrespective of their extension.")
    String configFormat = "";
    @Parameters(paramLabel = "FILE_OR_DIRECTORY")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            if (paths.isEmpty()) {
                err.println("Must specify at least one config file or directory");
                return 1;
            }
            AgentCommand flags = new AgentCommand();
            new CommandLine(flags).parseArgs();
            try {
                new AgentSettings(flags, ConfigFiles.read(paths, configFormat, List.of())).agentConfig();
            } catch (Main.UsageException | IllegalArgumentException e) {
                err.println("Config validation failed: " + e.getMessage().strip());
                return 1;
            }
            if (!quiet) {
                out.println("Configuration is valid!");
            }
            return 0;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
