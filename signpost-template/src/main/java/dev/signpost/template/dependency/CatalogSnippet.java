package dev.signpost.template.dependency;

import java.util.List;

import dev.signpost.template.lang.GoRecord;
import dev.signpost.template.lang.GoSlice;

import static java.util.Objects.requireNonNull;

/** One entry of {@code services}: a service name and its tags ({@code *dependency.CatalogSnippet}). Immutable. */
public record CatalogSnippet(String name, List<String> tags) implements GoRecord<CatalogSnippet> {

    private static final Fields<CatalogSnippet> GO = Fields.<CatalogSnippet>struct("*dependency.CatalogSnippet")
            .field("Name", CatalogSnippet::name)
            .field("Tags", CatalogSnippet::tags)
            .build();

    public CatalogSnippet {
        requireNonNull(name, "name");
        tags = GoSlice.ofStrings(tags);
    }

    @Override
    public Fields<CatalogSnippet> goFields() {
        return GO;
    }
}
