package dev.signpost.http;

import java.util.List;
import java.util.Map;

import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.state.ServiceInstance;

/**
 * The instance filters of catalog and health reads: {@code ?tag=} (repeatable, every tag must match,
 * compared case-insensitively as Consul does), {@code ?node-meta=key:value} (repeatable) and
 * {@code ?passing} (drops an instance when any of its checks, node checks included, is not passing).
 */
record Filters(List<String> tags, Map<String, String> nodeMeta, boolean passingOnly) {

    static Filters of(ApiRequest request) {
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        for (String pair : request.params("node-meta")) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                meta.put(pair, "");
            } else {
                meta.put(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }
        return new Filters(List.copyOf(request.params("tag")), Map.copyOf(meta), request.flag("passing"));
    }

    boolean matchesNode(Node node) {
        for (Map.Entry<String, String> e : nodeMeta.entrySet()) {
            if (!e.getValue().equals(node.meta().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    boolean matches(ServiceInstance instance) {
        if (!matchesNode(instance.node())) {
            return false;
        }
        for (String tag : tags) {
            if (instance.service().tags().stream().noneMatch(t -> t.equalsIgnoreCase(tag))) {
                return false;
            }
        }
        return !passingOnly || instance.checks().stream().allMatch(c -> c.status() == HealthStatus.PASSING);
    }
}
