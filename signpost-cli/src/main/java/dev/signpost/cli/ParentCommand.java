package dev.signpost.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: alone it prints its usage and exits 1, as {@code consul}'s do. */
abstract class ParentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-h", "-help", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 1;
    }
}
