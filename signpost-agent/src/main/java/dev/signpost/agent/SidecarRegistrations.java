package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.NotFoundException;
import dev.signpost.core.model.Service;
import dev.signpost.http.AgentDefinitions;
import dev.signpost.http.LocalAgent.CheckSpec;

/**
 * A service registered with its sidecar proxy, and the proxy removed with it (Consul's removeServiceSidecars): the
 * bookkeeping around {@link LocalServices}' single-service writes. Apart from it because only sidecars need a port
 * picked from what the agent holds, and their own lock for it.
 *
 * <p>Thread-safe: a sidecar's port is picked and registered under one lock, so two sidecars never pick the same one.
 */
final class SidecarRegistrations {
    private static final Logger LOG = LoggerFactory.getLogger(SidecarRegistrations.class);

    private final LocalServices local;
    private final Sidecars range;
    private final boolean scriptsEnabled;
    private final Object ports = new Object();

    SidecarRegistrations(LocalServices local, Sidecars range, boolean scriptsEnabled) {
        this.local = local;
        this.range = requireNonNull(range, "sidecars");
        this.scriptsEnabled = scriptsEnabled;
    }

    /**
     * Registers a definition's service, then its sidecar proxy with the port and checks {@link Sidecars} fills in.
     * Every check of both is vetted and the port picked before anything is written.
     */
    void register(AgentDefinitions.Registration registration, AgentDefinitions.Registration sidecar,
                  boolean replaceExistingChecks) {
        registration.checks().forEach(spec -> CheckRules.validate(spec.definition(), scriptsEnabled));
        sidecar.checks().forEach(spec -> CheckRules.validate(spec.definition(), scriptsEnabled));
        synchronized (ports) {
            Service proxy = sidecar.service();
            int port = range.port(proxy, local.services().values());
            proxy = new Service(proxy.id(), proxy.name(), proxy.tags(), proxy.address(), port, proxy.meta(),
                    proxy.weights(), proxy.enableTagOverride(), 0, 0, proxy.kind(), proxy.taggedAddresses(),
                    proxy.proxy(), proxy.connectNative());
            List<CheckSpec> proxyChecks = sidecar.checks().isEmpty() ? Sidecars.defaultChecks(proxy) : sidecar.checks();
            local.registerService(registration.service(), registration.checks(), replaceExistingChecks);
            local.registerService(proxy, proxyChecks, replaceExistingChecks);
        }
    }

    /** Removes the sidecar proxy registered with {@code parentId}, if this agent holds one. */
    void deregisterSidecarOf(String parentId) {
        Optional<Service> sidecar = local.service(parentId + Sidecars.SUFFIX);
        if (sidecar.isPresent() && Sidecars.isSidecarOf(sidecar.get(), parentId)) {
            try {
                local.deregisterOne(sidecar.get().id());
            } catch (NotFoundException e) {
                LOG.debug("agent: sidecar '{}' was already gone", sidecar.get().id());
            }
        }
    }
}
