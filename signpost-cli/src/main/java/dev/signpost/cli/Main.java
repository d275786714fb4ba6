package dev.signpost.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code signpost}: one jar, one command per program of the seed ({@code agent}, {@code registrator},
 * {@code template}). Flags are single-dash as in Consul and its tools; a bad flag or value exits with
 * code 2 and one line saying what is wrong.
 */
@Command(name = "signpost", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Service discovery for container hosts: a Consul-compatible registry, "
                + "a Docker registrator and a consul-template-compatible renderer.",
        subcommands = {AgentCommand.class, RegistratorCommand.class, TemplateCommand.class, AotTrainCommand.class,
                MembersCommand.class, OperatorCommand.class, SnapshotCommand.class, KvCommand.class,
                CatalogCommand.class, ClusterCommands.Info.class, ClusterCommands.Join.class,
                ClusterCommands.Leave.class, ClusterCommands.ForceLeave.class, ClusterCommands.VersionCommand.class,
                KeyringCommand.class, KeyringCommand.Keygen.class, MonitorCommand.class,
                ValidateCommand.class, AgentActionCommands.Maint.class, AgentActionCommands.Event.class,
                ServicesCommand.class, LockCommand.class, WatchCommand.class, AclCommand.class})
public final class Main implements Runnable {
    /** Exit code for a bad command line or configuration. */
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Exit code of {@code consul agent} for bad flags or configuration. */
    static final int AGENT_ERROR = 1;

    /** Runs a command line and returns its exit code (what tests call). */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(goFlags(args));
    }

    /**
     * Go's flag package takes {@code --flag} as {@code -flag}; so does the agent, whose flags are Consul's
     * (the registrator and template parse their own Go-style flags).
     */
    static String[] goFlags(String[] args) {
        if (args.length == 0 || !args[0].equals("agent")) {
            return args;
        }
        String[] out = args.clone();
        for (int i = 1; i < out.length; i++) {
            if (out[i].startsWith("--") && out[i].length() > 2 && !out[i].equals("--help")
                    && !out[i].equals("--version")) {
                out[i] = out[i].substring(1);
            }
        }
        return out;
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setPosixClusteredShortOptionsAllowed(false);
        cli.setUnmatchedOptionsArePositionalParams(false);
        // The registrator parses its own Go-style flags; picocli hands them over untouched.
        cli.getSubcommands().get("registrator").setUnmatchedOptionsArePositionalParams(true);
        cli.getSubcommands().get("template").setUnmatchedOptionsArePositionalParams(true);
        cli.setParameterExceptionHandler(Main::badUsage);
        cli.setExecutionExceptionHandler((e, line, parseResult) -> {
            if (e instanceof UsageException usage && line.getCommandName().equals("agent")) {
                line.getErr().println("==> " + usage.getMessage().stripTrailing());
                return AGENT_ERROR;
            }
            if (e instanceof UsageException usage) {
                line.getErr().println(line.getCommandName() + ": " + usage.getMessage());
                return USAGE;
            }
            line.getErr().println(line.getCommandName() + ": " + oneLine(e));
            return 1;
        });
        return cli;
    }

    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        if (line.getCommandName().equals("agent")) {
            err.println("==> error parsing flags: " + GoFlagMessages.of(e));
            return AGENT_ERROR;
        }
        if (line.getCommand() instanceof ApiCommand || line.getCommand() instanceof ParentCommand
                || line.getCommand() instanceof ValidateCommand) {
            err.println(GoFlagMessages.of(e)); // consul's commands: Go's flag error, exit 1
            return AGENT_ERROR;
        }
        err.println(qualifiedName(line) + ": " + e.getMessage() + " (see '" + qualifiedName(line) + " --help')");
        return USAGE;
    }

    private static String qualifiedName(CommandLine line) {
        return line.getParent() == null ? line.getCommandName() : qualifiedName(line.getParent()) + " " + line.getCommandName();
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command: agent, registrator or template");
    }

    /** A configuration problem found after parsing: exit 2 with this one line. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
