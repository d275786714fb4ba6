package dev.signpost.template.lang;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A Java record that templates see as a Go struct. Each record type builds one {@link Fields} table, once, naming its
 * Go fields in declaration order with an accessor each; {@code .Name} is then a map lookup and a call, with no
 * reflection and no hand-written switch per record:
 * <pre>{@code
 * record Weights(long passing, long warning) implements GoRecord<Weights> {
 *     private static final Fields<Weights> GO = Fields.<Weights>struct("api.AgentWeights")
 *             .field("Passing", Weights::passing).field("Warning", Weights::warning).build();
 *
 *     public Fields<Weights> goFields() {
 *         return GO;
 *     }
 * }
 * }</pre>
 *
 * @param <R> the record type itself
 */
public interface GoRecord<R extends GoRecord<R>> extends GoStruct {

    /** The record type's Go name and field table. */
    Fields<R> goFields();

    @Override
    default String goTypeName() {
        return goFields().typeName();
    }

    @Override
    default List<String> fieldNames() {
        return goFields().names();
    }

    // Unchecked: an implementation is a GoRecord of its own type, as the bound on R says.
    @SuppressWarnings("unchecked")
    @Override
    default Object field(String name) {
        return goFields().value((R) this, name);
    }

    /** A Go struct type's name and fields, in declaration order, each with its accessor. Immutable; thread-safe. */
    final class Fields<R> {

        private final String typeName;
        private final List<String> names;
        private final Map<String, Function<R, Object>> accessors;

        private Fields(String typeName, Map<String, Function<R, Object>> accessors) {
            this.typeName = typeName;
            this.names = List.copyOf(accessors.keySet());
            this.accessors = Map.copyOf(accessors);
        }

        /** Starts the table of the Go type as error messages print it, e.g. {@code *dependency.HealthService}. */
        public static <R> Builder<R> struct(String typeName) {
            return new Builder<>(requireNonNull(typeName, "typeName"));
        }

        String typeName() {
            return typeName;
        }

        List<String> names() {
            return names;
        }

        /** A nil pointer to this struct type, which fails on these fields as Go's does. */
        public GoNil nil() {
            return new GoNil(typeName, Set.copyOf(names));
        }

        /** The field's value in record, or {@link GoStruct#NO_FIELD} when the type has no such field. */
        Object value(R record, String name) {
            Function<R, Object> accessor = accessors.get(name);
            return accessor == null ? NO_FIELD : accessor.apply(record);
        }

        /** Collects fields in declaration order. Not thread-safe; used once, in a static initializer. */
        public static final class Builder<R> {

            private final String typeName;
            private final Map<String, Function<R, Object>> accessors = new LinkedHashMap<>();

            private Builder(String typeName) {
                this.typeName = typeName;
            }

            /** Adds the Go field goName, read with accessor. */
            public Builder<R> field(String goName, Function<R, Object> accessor) {
                requireNonNull(accessor, "accessor");
                if (accessors.putIfAbsent(requireNonNull(goName, "goName"), accessor) != null) {
                    throw new IllegalArgumentException("duplicate field \"" + goName + "\" in " + typeName);
                }
                return this;
            }

            public Fields<R> build() {
                return new Fields<>(typeName, accessors);
            }
        }
    }
}
