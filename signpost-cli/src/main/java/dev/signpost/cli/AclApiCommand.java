package dev.signpost.cli;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.RawApi;

/** A command printing a token or policy as consul's pretty (or -format json) formatter does. */
abstract class AclApiCommand extends StagedApiCommand {
    AclApiCommand() {
        super("Error connecting to Consul agent: ");
    }

    /** The answer's JSON, a 404 being Consul's error (the Go client's requireOK). */
    JsonNode send(ConsulClient client, String method, String path, byte[] body) throws IOException {
        RawApi.Response r = requireOk(call(client, method, path, body));
        return r.body().length == 0 ? JSON.nullNode() : JSON.readTree(r.body());
    }

    /** A unique prefix of an ID listed at {@code listPath}, as consul's Get*IDFromPartial. */
    String fromPartial(ConsulClient client, String partial, String listPath, String idField, String what)
            throws IOException {
        if (partial.length() == 36) {
            return partial;
        }
        String found = "";
        for (JsonNode entry : send(client, "GET", listPath, new byte[0])) {
            String id = entry.path(idField).asText();
            if (id.startsWith(partial)) {
                if (!found.isEmpty()) {
                    throw new IllegalArgumentException("Partial " + what + " ID is not unique");
                }
                found = id;
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("No such " + what + " ID with prefix: " + partial);
        }
        return found;
    }

    /**
     * A token's full accessor ID from a unique prefix (consul's GetTokenAccessorIDFromPartial), or empty after
     * printing {@code errorPrefix} and why.
     */
    String tokenAccessor(ConsulClient client, String partial, String errorPrefix) throws IOException {
        prefix = errorPrefix;
        try {
            return fromPartial(client, partial, "/v1/acl/tokens", "AccessorID", "token");
        } catch (IllegalArgumentException e) {
            err().println(errorPrefix + e.getMessage());
            return "";
        }
    }

    static boolean knownFormat(String format) {
        return format.equals("pretty") || format.equals("json");
    }

    /** Consul's answer to a create without {@code -name}: the error, then the command's usage; exit 1. */
    int missingName() {
        err().println("Missing require '-name' flag");
        spec.commandLine().usage(err());
        return 1;
    }

    /** True, after printing consul's "Unknown format" error, when {@code format} is neither pretty nor json. */
    boolean unknownFormat(String format) {
        if (knownFormat(format)) {
            return false;
        }
        err().println("Unknown format: " + format);
        return true;
    }

    /** Prints a token, policy or role in {@code format}, or consul's "Unknown format" error (exit 1). */
    int print(String format, JsonNode value, String pretty) throws IOException {
        if (unknownFormat(format)) {
            return 1;
        }
        out().println(format.equals("json") ? GoJson.FOUR_SPACES.writeValueAsString(value) : pretty);
        return 0;
    }

    /**
     * Links to policies (or roles) as consul's commands make them: names as given, then each ID prefix resolved.
     * An ID that does not resolve is consul's "Error resolving policy ID : ..." (its loop variable is shadowed,
     * so the ID it names is always empty); the caller prints it and exits 1.
     */
    ArrayNode links(ConsulClient client, ArrayNode into, List<String> names, List<String> ids, String kind)
            throws IOException {
        names.forEach(name -> into.addObject().put("Name", name));
        String list = kind.equals("policy") ? "/v1/acl/policies" : "/v1/acl/roles";
        for (String id : ids) {
            try {
                into.addObject().put("ID", fromPartial(client, id, list, "ID", kind));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Error resolving " + kind + " ID : " + e.getMessage(), e);
            } catch (ConsulException e) {
                throw new IllegalArgumentException("Error resolving " + kind + " ID : " + goError(e), e);
            }
        }
        return into;
    }
}
