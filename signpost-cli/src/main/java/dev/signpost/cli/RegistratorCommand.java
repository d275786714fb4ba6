package dev.signpost.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.signpost.registrator.Registrator;
import dev.signpost.registrator.RegistratorConfig;
import dev.signpost.registrator.RegistratorConfigException;
import dev.signpost.metrics.MetricsServer;

/**
 * {@code signpost registrator [flags] URI}: registrator's own Go-style flags, parsed by the registrator
 * module exactly as upstream orders them (flags before the URI).
 */
@Command(name = "registrator", description = {
        "Registers every published port of every Docker container in the registry, and removes it when the "
                + "container stops.",
        "Usage: signpost registrator [-ip IP] [-internal] [-explicit] [-tags T] [-ttl N -ttl-refresh N] [-resync N]",
        "         [-deregister always|on-success] [-retry-attempts N] [-retry-interval MS] [-cleanup] "
                + "[-useIpFromLabel LABEL]",
        "         [-hostname NAME] [-only-label KEY=VALUE] [-token TOKEN] [-metrics-port PORT] URI",
        "-metrics-port PORT: serve Prometheus metrics at http://127.0.0.1:PORT/metrics (events, registrations, "
                + "retries, failures)",
        "URI: consul://HOST:PORT, consul-unix:///path/to/consul.sock or consulkv://HOST:PORT/PREFIX"})
final class RegistratorCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "Flags, then the registry URI.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        if (RegistratorConfig.isVersionRequest(args)) {
            System.out.println(Registrator.version());
            return 0;
        }
        if (isHelpRequest(args)) {
            // Upstream's flag.Usage, on stderr; Go's flag package of its day then exits 2 on -h as on any bad flag.
            System.err.println("Usage of registrator:\n  registrator [options] <registry URI>\n");
            String[] lines = RegistratorCommand.class.getAnnotation(Command.class).description();
            for (int i = 1; i < lines.length; i++) {
                System.err.println(lines[i]);
            }
            return Main.USAGE;
        }
        List<String> rest = new ArrayList<>(args);
        Optional<Integer> metricsPort = MetricsPort.take(rest, "-metrics-port");
        RegistratorConfig config;
        try {
            config = RegistratorConfig.parse(rest);
        } catch (RegistratorConfigException e) {
            throw new Main.UsageException(Main.oneLine(e));
        }
        Registrator registrator = Registrator.create(config);
        Optional<MetricsServer> server = MetricsPort.serve(metricsPort, metrics -> registrator.meteredBy(metrics));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registrator.close();
            server.ifPresent(MetricsServer::close);
        }, "shutdown"));
        registrator.run();
        return 0;
    }

    /** {@code -h}, {@code -help} or {@code --help} among the flags (before the registry URI). */
    static boolean isHelpRequest(List<String> args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return false;
            }
            if (arg.equals("-h") || arg.equals("-help") || arg.equals("--help")) {
                return true;
            }
        }
        return false;
    }
}
