package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.signpost.core.config.ConfigEntries;
import dev.signpost.core.config.ConfigEntry;
import dev.signpost.core.config.GatewayServices;
import dev.signpost.core.config.GatewayServices.GatewayService;
import dev.signpost.core.model.ServiceKinds;
import dev.signpost.core.watch.Topic;

/**
 * The gateway reads of the state: the services a gateway fronts (Consul's GatewayServices) and the ingress gateway
 * instances fronting a service (checkServiceNodesTxn with ingress), each at the index of what it was computed from:
 * the config entries, the gateways' instances, and the service list where a wildcard makes the answer depend on it.
 */
final class GatewayReads {
    private final CatalogState state;
    private final Catalog catalog;

    GatewayReads(CatalogState state, Catalog catalog) {
        this.state = state;
        this.catalog = catalog;
    }

    Indexed<List<GatewayService>> services(String gateway) {
        List<GatewayService> all = new ArrayList<>();
        long index = state.index(Topic.CONFIG);
        for (ConfigEntry entry : entries(gateway)) {
            all.addAll(GatewayServices.of(entry, view()));
            if (GatewayServices.hasWildcard(entry)) {
                index = Math.max(index, state.index(Topic.SERVICES));
            }
        }
        return new Indexed<>(all, index);
    }

    Indexed<List<ServiceInstance>> ingress(String service) {
        long index = state.index(Topic.CONFIG);
        TreeSet<String> gateways = new TreeSet<>();
        for (ConfigEntry entry : state.configEntries(ConfigEntries.INGRESS_GATEWAY).value()) {
            if (GatewayServices.hasWildcard(entry)) {
                index = Math.max(index, state.index(Topic.SERVICES));
            }
            if (GatewayServices.of(entry, view()).stream().anyMatch(m -> m.service().equals(service))) {
                gateways.add(entry.name());
            }
        }
        List<ServiceInstance> instances = new ArrayList<>();
        for (String gateway : gateways) {
            index = Math.max(index, state.index(Topic.service(gateway)));
            catalog.instances(gateway).stream()
                    .filter(i -> i.service().kind().equals(ServiceKinds.INGRESS_GATEWAY)).forEach(instances::add);
        }
        return new Indexed<>(instances, index);
    }

    private List<ConfigEntry> entries(String gateway) {
        List<ConfigEntry> entries = new ArrayList<>();
        state.configEntry(ConfigEntries.INGRESS_GATEWAY, gateway).value().ifPresent(entries::add);
        state.configEntry(ConfigEntries.TERMINATING_GATEWAY, gateway).value().ifPresent(entries::add);
        return entries;
    }

    private GatewayServices.Catalog view() {
        return new GatewayServices.Catalog() {
            @Override
            public List<String> typicalServices() {
                return catalog.serviceTags().keySet().stream().sorted().filter(name -> catalog.instances(name)
                        .stream().anyMatch(i -> i.service().kind().equals(ServiceKinds.TYPICAL))).toList();
            }

            @Override
            public boolean connectCapable(String service) {
                return !catalog.connectInstances(service).isEmpty();
            }
        };
    }
}
