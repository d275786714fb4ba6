package dev.signpost.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** picocli's parse errors in the words of Go's flag package, which {@code consul agent} prints. */
final class GoFlagMessages {
    private GoFlagMessages() {
    }

    static String of(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            if (!arg.startsWith("-")) {
                return "unexpected argument " + arg + ": the agent takes flags only";
            }
            int eq = arg.indexOf('=');
            return "flag provided but not defined: " + (eq < 0 ? arg : arg.substring(0, eq));
        }
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return "flag needs an argument: " + option.longestName();
        }
        ArgSpec spec = e.getArgSpec();
        if (spec instanceof OptionSpec option) {
            if (e instanceof CommandLine.MissingParameterException) {
                return "flag needs an argument: " + option.longestName();
            }
            if (e.getValue() != null) {
                return "invalid value \"" + e.getValue() + "\" for flag " + option.longestName() + ": parse error";
            }
        }
        return e.getMessage();
    }
}
