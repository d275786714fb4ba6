package dev.signpost.core.watch;

/**
 * Names of the pieces of state a blocking query can wait on. Writes report the topics they touched;
 * a query waits on the topics its answer is computed from, so a write to one service does not wake the
 * watchers of another (Consul's table-wide indexes do: hashicorp/consul#1244, #3890).
 */
public final class Topic {
    /** The node list. */
    public static final String NODES = "nodes";
    /** The service name list with tags. */
    public static final String SERVICES = "services";
    /** Any check anywhere (health by state). */
    public static final String CHECKS = "checks";
    /** Every session. */
    public static final String SESSIONS = "sessions";
    /** Every ACL token. */
    public static final String ACL_TOKENS = "acl-tokens";
    /** Every ACL policy. */
    public static final String ACL_POLICIES = "acl-policies";
    /** Every ACL role. */
    public static final String ACL_ROLES = "acl-roles";
    /** Every prepared query. */
    public static final String QUERIES = "prepared-queries";
    /** Every config entry (Consul's config-entries table index). */
    public static final String CONFIG = "config-entries";
    /** Every node's network coordinates (Consul's coordinates table index). */
    public static final String COORDINATES = "coordinates";

    private Topic() {
    }

    /** A node, its services and its checks. */
    public static String node(String name) {
        return "node:" + name;
    }

    /** Every instance of a service name, with their nodes and checks. */
    public static String service(String name) {
        return "service:" + name;
    }

    /** The instances serving a service name over Connect: its proxies and native instances, nodes and checks. */
    public static String connect(String name) {
        return "connect:" + name;
    }

    /** One key; a prefix of this is a KV prefix topic. */
    public static String key(String key) {
        return KEY_PREFIX + key;
    }

    /** True for a topic made by {@link #key}. */
    public static boolean isKey(String topic) {
        return topic.startsWith(KEY_PREFIX);
    }

    private static final String KEY_PREFIX = "kv:";
}
