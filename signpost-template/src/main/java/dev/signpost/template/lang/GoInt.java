package dev.signpost.template.lang;

import static java.util.Objects.requireNonNull;

/**
 * A sized Go integer other than int, such as the int64 that consul-template's math functions and parseInt return or
 * the uint64 of parseUint. It prints and compares like int, but %T names its type and a parameter of type int refuses
 * it, as Go does ({@code wrong type for value; expected int; got int64}). Plain {@link Long} is Go's int.
 *
 * @param value      the bits; for uint64 read them unsigned
 * @param goTypeName {@code int64} or {@code uint64}
 */
public record GoInt(long value, String goTypeName) {

    public GoInt {
        requireNonNull(goTypeName, "goTypeName");
        if (!goTypeName.equals("int64") && !goTypeName.equals("uint64")) {
            throw new IllegalArgumentException("unsupported integer type " + goTypeName);
        }
    }

    public static GoInt int64(long value) {
        return new GoInt(value, "int64");
    }

    public static GoInt uint64(long value) {
        return new GoInt(value, "uint64");
    }

    boolean unsigned() {
        return goTypeName.equals("uint64");
    }

    /** The decimal form, unsigned for uint64. */
    @Override
    public String toString() {
        return unsigned() ? Long.toUnsignedString(value) : Long.toString(value);
    }

    /** The integer value of a Go int of any size, or null when v is not an integer. */
    public static Long intValue(Object v) {
        return switch (v) {
            case Long l -> l;
            case GoInt g -> g.value();
            case null, default -> null;
        };
    }
}
