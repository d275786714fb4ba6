package dev.signpost.core.acl;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers "may this token do this to that": the merged rules of a token's policies, roles and identities,
 * over the cluster's default policy (Consul's {@code policy_authorizer} chained to a static authorizer).
 *
 * <p>For a name, an exact rule beats every prefix rule, the longest matching prefix beats shorter ones, and when
 * several policies give a rule for the same name or prefix, deny wins, otherwise the strongest access. With no
 * matching rule the default decides: {@code allow} grants everything but ACL management, {@code deny} nothing.
 * Immutable and thread-safe.
 */
public final class Authorizer {
    private static final Authorizer ALLOW_ALL = new Authorizer(List.of(), DefaultPolicy.ALLOW);
    private static final Authorizer DENY_ALL = new Authorizer(List.of(), DefaultPolicy.DENY);
    private static final Authorizer MANAGE = new Authorizer(List.of(), DefaultPolicy.MANAGE);

    /** What applies where no rule does. */
    public enum DefaultPolicy {
        /** Everything but ACL management (Consul's {@code acl.AllowAll()}). */
        ALLOW,
        /** Nothing. */
        DENY,
        /** Everything: the agent without ACLs, or a built-in management identity. */
        MANAGE
    }

    private final Map<Resource, Map<String, Access>> exact = new EnumMap<>(Resource.class);
    /** Prefix rules by prefix, searched longest first. */
    private final Map<Resource, TreeMap<String, Access>> prefixes = new EnumMap<>(Resource.class);
    private final DefaultPolicy fallback;

    private Authorizer(List<Rule> rules, DefaultPolicy fallback) {
        this.fallback = requireNonNull(fallback, "fallback");
        for (Rule rule : rules) {
            Map<String, Access> table = rule.prefix()
                    ? prefixes.computeIfAbsent(rule.resource(), r -> new TreeMap<>())
                    : exact.computeIfAbsent(rule.resource(), r -> new HashMap<>());
            table.merge(rule.segment(), rule.access(), Access::merge);
        }
    }

    /** The rules of all the given policies, merged, over a default. */
    public static Authorizer of(List<Rules> policies, DefaultPolicy fallback) {
        if (policies.isEmpty()) {
            return of(fallback);
        }
        return new Authorizer(policies.stream().flatMap(p -> p.rules().stream()).toList(), fallback);
    }

    /** No rules, only the default: what ACLs disabled ({@code MANAGE}) and the static policies answer. */
    public static Authorizer of(DefaultPolicy fallback) {
        return switch (fallback) {
            case ALLOW -> ALLOW_ALL;
            case DENY -> DENY_ALL;
            case MANAGE -> MANAGE;
        };
    }

    /** The access granted on a resource name ("" for an unsegmented resource). */
    public Access access(Resource resource, String name) {
        requireNonNull(name, "name");
        Map<String, Access> byName = exact.get(resource);
        if (byName != null) {
            Access found = byName.get(name);
            if (found != null) {
                return found;
            }
        }
        TreeMap<String, Access> byPrefix = prefixes.get(resource);
        if (byPrefix != null) {
            // Walk candidate prefixes from the name down: floorKey finds the greatest key <= the name.
            String key = byPrefix.floorKey(name);
            while (key != null) {
                if (name.startsWith(key)) {
                    return byPrefix.get(key);
                }
                key = byPrefix.lowerKey(key);
            }
        }
        return switch (fallback) {
            case MANAGE -> Access.WRITE;
            case ALLOW -> resource == Resource.ACL ? Access.DENY : Access.WRITE;
            case DENY -> Access.DENY;
        };
    }

    /** Whether a name may be read (list and write include read). */
    public boolean canRead(Resource resource, String name) {
        return access(resource, name).covers(Access.READ);
    }

    /** Whether a name may be written. */
    public boolean canWrite(Resource resource, String name) {
        return access(resource, name).covers(Access.WRITE);
    }

    /**
     * Whether mesh-wide configuration may be written (Consul's {@code MeshWrite}): a {@code mesh} rule decides when
     * there is one, otherwise the {@code operator} rule does.
     */
    public boolean canWriteMesh() {
        Access mesh = exact.getOrDefault(Resource.MESH, Map.of()).get("");
        return mesh != null ? mesh.covers(Access.WRITE) : canWrite(Resource.OPERATOR, "");
    }

    /**
     * Whether mesh-wide configuration may be read (Consul's {@code MeshRead}): a {@code mesh} rule decides when there
     * is one, otherwise the {@code operator} rule does.
     */
    public boolean canReadMesh() {
        Access mesh = exact.getOrDefault(Resource.MESH, Map.of()).get("");
        return mesh != null ? mesh.covers(Access.READ) : canRead(Resource.OPERATOR, "");
    }

    /**
     * What an intention check answers where no intention matches (Consul's {@code IntentionDefaultAllow}): the
     * policy rules never decide it, the default policy does, so it is allow unless the default denies.
     */
    public boolean intentionDefaultAllow() {
        return fallback != DefaultPolicy.DENY;
    }

    /** Whether the names under a key prefix may be listed ({@code list} or {@code write}). */
    public boolean canList(Resource resource, String prefix) {
        return access(resource, prefix).covers(Access.LIST);
    }

    /**
     * Whether every key under a prefix may be written, as a recursive delete needs (Consul's
     * {@code KeyWritePrefix}): the prefix itself must be writable and no rule inside it may give less.
     */
    public boolean canWritePrefix(Resource resource, String prefix) {
        if (!canWrite(resource, prefix)) {
            return false;
        }
        for (Map.Entry<String, Access> e : exact.getOrDefault(resource, Map.of()).entrySet()) {
            if (e.getKey().startsWith(prefix) && !e.getValue().covers(Access.WRITE)) {
                return false;
            }
        }
        for (Map.Entry<String, Access> e : prefixes.getOrDefault(resource, new TreeMap<>()).entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length()
                    && !e.getValue().covers(Access.WRITE)) {
                return false;
            }
        }
        return true;
    }
}
