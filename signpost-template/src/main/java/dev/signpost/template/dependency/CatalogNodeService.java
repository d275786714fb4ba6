package dev.signpost.template.dependency;

import java.util.List;
import java.util.Map;

import dev.signpost.template.lang.GoMap;
import dev.signpost.template.lang.GoSlice;
import dev.signpost.template.lang.GoStruct;

import static java.util.Objects.requireNonNull;

/**
 * A service registered on a node, as listed by {@code node} ({@code *dependency.CatalogNodeService}):
 * {@code .ID .Service .Tags .Meta .Port .Address .EnableTagOverride}. Immutable.
 */
public record CatalogNodeService(String id, String service, List<String> tags, Map<String, String> meta, long port,
                                 String address, boolean enableTagOverride) implements GoStruct {

    private static final List<String> FIELDS = List.of("ID", "Service", "Tags", "Meta", "Port", "Address",
            "EnableTagOverride");

    public CatalogNodeService {
        requireNonNull(id, "id");
        requireNonNull(service, "service");
        tags = GoSlice.ofStrings(tags);
        meta = GoMap.ofStrings(meta);
        requireNonNull(address, "address");
    }

    @Override
    public String goTypeName() {
        return "*dependency.CatalogNodeService";
    }

    @Override
    public List<String> fieldNames() {
        return FIELDS;
    }

    @Override
    public Object field(String field) {
        return switch (field) {
            case "ID" -> id;
            case "Service" -> service;
            case "Tags" -> tags;
            case "Meta" -> meta;
            case "Port" -> port;
            case "Address" -> address;
            case "EnableTagOverride" -> enableTagOverride;
            default -> NO_FIELD;
        };
    }
}
