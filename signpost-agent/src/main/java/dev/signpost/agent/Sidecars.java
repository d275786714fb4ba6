package dev.signpost.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.signpost.client.GoDuration;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;
import dev.signpost.http.ApiException;
import dev.signpost.http.LocalAgent.CheckSpec;

/**
 * What the agent adds to a sidecar proxy registration, as Consul's agent/sidecar_service.go does: a port from the
 * sidecar range ({@code ports.sidecar_min_port}..{@code sidecar_max_port}, 21000..21255 by default) when none is
 * given, the lowest one no other service of this agent holds (a sidecar registered again keeps its port), and, when
 * the block gives no checks, a TCP check on the proxy and an alias check of its parent.
 *
 * @param min the lowest port of the range; 0 or less turns automatic ports off, as in Consul
 * @param max the highest port of the range
 */
record Sidecars(int min, int max) {
    static final Sidecars DEFAULT = new Sidecars(21000, 21255);
    static final String SUFFIX = "-sidecar-proxy";

    /**
     * The sidecar's port: its own when given, else one picked from the range among {@code held} services. None left
     * is a 500 with Consul's text: its agent's AddService error reaches the HTTP API as an internal error.
     */
    int port(Service sidecar, Collection<Service> held) {
        if (sidecar.port() > 0) {
            return sidecar.port();
        }
        Set<Integer> used = new HashSet<>();
        if (min > 0 && max >= min) {
            for (Service other : held) {
                if (other.port() >= min && other.port() <= max) {
                    if (other.id().equals(sidecar.id())) {
                        return other.port();
                    }
                    used.add(other.port());
                }
            }
            for (int p = min; p <= max; p++) {
                if (!used.contains(p)) {
                    return p;
                }
            }
        }
        if (min < 1 || max < 1) {
            throw new ApiException(500, "no port provided for sidecar_service and auto-assignment disabled in config");
        }
        throw new ApiException(500, "no port provided for sidecar_service and none left in the configured range ["
                + min + ", " + max + "]");
    }

    /**
     * Consul's default sidecar checks: "Connect Sidecar Listening", TCP on the sidecar's address (else the proxy's
     * local service address) and port every 10s, and "Connect Sidecar Aliasing PARENT", an alias of the parent.
     */
    static List<CheckSpec> defaultChecks(Service sidecar) {
        String parentId = sidecar.id().substring(0, sidecar.id().length() - SUFFIX.length());
        String address = sidecar.address().isEmpty() ? sidecar.proxy().localServiceAddress() : sidecar.address();
        String hostPort = (address.contains(":") ? "[" + address + "]" : address) + ":" + sidecar.port();
        CheckDefinition tcp = new CheckDefinition("", "", Map.of(), "", false, hostPort, List.of(), "",
                GoDuration.format(Duration.ofSeconds(10)), "", "", 0, 0, "", "", "");
        CheckDefinition alias = new CheckDefinition("", "", Map.of(), "", false, "", List.of(), "", "", "", "", 0, 0,
                parentId, "", "");
        List<CheckSpec> checks = new ArrayList<>();
        checks.add(new CheckSpec("", "Connect Sidecar Listening", "", HealthStatus.CRITICAL, false, sidecar.id(), tcp));
        checks.add(new CheckSpec("", "Connect Sidecar Aliasing " + parentId, "", HealthStatus.CRITICAL, false,
                sidecar.id(), alias));
        return checks;
    }

    /** True when {@code candidate} is the sidecar this agent registered for {@code parentId}. */
    static boolean isSidecarOf(Service candidate, String parentId) {
        return candidate.id().equals(parentId + SUFFIX) && candidate.isConnectProxy()
                && candidate.proxy().destinationServiceId().equals(parentId);
    }
}
