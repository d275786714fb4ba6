package dev.signpost.cli;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Option;

import dev.signpost.client.ConsulClient;

/** {@code acl token list} and {@code acl policy list}: the format checked first, then the list, whole or pretty. */
abstract class AclListCommand extends AclApiCommand {
    @Option(names = "-meta", arity = "0..1") boolean meta;
    @Option(names = "-format", paramLabel = "FORMAT") String format = "pretty";

    private final String what;
    private final String path;

    /** Lists the {@code what}s (consul's word in "Failed to retrieve the token list") at {@code path}. */
    AclListCommand(String what, String path) {
        this.what = what;
        this.path = path;
    }

    /** The list in consul's pretty format: each entry's lines, or "" for none. */
    abstract String pretty(JsonNode list);

    @Override
    final int run(ConsulClient client) throws IOException {
        if (unknownFormat(format)) {
            return 1;
        }
        prefix = "Failed to retrieve the " + what + " list: ";
        JsonNode list = send(client, "GET", path, new byte[0]);
        if (format.equals("json")) {
            out().println(GoJson.FOUR_SPACES.writeValueAsString(list));
            return 0;
        }
        String text = pretty(list);
        if (!text.isEmpty()) { // consul prints nothing for an empty list
            out().println(text);
        }
        return 0;
    }
}
