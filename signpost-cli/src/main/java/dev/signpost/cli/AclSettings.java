package dev.signpost.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import dev.signpost.client.GoDuration;
import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer;

/**
 * The {@code acl} block as Consul reads it, with its legacy top-level keys as fallbacks: {@code acl_datacenter}
 * turns ACLs on as it did before 1.4, {@code acl_master_token} is the initial management token,
 * {@code acl_default_policy}, {@code acl_down_policy}, {@code acl_token}, {@code acl_agent_token} and
 * {@code acl_agent_master_token} the rest. A key in the block beats its legacy name.
 */
final class AclSettings {
    private static final Set<String> DOWN_POLICIES = Set.of("allow", "deny", "extend-cache", "async-cache");

    private AclSettings() {
    }

    static AclConfig of(ConfigFiles files) {
        boolean enabled = files.bool("acl.enabled").orElse(files.text("acl_datacenter").isPresent());
        String policy = files.firstText("acl.default_policy", "acl_default_policy").orElse("allow");
        Authorizer.DefaultPolicy defaultPolicy = switch (policy) {
            case "allow" -> Authorizer.DefaultPolicy.ALLOW;
            case "deny" -> Authorizer.DefaultPolicy.DENY;
            default -> throw new Main.UsageException("acl.default_policy must be \"allow\" or \"deny\", not \""
                    + policy + "\"");
        };
        String down = files.firstText("acl.down_policy", "acl_down_policy").orElse("extend-cache");
        if (!DOWN_POLICIES.contains(down)) {
            throw new Main.UsageException("acl.down_policy must be one of allow, deny, extend-cache or async-cache, "
                    + "not \"" + down + "\"");
        }
        Duration tokenTtl = duration(files, AclConfig.DEFAULT_TOKEN_TTL, "acl.token_ttl", "acl_ttl");
        Duration min = duration(files, AclConfig.DEFAULT_MIN_EXPIRATION_TTL, "acl.token_min_expiration_ttl");
        Duration max = duration(files, AclConfig.DEFAULT_MAX_EXPIRATION_TTL, "acl.token_max_expiration_ttl");
        String management = files.firstText("acl.tokens.initial_management", "acl.tokens.master", "acl_master_token")
                .orElse("");
        AgentTokens tokens = new AgentTokens(
                files.firstText("acl.tokens.default", "acl_token").orElse(""),
                files.firstText("acl.tokens.agent", "acl_agent_token").orElse(""),
                files.firstText("acl.tokens.agent_recovery", "acl.tokens.agent_master", "acl_agent_master_token")
                        .orElse(""));
        return new AclConfig(enabled, defaultPolicy, down, files.bool("acl.enable_token_persistence").orElse(false),
                management, tokens, tokenTtl, min, max);
    }

    private static Duration duration(ConfigFiles files, Duration fallback, String... keys) {
        Optional<String> text = files.firstText(keys);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return GoDuration.parse(text.get());
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(keys[0] + ": " + e.getMessage());
        }
    }
}
