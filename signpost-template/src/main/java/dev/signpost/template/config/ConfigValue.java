package dev.signpost.template.config;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A parsed configuration value with where it was written, the common tree of the HCL and JSON readers. Objects keep
 * their entries in file order and keep repeated keys (HCL's repeated {@code template {}} blocks). Immutable.
 */
public sealed interface ConfigValue {

    /** Where a value starts: file, 1-based line and column. */
    record Position(String file, int line, int column) {
        public Position {
            requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return file + ":" + line + ":" + column;
        }
    }

    Position position();

    /** What the value is, as error messages name it. */
    String kind();

    /** A string, number (Long or Double) or boolean. */
    record Scalar(Object value, Position position) implements ConfigValue {
        public Scalar {
            requireNonNull(value, "value");
            requireNonNull(position, "position");
        }

        @Override
        public String kind() {
            return value instanceof String ? "string" : value instanceof Boolean ? "bool" : "number";
        }
    }

    /** A list {@code [a, b]}. */
    record ListValue(List<ConfigValue> items, Position position) implements ConfigValue {
        public ListValue {
            items = List.copyOf(items);
            requireNonNull(position, "position");
        }

        @Override
        public String kind() {
            return "list";
        }
    }

    /** One {@code key = value} or {@code key { ... }} of an object. */
    record Entry(String key, ConfigValue value, Position position) {
        public Entry {
            requireNonNull(key, "key");
            requireNonNull(value, "value");
            requireNonNull(position, "position");
        }
    }

    /** An object: a file's top level, a block, or {@code { ... }}. */
    record ObjectValue(List<Entry> entries, Position position) implements ConfigValue {
        public ObjectValue {
            entries = List.copyOf(entries);
            requireNonNull(position, "position");
        }

        @Override
        public String kind() {
            return "object";
        }

        /** Every entry with this key, in file order. */
        public List<Entry> all(String key) {
            List<Entry> out = new ArrayList<>();
            for (Entry e : entries) {
                if (e.key().equals(key)) {
                    out.add(e);
                }
            }
            return out;
        }
    }
}
