package dev.signpost.core.config;

import static dev.signpost.core.config.ConfigEntries.failIf;
import static dev.signpost.core.config.ConfigEntries.quote;
import static dev.signpost.core.config.ServiceDefaults.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.signpost.core.config.EntrySchema.Type;

/**
 * The {@code terminating-gateway} kind: TerminatingGatewayConfigEntry's fields and Validate, with Consul's messages
 * (agent/structs/config_entry_gateways.go). Its Normalize only sets the kind. Pure.
 */
final class TerminatingGateway {
    private static final EntrySchema LINKED_SERVICE = EntrySchema.builder()
            .omit("Name", "", Type.STRING)
            .omit("CAFile", "ca_file", Type.STRING)
            .omit("CertFile", "cert_file", Type.STRING)
            .omit("KeyFile", "key_file", Type.STRING)
            .omit("SNI", "", Type.STRING).build();
    static final EntrySchema SCHEMA = EntrySchema.builder()
            .plain("Kind", Type.STRING)
            .plain("Name", Type.STRING)
            .structList("Services", LINKED_SERVICE)
            .omit("Meta", "", Type.STRING_MAP).build();

    private TerminatingGateway() {
    }

    static ConfigEntry normalized(ConfigEntry entry) {
        failIf(ConfigEntries.meta(entry.meta(), new ArrayList<>()));
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> service : services(entry)) {
            String name = text(service, "Name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Service name cannot be blank.");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("Service " + quote(name)
                        + " was specified more than once within a namespace");
            }
            boolean ca = !text(service, "CAFile").isEmpty();
            boolean cert = !text(service, "CertFile").isEmpty();
            boolean key = !text(service, "KeyFile").isEmpty();
            // Only a CAFile is one-way TLS; a client certificate or key needs all three.
            if ((cert || key) && !(ca && cert && key)) {
                throw new IllegalArgumentException("Service " + quote(name)
                        + " must have a CertFile, CAFile, and KeyFile specified for TLS origination");
            }
        }
        return entry;
    }

    /** The linked services of an entry. */
    static List<Map<String, Object>> services(ConfigEntry entry) {
        return entry.body().get("Services") instanceof List<?> l ? l.stream().map(ServiceDefaults::cast).toList()
                : List.of();
    }
}
