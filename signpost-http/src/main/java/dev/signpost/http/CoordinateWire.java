package dev.signpost.http;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.NodeCoordinate;

/**
 * Coordinates as Consul's JSON carries them: {@code {"Node", "Segment", "Coord": {"Vec", "Error", "Adjustment",
 * "Height"}}} ({@code Partition} is Enterprise's and omitted when empty, as Consul omits it), with numbers written as
 * Go's encoding/json writes a float64.
 */
final class CoordinateWire {
    private CoordinateWire() {
    }

    /** Consul's structs.Coordinate. */
    record NodeJson(String Node, String Segment, CoordJson Coord) {
        static NodeJson of(NodeCoordinate c) {
            return new NodeJson(c.node(), c.segment(), new CoordJson(c.coord()));
        }
    }

    /** Consul's structs.DatacenterMap. */
    record DatacenterJson(String Datacenter, String AreaID, List<NodeJson> Coordinates) {
    }

    /** Serf's coordinate.Coordinate. */
    @JsonSerialize(using = CoordSerializer.class)
    record CoordJson(Coordinate coordinate) {
    }

    static final class CoordSerializer extends StdSerializer<CoordJson> {
        private static final long serialVersionUID = 1L;

        CoordSerializer() {
            super(CoordJson.class);
        }

        @Override
        public void serialize(CoordJson value, JsonGenerator out, SerializerProvider provider) throws IOException {
            Coordinate c = value.coordinate();
            out.writeStartObject();
            out.writeFieldName("Vec");
            out.writeStartArray();
            for (double x : c.vec()) {
                out.writeNumber(goFloat(x));
            }
            out.writeEndArray();
            out.writeFieldName("Error");
            out.writeNumber(goFloat(c.error()));
            out.writeFieldName("Adjustment");
            out.writeNumber(goFloat(c.adjustment()));
            out.writeFieldName("Height");
            out.writeNumber(goFloat(c.height()));
            out.writeEndObject();
        }
    }

    /**
     * A float64 as Go's encoding/json writes it: the shortest digits that read back, plain between 1e-6 and 1e21,
     * otherwise in exponent form without a leading zero in a negative exponent ({@code 1e-7}, {@code 1e+21}).
     */
    static String goFloat(double f) {
        if (f == 0) {
            return Double.doubleToRawLongBits(f) < 0 ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(f)).stripTrailingZeros(); // JDK 19+: the shortest digits
        double abs = Math.abs(f);
        if (abs >= 1e-6 && abs < 1e21) {
            return d.toPlainString();
        }
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = exponent < 0 ? "-" : "+";
        int e = Math.abs(exponent);
        // strconv writes at least two exponent digits; encoding/json then drops the 0 of a negative one-digit one.
        String exp = exponent < 0 || e >= 10 ? Integer.toString(e) : "0" + e;
        return (f < 0 ? "-" : "") + mantissa + "e" + sign + exp;
    }
}
