package dev.signpost.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static dev.signpost.core.config.WeakDecode.duration;
import static dev.signpost.core.config.WeakDecode.map;
import static dev.signpost.core.config.WeakDecode.weakBool;
import static dev.signpost.core.config.WeakDecode.weakFloat32;
import static dev.signpost.core.config.WeakDecode.weakInt;
import static dev.signpost.core.config.WeakDecode.weakMap;
import static dev.signpost.core.config.WeakDecode.weakString;
import static dev.signpost.core.config.WeakDecode.weakUint;

/**
 * The fields of one Go struct of Consul's config entries, in declaration order, with how Consul reads them from a
 * request body and how Go's encoding/json writes them back. Reading follows mapstructure as Consul configures it for
 * config entries (lib/decode.HookTranslateKeys, WeaklyTypedInput, HookWeakDecodeFromSlice, durations from strings):
 * a key matches a field by its name, its snake_case alias, or its name without regard to case; values are coerced
 * as mapstructure's weak typing does; a key no field takes is reported unused, with its dotted path. Writing follows
 * encoding/json: {@code omitempty} drops zero scalars and nil pointers but never a struct value. Immutable.
 */
final class EntrySchema {
    /**
     * A field's Go type. DURATION is written as nanoseconds, DURATION_TEXT as a {@link Duration} (the kinds whose
     * MarshalJSON writes Go's duration string); OBJECT_MAP is a map of structs, FLOAT32 a Go float32.
     */
    enum Type {
        STRING, BOOL, INT, UINT32, FLOAT32, DURATION, DURATION_TEXT, STRING_MAP, ANY_MAP, STRING_LIST, UINT32_LIST,
        OBJECT, OBJECT_LIST, OBJECT_MAP
    }

    /** One field: {@code pointer} for Go pointers (absent is nil, present zero is kept). */
    record Field(String name, String alias, Type type, boolean omitEmpty, boolean pointer, EntrySchema object) {
    }

    private final List<Field> fields;

    private EntrySchema(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Adds fields in the order of Consul's struct. */
    static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        /** A field written even when zero (no omitempty). */
        Builder plain(String name, Type type) {
            return add(new Field(name, "", type, false, false, null));
        }

        /** A field written even when zero, with its alias. */
        Builder plain(String name, String alias, Type type) {
            return add(new Field(name, alias, type, false, false, null));
        }

        /** An omitempty field, with its alias ("" for none). */
        Builder omit(String name, String alias, Type type) {
            return add(new Field(name, alias, type, true, false, null));
        }

        /** An omitempty pointer to a scalar. */
        Builder pointer(String name, String alias, Type type) {
            return add(new Field(name, alias, type, true, true, null));
        }

        /** A struct value: always written, as {} when empty. */
        Builder struct(String name, String alias, EntrySchema object) {
            return add(new Field(name, alias, Type.OBJECT, true, false, object));
        }

        /** An omitempty pointer to a struct. */
        Builder structPointer(String name, String alias, EntrySchema object) {
            return add(new Field(name, alias, Type.OBJECT, true, true, object));
        }

        /** An omitempty map of structs by key. */
        Builder structMap(String name, String alias, EntrySchema object) {
            return add(new Field(name, alias, Type.OBJECT_MAP, true, false, object));
        }

        /** An omitempty list of structs. */
        Builder structs(String name, String alias, EntrySchema object) {
            return add(new Field(name, alias, Type.OBJECT_LIST, true, false, object));
        }

        /** A list of structs without omitempty: written as null when absent. */
        Builder structList(String name, EntrySchema object) {
            return add(new Field(name, "", Type.OBJECT_LIST, false, false, object));
        }

        EntrySchema build() {
            return new EntrySchema(fields);
        }

        private Builder add(Field field) {
            fields.add(field);
            return this;
        }
    }

    /** What decoding found wrong: mapstructure's errors and the keys no field took. */
    static final class Problems {
        final List<String> errors = new ArrayList<>();
        final List<String> unused = new ArrayList<>();
    }

    // ---- reading

    /** The fields a raw JSON object gives, by canonical name, coerced; problems are collected, not thrown. */
    Map<String, Object> decode(Map<String, Object> raw, String path, Problems problems,
                               Function<String, Duration> durations) {
        Map<String, String> byAlias = new LinkedHashMap<>();
        fields.forEach(f -> {
            if (!f.alias().isEmpty()) {
                byAlias.put(f.alias(), f.name());
            }
        });
        Map<String, Object> translated = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            String canonical = byAlias.get(key.toLowerCase(Locale.ROOT));
            translated.putIfAbsent(canonical == null ? key : canonical, value);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> used = new ArrayList<>();
        for (Field field : fields) {
            String key = translated.containsKey(field.name()) ? field.name() : translated.keySet().stream()
                    .filter(k -> k.equalsIgnoreCase(field.name())).findFirst().orElse(null);
            if (key == null) {
                continue;
            }
            used.add(key);
            Object value = coerce(field, translated.get(key), path + field.name(), problems, durations);
            if (value != null) {
                out.put(field.name(), value);
            }
        }
        translated.keySet().stream().filter(k -> !used.contains(k)).forEach(k -> problems.unused.add(path + k));
        return out;
    }

    private Object coerce(Field field, Object value, String name, Problems problems,
                          Function<String, Duration> durations) {
        if (value instanceof List<?> list && list.size() == 1 && field.type() != Type.STRING_LIST
                && field.type() != Type.OBJECT_LIST && field.type() != Type.UINT32_LIST) {
            value = list.getFirst(); // HookWeakDecodeFromSlice: a list of one stands for its element
        }
        if (value == null) {
            return null;
        }
        try {
            return switch (field.type()) {
                case STRING -> weakString(name, value);
                case BOOL -> weakBool(name, value);
                case INT -> weakInt(name, value);
                case UINT32 -> weakUint(name, value);
                case FLOAT32 -> weakFloat32(name, value);
                case DURATION, DURATION_TEXT -> duration(name, value, durations);
                case STRING_MAP -> {
                    Map<String, Object> map = weakMap(name, value);
                    Map<String, Object> out = new LinkedHashMap<>();
                    map.forEach((k, v) -> out.put(k, v == null ? "" : weakString(name + "[" + k + "]", v)));
                    yield out;
                }
                case ANY_MAP -> weakMap(name, value);
                case STRING_LIST, UINT32_LIST -> {
                    List<Object> out = new ArrayList<>();
                    List<?> items = value instanceof List<?> l ? l : List.of(value);
                    if (value instanceof Map) {
                        throw new IllegalArgumentException("'" + name
                                + "': source data must be an array or slice, got map");
                    }
                    for (int i = 0; i < items.size(); i++) {
                        String at = name + "[" + i + "]";
                        Object item = items.get(i);
                        out.add(field.type() == Type.UINT32_LIST ? (Object) weakUint(at, item == null ? 0 : item)
                                : item == null ? "" : weakString(at, item));
                    }
                    yield out;
                }
                case OBJECT -> field.object().decode(map(name, value), name + ".", problems, durations);
                case OBJECT_LIST -> {
                    List<?> items = value instanceof List<?> l ? l : List.of(value);
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        String at = name + "[" + i + "]";
                        out.add(items.get(i) == null ? new LinkedHashMap<>()
                                : field.object().decode(map(at, items.get(i)), at + ".", problems, durations));
                    }
                    yield out;
                }
                case OBJECT_MAP -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    weakMap(name, value).forEach((k, v) -> {
                        String at = name + "[" + k + "]";
                        out.put(k, v == null ? new LinkedHashMap<>()
                                : field.object().decode(map(at, v), at + ".", problems, durations));
                    });
                    yield out;
                }
            };
        } catch (IllegalArgumentException e) {
            problems.errors.add(e.getMessage());
            return null;
        }
    }


    // ---- writing

    /**
     * The fields as Go's encoding/json writes the struct: in declaration order (a LinkedHashMap), the maps among
     * them with sorted keys (TreeMaps). Write it keeping each map's own order.
     */
    Map<String, Object> render(Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : fields) {
            Object value = body.get(field.name());
            if (field.type() == Type.OBJECT && !field.pointer()) {
                out.put(field.name(), field.object().render(value instanceof Map<?, ?> m ? cast(m) : Map.of()));
            } else if (value == null) {
                if (!field.omitEmpty()) {
                    out.put(field.name(), zero(field.type()));
                }
            } else if (!field.omitEmpty() || field.pointer() || !isZero(value)) {
                out.put(field.name(), renderValue(field, value));
            }
        }
        return out;
    }

    private Object renderValue(Field field, Object value) {
        return switch (field.type()) {
            case OBJECT -> field.object().render(cast((Map<?, ?>) value));
            case OBJECT_LIST -> ((List<?>) value).stream().map(v -> field.object().render(cast((Map<?, ?>) v)))
                    .toList();
            case OBJECT_MAP -> {
                Map<String, Object> out = new TreeMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> out.put((String) k, field.object().render(cast((Map<?, ?>) v))));
                yield out;
            }
            case STRING_MAP, ANY_MAP -> sorted(value);
            case DURATION_TEXT -> Duration.ofNanos(((Number) value).longValue());
            case FLOAT32 -> WeakDecode.goFloat32(((Number) value).doubleValue());
            default -> value;
        };
    }

    /** Go writes a map's keys sorted (a struct's fields in declaration order: {@link #render}'s LinkedHashMap). */
    private static Object sorted(Object value) {
        return switch (value) {
            case Map<?, ?> m -> {
                Map<String, Object> out = new TreeMap<>();
                m.forEach((k, v) -> out.put((String) k, sorted(v)));
                yield out;
            }
            case List<?> l -> l.stream().map(EntrySchema::sorted).toList();
            // Go holds every JSON number of a map[string]interface{} as a float64 and writes an integral one
            // without a fraction: 1.0 comes back as 1.
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e21 -> d.longValue();
            default -> value;
        };
    }

    private static Object zero(Type type) {
        return switch (type) {
            case STRING -> "";
            case BOOL -> false;
            case INT, UINT32, DURATION, FLOAT32 -> 0;
            default -> null; // nil maps and slices are null in Go's JSON
        };
    }

    private static boolean isZero(Object value) {
        return switch (value) {
            case String s -> s.isEmpty();
            case Boolean b -> !b;
            case Number n -> n.doubleValue() == 0;
            case Map<?, ?> m -> m.isEmpty();
            case List<?> l -> l.isEmpty();
            default -> false;
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /**
     * A deep, unmodifiable copy of decoded JSON values (nulls kept, order kept), integers as Long and other numbers
     * as Double, so an entry read back from the log or a snapshot equals the one written.
     */
    static Map<String, Object> frozen(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, frozenValue(v)));
        return Collections.unmodifiableMap(out);
    }

    private static Object frozenValue(Object value) {
        return switch (value) {
            case null -> null;
            case Integer i -> i.longValue();
            case Short i -> i.longValue();
            case Byte i -> i.longValue();
            case java.math.BigInteger i -> i.bitLength() < 64 ? (Object) i.longValue() : (Object) i.doubleValue();
            case Float f -> f.doubleValue();
            case BigDecimal d -> d.doubleValue();
            case Map<?, ?> m -> frozen(cast(m));
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(v -> out.add(frozenValue(v)));
                yield Collections.unmodifiableList(out);
            }
            default -> value;
        };
    }
}
