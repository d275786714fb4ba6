package dev.signpost.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.signpost.registrator.Registrator;
import dev.signpost.registrator.RegistratorConfig;
import dev.signpost.registrator.RegistratorConfigException;

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
        "         [-hostname NAME] [-only-label KEY=VALUE] URI",
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
        RegistratorConfig config;
        try {
            config = RegistratorConfig.parse(args);
        } catch (RegistratorConfigException e) {
            throw new Main.UsageException(Main.oneLine(e));
        }
        Registrator registrator = Registrator.create(config);
        Runtime.getRuntime().addShutdownHook(new Thread(registrator::close, "shutdown"));
        registrator.run();
        return 0;
    }
}
