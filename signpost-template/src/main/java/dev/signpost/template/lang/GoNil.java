package dev.signpost.template.lang;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A typed nil pointer, such as the {@code *dependency.CatalogNode} that consul-template's {@code node} returns for
 * an unknown node. It prints as {@code <nil>} and is false in conditions, unlike Java null, which stands for Go's
 * untyped nil ({@code <no value>}). A field the struct has fails with {@code nil pointer evaluating T.F}; any other
 * field with {@code can't evaluate field F in type T}, as in Go.
 *
 * @param goTypeName the pointer type, e.g. {@code *dependency.CatalogNode}
 * @param fieldNames the pointed-to struct's field names; empty means unknown, and every field counts as present
 */
public record GoNil(String goTypeName, Set<String> fieldNames) {

    public GoNil {
        requireNonNull(goTypeName, "goTypeName");
        fieldNames = Set.copyOf(fieldNames);
    }

    /** A nil pointer whose struct fields are unknown. */
    public GoNil(String goTypeName) {
        this(goTypeName, Set.of());
    }

    boolean hasField(String name) {
        return fieldNames.isEmpty() || fieldNames.contains(name);
    }
}
