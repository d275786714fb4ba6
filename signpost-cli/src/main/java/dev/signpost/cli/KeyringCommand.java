package dev.signpost.cli;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.signpost.client.ConsulClient;

/**
 * {@code keyring -list|-list-primary|-install|-use|-remove} as {@code consul keyring} (command/keyring): one action,
 * Consul's "==> " progress lines, each pool's keys with how many of its nodes hold them, "error: ..." and exit 1
 * when any node failed or did not answer.
 */
@Command(name = "keyring", description = "Manages gossip layer encryption keys.")
final class KeyringCommand extends ApiCommand {
    @Option(names = "-install", paramLabel = "KEY", description = "Install a new encryption key on every member.")
    String install = "";
    @Option(names = "-use", paramLabel = "KEY", description = "Make an installed key the primary (encrypting) key.")
    String use = "";
    @Option(names = "-remove", paramLabel = "KEY", description = "Remove a key that is not the primary one.")
    String remove = "";
    @Option(names = "-list", arity = "0..1", description = "List the keys installed on the members.")
    boolean list;
    @Option(names = "-list-primary", arity = "0..1", description = "List the primary keys of the members.")
    boolean listPrimary;
    @Option(names = "-relay-factor", paramLabel = "N", description = "Accepted as Consul's (0 to 5).")
    int relayFactor;
    @Option(names = "-local-only", arity = "0..1", description = "Accepted as Consul's, for -list only.")
    boolean localOnly;

    @Override
    String errorPrefix() {
        return "error: ";
    }

    @Override
    public Integer call() throws IOException {
        int actions = (list ? 1 : 0) + (listPrimary ? 1 : 0) + (install.isEmpty() ? 0 : 1) + (use.isEmpty() ? 0 : 1)
                + (remove.isEmpty() ? 0 : 1);
        if (actions == 0) {
            spec.commandLine().usage(err());
            err().flush();
            return 1;
        }
        if (actions > 1) {
            err().println("Only a single action is allowed");
            err().flush();
            return 1;
        }
        if (relayFactor < 0 || relayFactor > 5) {
            err().println("Error parsing relay factor: Relay factor must be in range: [0, 5]");
            err().flush();
            return 1;
        }
        if (localOnly && !list) {
            err().println("Error validating local-only: local-only can only be set for list requests");
            err().flush();
            return 1;
        }
        return super.call();
    }

    @Override
    int run(ConsulClient client) throws IOException {
        String query = relayFactor == 0 ? "" : "?relay-factor=" + relayFactor;
        if (list || listPrimary) {
            out().println(list ? "==> Gathering installed encryption keys..."
                    : "==> Gathering installed primary encryption keys...");
            out().flush();
            JsonNode pools = JSON.readTree(call(client, "GET", "/v1/operator/keyring" + query, new byte[0]).body());
            for (JsonNode pool : pools) {
                out().println(format(pool, list ? "Keys" : "PrimaryKeys"));
            }
            return 0;
        }
        String method;
        String key;
        if (!install.isEmpty()) {
            out().println("==> Installing new gossip encryption key...");
            method = "POST";
            key = install;
        } else if (!use.isEmpty()) {
            out().println("==> Changing primary gossip encryption key...");
            method = "PUT";
            key = use;
        } else {
            out().println("==> Removing gossip encryption key...");
            method = "DELETE";
            key = remove;
        }
        out().flush();
        byte[] body = JSON.writeValueAsBytes(Map.of("Key", key));
        call(client, method, "/v1/operator/keyring" + query, body);
        return 0;
    }

    /** One pool as Consul's formatResponse prints it: a blank line, the pool's name, messages, keys. */
    static String format(JsonNode pool, String keysField) {
        StringBuilder text = new StringBuilder("\n");
        text.append(pool.path("WAN").asBoolean() ? "WAN" : pool.path("Datacenter").asText() + " (LAN)");
        String segment = pool.path("Segment").asText("");
        text.append(segment.isEmpty() ? "" : " [" + segment + "]").append(":\n");
        pool.path("Messages").properties().forEach(m -> text.append("  ===> ").append(m.getKey()).append(": ")
                .append(m.getValue().asText()).append('\n'));
        int nodes = pool.path("NumNodes").asInt();
        pool.path(keysField).properties().forEach(k -> text.append("  ").append(k.getKey()).append(" [")
                .append(k.getValue().asInt()).append('/').append(nodes).append("]\n"));
        return text.toString().stripTrailing();
    }

    /** {@code keygen}: a fresh 32-byte key in standard base64, as {@code consul keygen} prints it. */
    @Command(name = "keygen", description = "Generates a new gossip encryption key.")
    static final class Keygen extends SignpostCommand {
        @Override
        public Integer call() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            out().println(Base64.getEncoder().encodeToString(key));
            out().flush();
            return 0;
        }
    }
}
