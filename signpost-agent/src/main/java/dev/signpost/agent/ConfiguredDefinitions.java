package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.NotFoundException;
import dev.signpost.http.AgentDefinitions;
import dev.signpost.http.LocalAgent;

/**
 * The services and checks that come from config files, as Consul keeps them: registered once the agent has
 * synced, registered again on every reload, and those a reload no longer finds are removed (those registered
 * through the API are left alone). Thread-safe: one apply at a time.
 */
final class ConfiguredDefinitions {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredDefinitions.class);

    private final LocalServices local;
    private final Set<String> serviceIds = new LinkedHashSet<>();
    private final Set<String> checkIds = new LinkedHashSet<>();

    ConfiguredDefinitions(LocalServices local) {
        this.local = requireNonNull(local, "local");
    }

    /**
     * Makes the agent hold exactly these configured services and checks; throws what a registration throws
     * (no leader, a bad check), after which applying again is safe: registrations are idempotent.
     */
    synchronized void apply(List<AgentDefinitions.Registration> services, List<LocalAgent.CheckSpec> checks) {
        Set<String> newServices = new LinkedHashSet<>();
        services.forEach(r -> {
            newServices.add(r.service().id());
            r.sidecar().ifPresent(sidecar -> newServices.add(sidecar.service().id()));
        });
        Set<String> newChecks = new LinkedHashSet<>();
        checks.forEach(c -> newChecks.add(c.id().isEmpty() ? c.name() : c.id()));
        for (String gone : serviceIds) {
            if (!newServices.contains(gone)) {
                forget(() -> local.deregisterService(gone), "service", gone);
            }
        }
        for (String gone : checkIds) {
            if (!newChecks.contains(gone)) {
                forget(() -> local.deregisterCheck(gone), "check", gone);
            }
        }
        for (AgentDefinitions.Registration r : services) {
            local.register(r, true);
            serviceIds.add(r.service().id());
            r.sidecar().ifPresent(sidecar -> serviceIds.add(sidecar.service().id()));
        }
        for (LocalAgent.CheckSpec check : checks) {
            local.registerCheck(check);
            checkIds.add(check.id().isEmpty() ? check.name() : check.id());
        }
        serviceIds.retainAll(newServices);
        checkIds.retainAll(newChecks);
    }

    private static void forget(Runnable deregister, String what, String id) {
        try {
            deregister.run();
            LOG.info("agent: Deregistered {} '{}' (no longer in the configuration)", what, id);
        } catch (NotFoundException e) {
            LOG.debug("agent: configured {} '{}' was already gone", what, id);
        }
    }
}
