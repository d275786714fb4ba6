package dev.signpost.template.dependency;

import java.util.List;

import dev.signpost.template.lang.GoSlice;
import dev.signpost.template.lang.GoStruct;

import static java.util.Objects.requireNonNull;

/** One entry of {@code services}: a service name and its tags ({@code *dependency.CatalogSnippet}). Immutable. */
public record CatalogSnippet(String name, List<String> tags) implements GoStruct {

    private static final List<String> FIELDS = List.of("Name", "Tags");

    public CatalogSnippet {
        requireNonNull(name, "name");
        tags = GoSlice.ofStrings(tags);
    }

    @Override
    public String goTypeName() {
        return "*dependency.CatalogSnippet";
    }

    @Override
    public List<String> fieldNames() {
        return FIELDS;
    }

    @Override
    public Object field(String field) {
        return switch (field) {
            case "Name" -> name;
            case "Tags" -> tags;
            default -> NO_FIELD;
        };
    }
}
