package dev.signpost.cli;

/** A command that only groups subcommands: alone it prints its usage and exits 1, as {@code consul}'s do. */
abstract class ParentCommand extends SignpostCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 1;
    }
}
