package dev.signpost.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The value coercions of mapstructure's weakly typed decoding as Consul configures it for config entries, with its
 * error texts, which quote the value as Go prints the JSON value it decoded (float64 numbers, maps, slices). Pure.
 */
final class WeakDecode {
    private WeakDecode() {
    }

    /** A map, or under weak typing a list of maps merged in order (mapstructure's decodeMapFromSlice). */
    static Map<String, Object> weakMap(String name, Object value) {
        if (value instanceof List<?> list) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                merged.putAll(map(name + "[" + i + "]", list.get(i)));
            }
            return merged;
        }
        return new LinkedHashMap<>(map(name, value));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String name, Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("'" + name + "' expected a map, got '" + goKind(value) + "'");
    }

    static String weakString(String name, Object value) {
        return switch (value) {
            case String s -> s;
            case Boolean b -> b ? "1" : "0";
            case Number n -> goNumber(n);
            default -> throw new IllegalArgumentException(unconvertible(name, "string", value));
        };
    }

    static boolean weakBool(String name, Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> switch (s) {
                case "1", "t", "T", "TRUE", "true", "True" -> true;
                case "", "0", "f", "F", "FALSE", "false", "False" -> false;
                default -> throw new IllegalArgumentException("cannot parse '" + name
                        + "' as bool: strconv.ParseBool: parsing " + ConfigEntries.quote(s) + ": invalid syntax");
            };
            default -> throw new IllegalArgumentException(unconvertible(name, "bool", value));
        };
    }

    static long weakInt(String name, Object value) {
        return switch (value) {
            case Number n -> n.longValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> {
                if (s.isEmpty()) {
                    yield 0L;
                }
                try {
                    yield Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("cannot parse '" + name + "' as int: strconv.ParseInt: parsing "
                            + ConfigEntries.quote(s) + ": invalid syntax");
                }
            }
            default -> throw new IllegalArgumentException(unconvertible(name, "int", value));
        };
    }

    static long weakUint(String name, Object value) {
        long n;
        if (value instanceof String s && !s.isEmpty()) {
            try {
                n = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cannot parse '" + name + "' as uint: strconv.ParseUint: parsing "
                        + ConfigEntries.quote(s) + ": invalid syntax");
            }
        } else if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(unconvertible(name, "uint32", value));
        } else {
            n = weakInt(name, value);
        }
        if (n < 0 || n > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("cannot parse '" + name + "', " + n + " overflows uint");
        }
        return n;
    }

    /** Go's time.Duration: a duration string (mapstructure's StringToTimeDurationHookFunc) or nanoseconds. */
    static long duration(String name, Object value, Function<String, Duration> durations) {
        if (value instanceof String s) {
            try {
                return durations.apply(s).toNanos();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("error decoding '" + name + "': " + e.getMessage());
            }
        }
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(unconvertible(name, "time.Duration", value));
        }
        return weakInt(name, value);
    }

    static String unconvertible(String name, String type, Object value) {
        return "'" + name + "' expected type '" + type + "', got unconvertible type '" + goType(value)
                + "', value: '" + goValue(value) + "'";
    }

    /** The Go type encoding/json decodes a JSON value into, inside an interface{}. */
    static String goType(Object value) {
        return switch (value) {
            case Map<?, ?> m -> "map[string]interface {}";
            case List<?> l -> "[]interface {}";
            case String s -> "string";
            case Boolean b -> "bool";
            default -> "float64";
        };
    }

    static String goKind(Object value) {
        return switch (value) {
            case Map<?, ?> m -> "map";
            case List<?> l -> "slice";
            case String s -> "string";
            case Boolean b -> "bool";
            default -> "float64";
        };
    }

    /** Go's %v of a decoded JSON value. */
    static String goValue(Object value) {
        return switch (value) {
            case null -> "<nil>";
            case Map<?, ?> m -> {
                StringBuilder out = new StringBuilder("map[");
                new TreeMap<>(m).forEach((k, v) -> out.append(out.length() > 4 ? " " : "").append(k).append(':')
                        .append(goValue(v)));
                yield out.append(']').toString();
            }
            case List<?> l -> "[" + String.join(" ", l.stream().map(WeakDecode::goValue).toList()) + "]";
            case Number n -> goNumber(n);
            default -> value.toString();
        };
    }

    /** A JSON number as Go formats the float64 it decodes into (strconv 'f', shortest). */
    static String goNumber(Number n) {
        if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return n.toString();
    }

    /** A Go float32: numbers rounded to float32, booleans 1 or 0, strings parsed ("" is 0). */
    static double weakFloat32(String name, Object value) {
        return switch (value) {
            case Number n -> (double) n.floatValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> {
                if (!s.isEmpty() && !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new IllegalArgumentException("cannot parse '" + name + "' as float: strconv.ParseFloat: "
                            + "parsing " + ConfigEntries.quote(s) + ": invalid syntax");
                }
                yield s.isEmpty() ? 0 : (double) Float.parseFloat(s);
            }
            default -> throw new IllegalArgumentException(unconvertible(name, "float32", value));
        };
    }

    /** A float32 as Go's encoding/json writes it: integral values without a fraction, others shortest. */
    static Object goFloat32(double value) {
        float f = (float) value;
        if (f == Math.rint(f) && Math.abs(f) < 1e21) {
            return (long) f;
        }
        return new BigDecimal(Float.toString(f));
    }
}
