package dev.signpost.agent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.signpost.client.GoDuration;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;

/**
 * Makes the probe of a check from its definition: HTTP, TCP, script (only when script checks are
 * enabled), Docker (the same, in a container) or alias. TTL checks and checks set from outside have none.
 */
final class Probes {
    private final boolean scriptsEnabled;
    private final String localNode;
    private final BiFunction<String, String, Optional<List<Check>>> aliasLookup;
    private final DockerProbe.Engine docker = new DockerProbe.Engine();

    /**
     * @param aliasLookup the checks counting for (node, service ID), empty when that service is unknown
     */
    Probes(boolean scriptsEnabled, String localNode, BiFunction<String, String, Optional<List<Check>>> aliasLookup) {
        this.scriptsEnabled = scriptsEnabled;
        this.localNode = localNode;
        this.aliasLookup = aliasLookup;
    }

    Optional<Probe> of(Check check) {
        CheckDefinition d = check.definition();
        Duration timeout = timeout(d);
        return switch (d.type()) {
            case "http" -> Optional.of(new HttpProbe(d.http(), d.method(), d.header(), d.body(), d.tlsSkipVerify(), timeout));
            case "tcp" -> Optional.of(new TcpProbe(d.tcp(), timeout));
            case "script" -> scriptsEnabled ? Optional.of(new ScriptProbe(d.args(), timeout)) : Optional.empty();
            case "docker" -> scriptsEnabled ? Optional.of(new DockerProbe(docker, d.dockerContainerId(), d.args(), timeout))
                    : Optional.empty();
            case "alias" -> Optional.of(new AliasProbe(check.checkId(), d.aliasNode().isEmpty() ? localNode : d.aliasNode(),
                    d.aliasService(), aliasLookup));
            default -> Optional.empty();
        };
    }

    private static Duration timeout(CheckDefinition d) {
        if (d.timeout().isEmpty()) {
            return CheckRunner.DEFAULT_TIMEOUT;
        }
        Duration t = GoDuration.parse(d.timeout());
        return t.isZero() || t.isNegative() ? CheckRunner.DEFAULT_TIMEOUT : t;
    }
}
