package dev.signpost.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.signpost.metrics.Metrics;
import dev.signpost.metrics.MetricsServer;
import dev.signpost.template.runner.TemplateCli;

/**
 * {@code signpost template}: consul-template's flags and config files, parsed by the template module,
 * with consul-template's exit codes (13 for bad flags, 15 for bad config, 14 at run time).
 */
@Command(name = "template", description = {
        "Renders Go text/template files from the registry and runs a command when they change (consul-template).",
        "Usage: signpost template -consul HOST:PORT -template \"IN:OUT[:COMMAND]\" [-once] [-dry] [-wait MIN[:MAX]]",
        "         [-config FILE|DIR] [-metrics-port PORT] ...   (signpost template -h lists every flag)",
        "-metrics-port PORT: serve Prometheus metrics at http://127.0.0.1:PORT/metrics (renders, commands, failures)"})
final class TemplateCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "consul-template flags.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        Logging.toStderr();
        List<String> rest = new ArrayList<>(args);
        Optional<MetricsServer> server;
        Metrics[] metrics = {Metrics.none()};
        try {
            server = MetricsPort.serve(MetricsPort.take(rest, "-metrics-port"), m -> metrics[0] = m);
        } catch (Main.UsageException e) {
            System.err.println(e.getMessage().strip());
            return 13; // consul-template's exit code for a bad flag
        }
        try {
            return TemplateCli.run(rest, System.out, System.err, Logging::level, metrics[0]);
        } finally {
            server.ifPresent(MetricsServer::close);
        }
    }
}
