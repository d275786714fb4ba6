package dev.signpost.core.filter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields a filter may select on one kind of record, under the names Consul's structs give them: what go-bexpr
 * derives from a Go struct by reflection, written out. Built once per record kind and shared; immutable once
 * built.
 *
 * <pre>{@code
 * Fields<Node> NODE = Fields.<Node>builder().string("Node", Node::name).stringMap("Meta", Node::meta).build();
 * }</pre>
 *
 * @param <T> the record the top-level fields are read from
 */
public final class Fields<T> {
    private final Map<String, Field> fields;

    private Fields(Map<String, Field> fields) {
        this.fields = Map.copyOf(fields);
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    Map<String, Field> fields() {
        return fields;
    }

    /** Adds fields in the order Consul's struct declares them; each adder names the field and how to read it. */
    public static final class Builder<T> {
        private final Map<String, Field> fields = new LinkedHashMap<>();

        private Builder() {
        }

        @SuppressWarnings("unchecked")
        private Builder<T> add(String name, Field.Type type, int bits, Function<T, ?> reader, Map<String, Field> below) {
            if (fields.containsKey(name)) {
                throw new IllegalArgumentException("field " + name + " is declared twice");
            }
            fields.put(name, new Field(type, bits, (Function<Object, Object>) reader, below));
            return this;
        }

        /** A Go string. */
        public Builder<T> string(String name, Function<T, String> reader) {
            return add(name, Field.Type.STRING, 0, reader, Map.of());
        }

        /** A Go bool. */
        public Builder<T> bool(String name, Function<T, Boolean> reader) {
            return add(name, Field.Type.BOOL, 0, reader, Map.of());
        }

        /** A Go signed integer of this many bits ({@code int} is 64). */
        public Builder<T> integer(String name, int bits, Function<T, ? extends Number> reader) {
            return add(name, Field.Type.INT, bits, reader, Map.of());
        }

        /** A Go unsigned integer of this many bits. */
        public Builder<T> unsigned(String name, int bits, Function<T, ? extends Number> reader) {
            return add(name, Field.Type.UINT, bits, reader, Map.of());
        }

        /** A Go {@code []string}. */
        public Builder<T> strings(String name, Function<T, List<String>> reader) {
            return add(name, Field.Type.STRING_LIST, 0, reader, Map.of());
        }

        /** A Go {@code map[string]string}: keys are selectable ({@code Meta.env}, {@code Meta["env"]}). */
        public Builder<T> stringMap(String name, Function<T, Map<String, String>> reader) {
            Field value = new Field(Field.Type.STRING, 0, Function.identity(), Map.of());
            return add(name, Field.Type.MAP, 0, reader, Map.of(Field.ANY, value));
        }

        /** A nested struct. */
        public <U> Builder<T> struct(String name, Function<T, U> reader, Fields<U> of) {
            return add(name, Field.Type.STRUCT, 0, reader, of.fields());
        }

        /** A Go slice of structs: a selector through it holds when it holds for any element. */
        public <U> Builder<T> structs(String name, Function<T, List<U>> reader, Fields<U> of) {
            return add(name, Field.Type.STRUCT_LIST, 0, reader, of.fields());
        }

        /** A Go {@code map[string]Struct}. */
        public <U> Builder<T> structMap(String name, Function<T, Map<String, U>> reader, Fields<U> of) {
            Field value = new Field(Field.Type.STRUCT, 0, Function.identity(), of.fields());
            return add(name, Field.Type.MAP, 0, reader, Map.of(Field.ANY, value));
        }

        public Fields<T> build() {
            return new Fields<>(fields);
        }
    }
}
