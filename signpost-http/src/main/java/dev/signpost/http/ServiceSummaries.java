package dev.signpost.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.signpost.core.model.Check;
import dev.signpost.core.state.ServiceInstance;

/**
 * Consul's {@code summarizeServices} and {@code prepSummaryOutput} (agent/ui_endpoint.go): one line per service
 * name with its instance count, the nodes it runs on, the union of its tags and how many distinct checks (by node
 * and check ID, so a node check shared by two instances counts once) pass, warn and fail. Pure; no I/O.
 */
final class ServiceSummaries {
    /** The key Consul reads an instance's external source from ({@code structs.MetaExternalSource}). */
    static final String EXTERNAL_SOURCE = "external-source";

    private ServiceSummaries() {
    }

    /** Gateway settings; Signpost has no gateways, so always Consul's empty object. */
    record GatewayConfigJson() {
        static final GatewayConfigJson EMPTY = new GatewayConfigJson();
    }

    /**
     * One element of {@code /v1/internal/ui/services}: Consul's {@code ServiceListingSummary}. Tags and
     * ExternalSources are JSON null when empty, as Go's nil slices are there; Kind and PeerName are omitted when
     * empty, and always are here (no mesh, no peering).
     */
    @SuppressWarnings("checkstyle:MemberName")
    record ServiceSummaryJson(String Name, String Datacenter, List<String> Tags, List<String> Nodes,
                              List<String> ExternalSources, int InstanceCount, int ChecksPassing, int ChecksWarning,
                              int ChecksCritical, GatewayConfigJson GatewayConfig, boolean TransparentProxy,
                              boolean ConnectNative, boolean ConnectedWithProxy, boolean ConnectedWithGateway) {
    }

    /** The summaries of these instances, sorted by service name. */
    static List<ServiceSummaryJson> of(List<ServiceInstance> instances) {
        Map<String, Builder> byName = new TreeMap<>();
        for (ServiceInstance instance : instances) {
            byName.computeIfAbsent(instance.service().name(), Builder::new).add(instance);
        }
        List<ServiceSummaryJson> out = new ArrayList<>(byName.size());
        byName.values().forEach(b -> out.add(b.build()));
        return out;
    }

    private static final class Builder {
        private final String name;
        private String datacenter = "";
        private final Set<String> tags = new LinkedHashSet<>();
        private final List<String> nodes = new ArrayList<>();
        private final Set<String> externalSources = new LinkedHashSet<>();
        private final Map<String, Check> checks = new LinkedHashMap<>();

        Builder(String name) {
            this.name = name;
        }

        void add(ServiceInstance instance) {
            nodes.add(instance.node().name());
            datacenter = instance.node().datacenter();
            tags.addAll(instance.service().tags());
            String source = instance.service().meta().getOrDefault(EXTERNAL_SOURCE, "");
            if (!source.isEmpty()) {
                externalSources.add(source);
            }
            for (Check check : instance.checks()) {
                // Consul keys them by node and check ID: a node check counts once however many instances share it.
                checks.put(check.node() + "/" + check.checkId(), check);
            }
        }

        ServiceSummaryJson build() {
            int passing = 0;
            int warning = 0;
            int critical = 0;
            for (Check check : checks.values()) {
                switch (check.status()) {
                    case PASSING -> passing++;
                    case WARNING -> warning++;
                    case CRITICAL -> critical++;
                    case MAINTENANCE -> { } // Consul's switch counts passing, warning and critical only
                }
            }
            List<String> sortedTags = new ArrayList<>(tags);
            Collections.sort(sortedTags);
            List<String> sortedNodes = new ArrayList<>(nodes);
            Collections.sort(sortedNodes);
            return new ServiceSummaryJson(name, datacenter, nullIfEmpty(sortedTags), sortedNodes,
                    nullIfEmpty(new ArrayList<>(externalSources)), nodes.size(), passing, warning, critical,
                    GatewayConfigJson.EMPTY, false, false, false, false);
        }

        private static List<String> nullIfEmpty(List<String> list) {
            return list.isEmpty() ? null : list;
        }
    }
}
