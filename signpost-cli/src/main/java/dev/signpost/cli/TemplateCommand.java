package dev.signpost.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.signpost.template.runner.TemplateCli;

/**
 * {@code signpost template}: consul-template's flags and config files, parsed by the template module,
 * with consul-template's exit codes (13 for bad flags, 15 for bad config, 14 at run time).
 */
@Command(name = "template", description = {
        "Renders Go text/template files from the registry and runs a command when they change (consul-template).",
        "Usage: signpost template -consul HOST:PORT -template \"IN:OUT[:COMMAND]\" [-once] [-dry] [-wait MIN[:MAX]]",
        "         [-config FILE|DIR] ...   (signpost template -h lists every flag)"})
final class TemplateCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "consul-template flags.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        Logging.toStderr();
        return TemplateCli.run(args, System.out, System.err, Logging::level);
    }
}
