package dev.signpost.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;

/**
 * {@code acl bootstrap} and the groups {@code acl token} ({@link AclTokenCommands}, {@link AclTokenEditCommands}),
 * {@code acl policy} ({@link AclPolicyCommands}) and {@code acl role} ({@link AclRoleCommand}).
 */
@Command(name = "acl", description = "Interact with Consul's ACLs.",
        subcommands = {AclCommand.Bootstrap.class, AclCommand.Token.class, AclCommand.Policy.class,
                AclRoleCommand.class})
final class AclCommand extends ParentCommand {
    @Command(name = "bootstrap", description = "Bootstrap Consul's ACL system.")
    static final class Bootstrap extends AclApiCommand {
        @Option(names = "-format", paramLabel = "FORMAT", description = "Output format {pretty|json}.")
        String format = "pretty";
        @Parameters(arity = "0..*", paramLabel = "SECRET")
        List<String> args = new ArrayList<>();

        @Override
        int run(ConsulClient client) throws IOException {
            if (args.size() > 1) {
                err().println("This command takes up to one argument");
                return 1;
            }
            String secret = args.isEmpty() ? "" : args.get(0).strip();
            prefix = "Failed ACL bootstrapping: ";
            byte[] body = secret.isEmpty() ? new byte[0]
                    : JSON.writeValueAsBytes(JSON.createObjectNode().put("BootstrapSecret", secret));
            JsonNode token = send(client, "PUT", "/v1/acl/bootstrap", body);
            return print(format, token, AclFormatter.token(token, false, false));
        }
    }

    @Command(name = "token", description = "Manage Consul's ACL tokens.",
            subcommands = {AclTokenCommands.Create.class, AclTokenCommands.ListTokens.class,
                    AclTokenCommands.Read.class, AclTokenCommands.Delete.class,
                    AclTokenEditCommands.Update.class, AclTokenEditCommands.Clone.class})
    static final class Token extends ParentCommand {
    }

    @Command(name = "policy", description = "Manage Consul's ACL policies.",
            subcommands = {AclPolicyCommands.Create.class, AclPolicyCommands.ListPolicies.class,
                    AclPolicyCommands.Read.class, AclPolicyCommands.Delete.class})
    static final class Policy extends ParentCommand {
    }
}
