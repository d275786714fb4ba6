package dev.signpost.template.lang;

import static java.util.Objects.requireNonNull;

/**
 * A typed nil pointer, such as the {@code *dependency.CatalogNode} that consul-template's {@code node} returns before
 * data arrives. It prints as {@code <nil>}, is false in conditions and fails field access with
 * {@code nil pointer evaluating T.F}, unlike Java null, which stands for Go's untyped nil ({@code <no value>}).
 */
public record GoNil(String goTypeName) {
    public GoNil {
        requireNonNull(goTypeName, "goTypeName");
    }
}
