package dev.signpost.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.ServiceKinds;
import dev.signpost.core.state.ServiceInstance;

/**
 * Consul's {@code summarizeServices} and {@code prepSummaryOutput} (agent/ui_endpoint.go): one line per service
 * name with its instance count, the nodes it runs on, the union of its tags and how many distinct checks (by node
 * and check ID, so a node check shared by two instances counts once) pass, warn and fail. A connect-proxy's checks
 * count for the service it fronts too, which is then {@code ConnectedWithProxy} (and {@code TransparentProxy} when
 * every one of its proxies is in that mode). Pure; no I/O.
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
     * ExternalSources are JSON null when empty, as Go's nil slices are there; Kind is omitted when empty, and PeerName
     * always is (no peering).
     */
    @SuppressWarnings("checkstyle:MemberName")
    record ServiceSummaryJson(@JsonInclude(JsonInclude.Include.NON_EMPTY) String Kind, String Name, String Datacenter, List<String> Tags, List<String> Nodes,
                              List<String> ExternalSources, int InstanceCount, int ChecksPassing, int ChecksWarning,
                              int ChecksCritical, GatewayConfigJson GatewayConfig, boolean TransparentProxy,
                              boolean ConnectNative, boolean ConnectedWithProxy, boolean ConnectedWithGateway) {
    }

    /** The summaries of these instances, sorted by service name. */
    static List<ServiceSummaryJson> of(List<ServiceInstance> instances) {
        Map<String, Builder> byName = new TreeMap<>();
        Set<String> proxied = new HashSet<>();
        for (ServiceInstance instance : instances) {
            byName.computeIfAbsent(instance.service().name(), Builder::new).add(instance);
            if (instance.service().kind().equals(ServiceKinds.CONNECT_PROXY)) {
                String destination = instance.service().proxy().destinationServiceName();
                proxied.add(destination);
                byName.computeIfAbsent(destination, Builder::new).proxiedBy(instance);
            }
        }
        List<ServiceSummaryJson> out = new ArrayList<>(byName.size());
        byName.values().forEach(b -> out.add(b.build(proxied.contains(b.name))));
        return out;
    }

    private static final class Builder {
        private final String name;
        private String datacenter = "";
        private final Set<String> tags = new LinkedHashSet<>();
        private final List<String> nodes = new ArrayList<>();
        private final Set<String> externalSources = new LinkedHashSet<>();
        private final Map<String, Check> checks = new LinkedHashMap<>();
        private String kind = "";
        private boolean connectNative;
        private boolean transparentProxy;
        private boolean transparentProxySet;

        Builder(String name) {
            this.name = name;
        }

        /** A connect-proxy in front of this service: its checks count here too, as Consul's summary does. */
        void proxiedBy(ServiceInstance proxy) {
            addChecks(proxy);
            boolean transparent = proxy.service().proxy().mode().equals("transparent");
            // Transparent only while every proxy of the service is (Consul shows a warning otherwise).
            transparentProxy = transparent && (transparentProxy || !transparentProxySet);
            transparentProxySet = true;
        }

        void add(ServiceInstance instance) {
            nodes.add(instance.node().name());
            kind = instance.service().kind();
            connectNative = instance.service().connectNative();
            datacenter = instance.node().datacenter();
            tags.addAll(instance.service().tags());
            String source = instance.service().meta().getOrDefault(EXTERNAL_SOURCE, "");
            if (!source.isEmpty()) {
                externalSources.add(source);
            }
            addChecks(instance);
        }

        private void addChecks(ServiceInstance instance) {
            for (Check check : instance.checks()) {
                // Consul keys them by node and check ID: a node check counts once however many instances share it.
                checks.put(check.node() + "/" + check.checkId(), check);
            }
        }

        ServiceSummaryJson build(boolean connectedWithProxy) {
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
            return new ServiceSummaryJson(kind, name, datacenter, nullIfEmpty(sortedTags), nullIfEmpty(sortedNodes),
                    nullIfEmpty(new ArrayList<>(externalSources)), nodes.size(), passing, warning, critical,
                    GatewayConfigJson.EMPTY, transparentProxy, connectNative, connectedWithProxy, false);
        }

        private static List<String> nullIfEmpty(List<String> list) {
            return list.isEmpty() ? null : list;
        }
    }
}
