package dev.signpost.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code signpost}: one jar, one command per program of the seed ({@code agent}, {@code registrator},
 * {@code template}). Flags are single-dash as in Consul and its tools; a bad flag or value exits with
 * code 2 and one line saying what is wrong.
 */
@Command(name = "signpost", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Service discovery for container hosts: a Consul-compatible registry, "
                + "a Docker registrator and a consul-template-compatible renderer.")
public final class Main implements Runnable {
    /**
     * The sub-commands by name, in the order {@code signpost --help} lists them. Picocli reads a command's
     * annotations when it is added, and reading all of them took a third of an agent's start (about 0.3 s of
     * CPU, three times over when three agents start at once); so a command line that names one adds only
     * that one (see {@link #commandLine(String...)}). {@code MainTest} checks each name against its class.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("agent", AgentCommand.class);
        commands.put("registrator", RegistratorCommand.class);
        commands.put("template", TemplateCommand.class);
        commands.put("aot-train", AotTrainCommand.class);
        commands.put("members", MembersCommand.class);
        commands.put("operator", OperatorCommand.class);
        commands.put("snapshot", SnapshotCommand.class);
        commands.put("kv", KvCommand.class);
        commands.put("catalog", CatalogCommand.class);
        commands.put("info", ClusterCommands.Info.class);
        commands.put("join", ClusterCommands.Join.class);
        commands.put("leave", ClusterCommands.Leave.class);
        commands.put("force-leave", ClusterCommands.ForceLeave.class);
        commands.put("version", ClusterCommands.VersionCommand.class);
        commands.put("keyring", KeyringCommand.class);
        commands.put("keygen", KeyringCommand.Keygen.class);
        commands.put("monitor", MonitorCommand.class);
        commands.put("validate", ValidateCommand.class);
        commands.put("maint", AgentActionCommands.Maint.class);
        commands.put("event", AgentActionCommands.Event.class);
        commands.put("services", ServicesCommand.class);
        commands.put("lock", LockCommand.class);
        commands.put("watch", WatchCommand.class);
        commands.put("acl", AclCommand.class);
        commands.put("intention", IntentionCommand.class);
        commands.put("rtt", RttCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    /** Exit code for a bad command line or configuration. */
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Exit code of {@code consul agent} for bad flags or configuration. */
    static final int AGENT_ERROR = 1;

    /** Runs a command line and returns its exit code (what tests call). */
    public static int run(String... args) {
        String[] flags = goFlags(args);
        return commandLine(flags).execute(flags);
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

    /** The command line with every sub-command (for help and tests). */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /** The command line for these arguments: only the sub-command they name, or all when they name none. */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        Class<?> named = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (named != null) {
            cli.addSubcommand(args[0], named);
        } else {
            COMMANDS.forEach(cli::addSubcommand);
        }
        cli.setPosixClusteredShortOptionsAllowed(false);
        // "@FILE" is consul's "read this file" (kv put, kv import, acl policy -rules ...), not picocli's argument file.
        cli.setExpandAtFiles(false);
        cli.setUnmatchedOptionsArePositionalParams(false);
        // The registrator parses its own Go-style flags; picocli hands them over untouched.
        for (String goParsed : new String[] {"registrator", "template"}) {
            CommandLine sub = cli.getSubcommands().get(goParsed);
            if (sub != null) {
                sub.setUnmatchedOptionsArePositionalParams(true);
            }
        }
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
