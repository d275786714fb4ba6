package dev.signpost.core.config;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.signpost.core.config.EntrySchema.Type;

/**
 * What a {@code POST /v1/discovery-chain} body overrides in the compiled chain (Consul's discoveryChainReadRequest):
 * the mesh gateway mode of every target, the chain's protocol, the connect timeout of every resolver. Empty and zero
 * mean "not overridden".
 *
 * @param connectTimeout nanoseconds
 */
public record ChainOverrides(String meshGatewayMode, String protocol, long connectTimeout) {
    public static final ChainOverrides NONE = new ChainOverrides("", "", 0);
    private static final Set<String> MESH_GATEWAY_MODES = Set.of("", "none", "local", "remote");
    private static final EntrySchema SCHEMA = EntrySchema.builder()
            .struct("OverrideMeshGateway", "override_mesh_gateway", EntrySchema.builder()
                    .omit("Mode", "", Type.STRING).build())
            .omit("OverrideProtocol", "override_protocol", Type.STRING)
            .omit("OverrideConnectTimeout", "override_connect_timeout", Type.DURATION).build();
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /**
     * A request body as Consul reads it (mapstructure, weakly typed, snake_case accepted, other keys ignored).
     *
     * @throws dev.signpost.core.InvalidRequestException "Request decoding failed: ..." for values of the wrong type
     */
    public static ChainOverrides decode(Map<String, Object> raw, Function<String, Duration> durations) {
        EntrySchema.Problems problems = new EntrySchema.Problems();
        Map<String, Object> body = SCHEMA.decode(raw, "", problems, durations);
        if (!problems.errors.isEmpty()) {
            throw ConfigEntries.decoding(ConfigEntries.mapstructureErrors(problems.errors));
        }
        return new ChainOverrides(Bodies.text(Bodies.objectOrEmpty(body, "OverrideMeshGateway"), "Mode"),
                Bodies.text(body, "OverrideProtocol"), Bodies.number(body, "OverrideConnectTimeout"));
    }

    /** structs.ValidateMeshGatewayMode. */
    public boolean validMeshGatewayMode() {
        return MESH_GATEWAY_MODES.contains(meshGatewayMode);
    }

    /**
     * Consul's CustomizationHash: the first 8 hex digits of mitchellh/hashstructure's FNV-1 hash of the overrides that
     * changed the chain (the others zero), as compile.go computes it.
     */
    String customizationHash(boolean meshGateway, boolean protocolChanged, boolean timeout) {
        long mesh = struct("MeshGatewayConfig", field("Mode", string(meshGateway ? meshGatewayMode : "")));
        long hash = struct("", field("OverrideMeshGateway", mesh)
                ^ field("OverrideProtocol", string(protocolChanged ? protocol : ""))
                ^ field("OverrideConnectTimeout", fnv(longBytes(timeout ? connectTimeout : 0))));
        String hex = Long.toHexString(hash);
        return hex.substring(0, Math.min(8, hex.length()));
    }

    /** hashstructure's struct: its type name's hash XOR the hashes of its fields. */
    private static long struct(String typeName, long fields) {
        return string(typeName) ^ fields;
    }

    /** hashstructure's field: the hash of its name's hash and its value's hash, both little-endian. */
    private static long field(String name, long valueHash) {
        ByteBuffer both = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        both.putLong(string(name)).putLong(valueHash);
        return fnv(both.array());
    }

    private static long string(String value) {
        return fnv(value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    /** FNV-1, 64 bits (Go's hash/fnv New64). */
    private static long fnv(byte[] bytes) {
        long hash = FNV_OFFSET;
        for (byte b : bytes) {
            hash *= FNV_PRIME;
            hash ^= b & 0xff;
        }
        return hash;
    }
}
