package dev.signpost.agent;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;

/**
 * An alias check (agent/checks/alias.go): mirrors the health of another service, the aggregate of its
 * checks and its node's checks; critical while that service does not exist.
 */
final class AliasProbe implements Probe {
    private final String ownId;
    private final String node;
    private final String serviceId;
    private final BiFunction<String, String, Optional<List<Check>>> checksOf;

    /**
     * @param checksOf the checks counting for (node, service ID), empty when the service is unknown
     */
    AliasProbe(String ownId, String node, String serviceId, BiFunction<String, String, Optional<List<Check>>> checksOf) {
        this.ownId = ownId;
        this.node = node;
        this.serviceId = serviceId;
        this.checksOf = checksOf;
    }

    @Override
    public Result run() {
        Optional<List<Check>> checks = checksOf.apply(node, serviceId);
        if (checks.isEmpty()) {
            return new Result(HealthStatus.CRITICAL, "Service not found: " + serviceId);
        }
        List<HealthStatus> statuses = checks.get().stream().filter(c -> !c.checkId().equals(ownId))
                .map(Check::status).toList();
        if (statuses.isEmpty()) {
            return new Result(HealthStatus.PASSING, "No checks found.");
        }
        HealthStatus status = HealthStatus.aggregate(statuses);
        // maintenance counts as critical for whoever depends on the alias
        status = status == HealthStatus.MAINTENANCE ? HealthStatus.CRITICAL : status;
        return new Result(status, status == HealthStatus.PASSING ? "All checks passing." : "Aliased service is " + status);
    }
}
