package dev.signpost.core.config;

import static dev.signpost.core.config.ConfigEntries.failIf;
import static dev.signpost.core.config.ServiceDefaults.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signpost.core.config.EntrySchema.Type;

/**
 * The {@code exported-services} kind: ExportedServicesConfigEntry's fields, Normalize and Validate as Consul OSS
 * builds them (agent/structs/config_entry_exports.go with config_entry_ce.go and config_entry_exports_ce.go): the
 * name must be {@code default}, a service's Namespace is normalised away (acl.NormalizeNamespace answers "" in OSS),
 * a consumer's Partition passes the enterprise check (every partition is the default one in OSS) and a
 * SamenessGroup is refused. Validate stops at the first problem, as Consul's does. Pure.
 */
final class ExportedServices {
    private static final String NAME = "default";
    private static final String WILDCARD = "*";
    private static final EntrySchema CONSUMER = EntrySchema.builder()
            .omit("Partition", "", Type.STRING)
            .omit("Peer", "peer_name", Type.STRING)
            .omit("SamenessGroup", "sameness_group", Type.STRING).build();
    private static final EntrySchema SERVICE = EntrySchema.builder()
            .plain("Name", Type.STRING)
            .omit("Namespace", "", Type.STRING)
            .structs("Consumers", "", CONSUMER).build();
    // MarshalJSON writes Kind before the struct's own fields.
    static final EntrySchema SCHEMA = EntrySchema.builder()
            .plain("Kind", Type.STRING)
            .plain("Name", Type.STRING)
            .structs("Services", "", SERVICE)
            .omit("Meta", "", Type.STRING_MAP).build();

    private ExportedServices() {
    }

    static ConfigEntry normalized(ConfigEntry entry) {
        Map<String, Object> body = new LinkedHashMap<>(entry.body());
        List<Map<String, Object>> services = services(entry);
        if (body.containsKey("Services")) {
            List<Object> out = new ArrayList<>();
            for (Map<String, Object> service : services) {
                Map<String, Object> copy = new LinkedHashMap<>(service);
                copy.remove("Namespace");
                out.add(copy);
            }
            body.put("Services", out);
        }
        if (!entry.name().equals(NAME)) {
            throw new IllegalArgumentException("exported-services Name must be \"" + NAME + "\"");
        }
        failIf(ConfigEntries.meta(entry.meta(), new ArrayList<>()));
        for (int i = 0; i < services.size(); i++) {
            List<Map<String, Object>> consumers = consumers(services.get(i));
            for (int j = 0; j < consumers.size(); j++) {
                if (!text(consumers.get(j), "SamenessGroup").isEmpty()) {
                    throw invalid(i, j, "sameness-groups are an enterprise-only feature");
                }
            }
        }
        for (int i = 0; i < services.size(); i++) {
            servicesProblem(services.get(i), i);
        }
        return entry.withBody(body);
    }

    private static void servicesProblem(Map<String, Object> service, int i) {
        if (text(service, "Name").isEmpty()) {
            throw new IllegalArgumentException("Services[" + i + "]: service name cannot be empty");
        }
        List<Map<String, Object>> consumers = consumers(service);
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException("Services[" + i + "]: must have at least one consumer");
        }
        for (int j = 0; j < consumers.size(); j++) {
            Map<String, Object> consumer = consumers.get(j);
            String partition = text(consumer, "Partition");
            String peer = text(consumer, "Peer");
            long given = List.of(peer, partition, text(consumer, "SamenessGroup")).stream()
                    .filter(s -> !s.isEmpty()).count();
            if (given > 1) {
                throw invalid(i, j, "must define at most one of Peer, Partition, or SamenessGroup");
            }
            if (partition.equals(WILDCARD)) {
                throw invalid(i, j, "exporting to all partitions (wildcard) is not supported");
            }
            if (peer.equals(WILDCARD)) {
                throw invalid(i, j, "exporting to all peers (wildcard) is not supported");
            }
        }
    }

    private static IllegalArgumentException invalid(int service, int consumer, String why) {
        return new IllegalArgumentException("Services[" + service + "].Consumers[" + consumer + "]: " + why);
    }

    private static List<Map<String, Object>> services(ConfigEntry entry) {
        return entry.body().get("Services") instanceof List<?> l ? l.stream().map(ServiceDefaults::cast).toList()
                : List.of();
    }

    private static List<Map<String, Object>> consumers(Map<String, Object> service) {
        return service.get("Consumers") instanceof List<?> l ? l.stream().map(ServiceDefaults::cast).toList()
                : List.of();
    }
}
