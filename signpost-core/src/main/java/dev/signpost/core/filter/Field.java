package dev.signpost.core.filter;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.signpost.core.filter.Expression.Operator;

/**
 * One selectable field, as a go-bexpr field configuration describes it: how to read it from its parent, the Go type
 * a value is coerced to, the operators allowed on it, and the fields below it. A map's or list's fields below are
 * those of its elements; a map's are under the name {@link #ANY}.
 */
record Field(Type type, int bits, Function<Object, Object> reader, Map<String, Field> below) {

    /** The name that stands for any key of a map. */
    static final String ANY = "";

    /** The Go kinds bexpr tells apart. */
    enum Type {
        STRING(EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL, Operator.IN, Operator.NOT_IN, Operator.MATCHES,
                Operator.NOT_MATCHES)),
        BOOL(EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL)),
        INT(EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL)),
        UINT(EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL)),
        STRING_LIST(EnumSet.of(Operator.IN, Operator.NOT_IN, Operator.IS_EMPTY, Operator.IS_NOT_EMPTY)),
        STRUCT_LIST(EnumSet.of(Operator.IS_EMPTY, Operator.IS_NOT_EMPTY)),
        MAP(EnumSet.of(Operator.IS_EMPTY, Operator.IS_NOT_EMPTY, Operator.IN, Operator.NOT_IN)),
        STRUCT(EnumSet.noneOf(Operator.class));

        private final Set<Operator> operators;

        Type(Set<Operator> operators) {
            this.operators = operators;
        }

        Set<Operator> operators() {
            return operators;
        }
    }

    Field {
        requireNonNull(type, "type");
        requireNonNull(reader, "reader");
        below = Map.copyOf(below);
    }

    /**
     * The raw value as this field's Go type, as bexpr's coercion functions give it.
     *
     * @throws GoText.NumberFormat with Go's message when the value does not parse
     */
    Object coerce(String raw) throws GoText.NumberFormat {
        return switch (type) {
            case BOOL -> GoText.parseBool(raw);
            case INT -> GoText.parseInt(raw, bits);
            case UINT -> GoText.parseUint(raw, bits);
            default -> raw;
        };
    }
}
