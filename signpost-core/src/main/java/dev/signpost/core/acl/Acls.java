package dev.signpost.core.acl;

import java.util.List;
import java.util.regex.Pattern;

/** Consul's fixed ACL identities and the rules of its built-in management policy. */
public final class Acls {
    /** The anonymous token: what a request without a token is. */
    public static final String ANONYMOUS_TOKEN_ID = "00000000-0000-0000-0000-000000000002";
    /** The anonymous token's secret. */
    public static final String ANONYMOUS_SECRET = "anonymous";
    /** The built-in {@code global-management} policy. */
    public static final String GLOBAL_MANAGEMENT_ID = "00000000-0000-0000-0000-000000000001";
    public static final String GLOBAL_MANAGEMENT_NAME = "global-management";
    /** Every resource, written: what management means. */
    public static final String GLOBAL_MANAGEMENT_RULES = """
            acl = "write"
            agent_prefix "" {
              policy = "write"
            }
            event_prefix "" {
              policy = "write"
            }
            key_prefix "" {
              policy = "write"
            }
            keyring = "write"
            node_prefix "" {
              policy = "write"
            }
            operator = "write"
            mesh = "write"
            peering = "write"
            query_prefix "" {
              policy = "write"
            }
            service_prefix "" {
              policy = "write"
              intentions = "write"
            }
            session_prefix "" {
              policy = "write"
            }""";
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Policy and role names: Consul's {@code validPolicyName}. */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9\\-_]{1,128}$");

    private Acls() {
    }

    /** True for Consul's UUID form (8-4-4-4-12 hex digits). */
    public static boolean isUuid(String text) {
        return UUID.matcher(text).matches();
    }

    /** True for a valid policy, role or identity name. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The built-in management policy, as it is before anyone edits its name or description. */
    public static AclPolicy globalManagement() {
        return new AclPolicy(GLOBAL_MANAGEMENT_ID, GLOBAL_MANAGEMENT_NAME, "Builtin Policy that grants unlimited access",
                GLOBAL_MANAGEMENT_RULES, List.of(), 0, 0);
    }

    /** The anonymous token, as it is before anyone links policies to it. */
    public static AclToken anonymous() {
        return new AclToken(ANONYMOUS_TOKEN_ID, ANONYMOUS_SECRET, "Anonymous Token", List.of(), List.of(), List.of(),
                List.of(), false, "1970-01-01T00:00:00Z", 0, 0);
    }
}
