package dev.signpost.cli;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code -service-identity} and {@code -node-identity} flags of the token and role commands, read as consul's. */
final class AclIdentityFlags {
    private AclIdentityFlags() {
    }

    /** Consul's {@code acl.ExtractServiceIdentities}: {@code NAME} or {@code NAME:DC1,DC2,...}. */
    static ArrayNode serviceIdentities(List<String> raw) {
        ArrayNode out = ApiCommand.JSON.createArrayNode();
        for (String s : raw) {
            String[] parts = s.split(":", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("Malformed -service-identity argument: " + goQuote(s));
            }
            ObjectNode identity = out.addObject().put("ServiceName", parts[0]);
            if (parts.length == 2) {
                ArrayNode dcs = identity.putArray("Datacenters");
                for (String dc : parts[1].split(",", -1)) {
                    dcs.add(dc);
                }
            }
        }
        return out;
    }

    /** Consul's {@code acl.ExtractNodeIdentities}: {@code NODE:DC}. */
    static ArrayNode nodeIdentities(List<String> raw) {
        ArrayNode out = ApiCommand.JSON.createArrayNode();
        for (String n : raw) {
            String[] parts = n.split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Malformed -node-identity argument: " + goQuote(n));
            }
            out.addObject().put("NodeName", parts[0]).put("Datacenter", parts[1]);
        }
        return out;
    }

    /** Go's {@code %q} for the plain text flags carry. */
    private static String goQuote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
