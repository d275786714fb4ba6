package dev.signpost.template.dependency;

import java.util.List;
import java.util.Map;

import dev.signpost.template.lang.GoMap;
import dev.signpost.template.lang.GoRecord;
import dev.signpost.template.lang.GoSlice;

import static java.util.Objects.requireNonNull;

/**
 * A service registered on a node, as listed by {@code node} ({@code *dependency.CatalogNodeService}):
 * {@code .ID .Service .Tags .Meta .Port .Address .EnableTagOverride}. Immutable.
 */
public record CatalogNodeService(String id, String service, List<String> tags, Map<String, String> meta, long port,
                                 String address, boolean enableTagOverride)
        implements GoRecord<CatalogNodeService> {

    private static final Fields<CatalogNodeService> GO =
            Fields.<CatalogNodeService>struct("*dependency.CatalogNodeService")
                .field("ID", CatalogNodeService::id)
                .field("Service", CatalogNodeService::service)
                .field("Tags", CatalogNodeService::tags)
                .field("Meta", CatalogNodeService::meta)
                .field("Port", CatalogNodeService::port)
                .field("Address", CatalogNodeService::address)
                .field("EnableTagOverride", CatalogNodeService::enableTagOverride)
                .build();

    public CatalogNodeService {
        requireNonNull(id, "id");
        requireNonNull(service, "service");
        tags = GoSlice.ofStrings(tags);
        meta = GoMap.ofStrings(meta);
        requireNonNull(address, "address");
    }

    @Override
    public Fields<CatalogNodeService> goFields() {
        return GO;
    }
}
