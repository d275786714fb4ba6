package dev.signpost.template.lang;

import java.util.List;
import java.util.Optional;

/**
 * A value that templates see as a Go struct (or pointer to one): it has named fields, reached with {@code .Name},
 * and optionally methods. Records implement it through {@link GoRecord}, whose one table per record type maps Go
 * field names to accessors, so that field access needs no reflection.
 *
 * <p>Implementations must be immutable or otherwise safe to read from the executing thread.
 */
public interface GoStruct {

    /** Returned by {@link #field} when the struct has no field of that name. */
    Object NO_FIELD = new Object() {
        @Override
        public String toString() {
            return "NO_FIELD";
        }
    };

    /** The Go type as error messages print it, e.g. {@code *dependency.HealthService}. */
    String goTypeName();

    /** Field names in declaration order, for printing with {@code %v} and {@code %+v}. */
    List<String> fieldNames();

    /** The value of a field, or {@link #NO_FIELD}; a Go nil field is Java null. */
    Object field(String name);

    /** A method of this value, called as {@code .Name arg...}; empty when there is none. */
    default Optional<TemplateFunction> method(String name) {
        return Optional.empty();
    }

    /** Whether the Go value is a pointer to the struct (prints as {@code &{...}} at top level). */
    default boolean isPointer() {
        return goTypeName().startsWith("*");
    }
}
