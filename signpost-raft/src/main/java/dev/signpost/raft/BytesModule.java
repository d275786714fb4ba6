package dev.signpost.raft;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import dev.signpost.core.model.Bytes;

/**
 * A KV value in JSON as Jackson writes a byte array, a base64 string: the form the Raft log and snapshots have
 * always had (core has no Jackson, so the mapping lives here). Written from the value's own bytes, no copy.
 */
public final class BytesModule extends SimpleModule {
    public BytesModule() {
        super("signpost-bytes");
        addSerializer(Bytes.class, new Serializer());
        addDeserializer(Bytes.class, new Deserializer());
    }

    private static final class Serializer extends StdSerializer<Bytes> {
        Serializer() {
            super(Bytes.class);
        }

        @Override
        public void serialize(Bytes value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeBinary(provider.getConfig().getBase64Variant(), value.asInputStream(), value.length());
        }
    }

    /** Reads whatever Jackson reads as a byte array. */
    private static final class Deserializer extends StdDeserializer<Bytes> {
        Deserializer() {
            super(Bytes.class);
        }

        @Override
        public Bytes deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Bytes.of(ctxt.readValue(p, byte[].class));
        }
    }
}
