package dev.signpost.core.config;

import static dev.signpost.core.config.Bodies.flag;
import static dev.signpost.core.config.Bodies.list;
import static dev.signpost.core.config.Bodies.number;
import static dev.signpost.core.config.Bodies.object;
import static dev.signpost.core.config.Bodies.objectOrEmpty;
import static dev.signpost.core.config.Bodies.objects;
import static dev.signpost.core.config.Bodies.text;
import static dev.signpost.core.config.ConfigEntries.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.signpost.core.config.EntrySchema.Type;
import dev.signpost.core.filter.Filter;
import dev.signpost.core.filter.FilterException;

/**
 * The {@code service-resolver} kind as Consul OSS reads and validates it (agent/structs/config_entry_discoverychain.go:
 * ServiceResolverConfigEntry): which instances of a service answer for it (subsets by filter, a default subset), a
 * redirect to another service or datacenter, failover targets, timeouts and load balancing. Namespaces and partitions
 * are Enterprise and refused with Consul OSS's words. Pure.
 */
final class ServiceResolver {
    private static final Pattern SUBSET_NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
    private static final int SUBSET_NAME_MAX = 63;
    private static final Set<String> POLICIES = Set.of("", "random", "round_robin", "least_request", "ring_hash",
            "maglev");
    private static final List<String> REDIRECT_FIELDS = List.of("Service", "ServiceSubset", "Namespace", "Partition",
            "Datacenter", "Peer");
    private static final Set<String> HASH_FIELDS = Set.of("header", "cookie", "query_parameter");

    private static final EntrySchema SUBSET = EntrySchema.builder()
            .omit("Filter", "", Type.STRING)
            .omit("OnlyPassing", "only_passing", Type.BOOL).build();
    private static final EntrySchema REDIRECT = EntrySchema.builder()
            .omit("Service", "", Type.STRING)
            .omit("ServiceSubset", "service_subset", Type.STRING)
            .omit("Namespace", "", Type.STRING)
            .omit("Partition", "", Type.STRING)
            .omit("Datacenter", "", Type.STRING)
            .omit("Peer", "", Type.STRING).build();
    private static final EntrySchema FAILOVER_TARGET = REDIRECT;
    private static final EntrySchema FAILOVER = EntrySchema.builder()
            .omit("Service", "", Type.STRING)
            .omit("ServiceSubset", "service_subset", Type.STRING)
            .omit("Namespace", "", Type.STRING)
            .omit("Datacenters", "", Type.STRING_LIST)
            .structs("Targets", "", FAILOVER_TARGET).build();
    private static final EntrySchema COOKIE = EntrySchema.builder()
            .omit("Session", "", Type.BOOL)
            .omit("TTL", "", Type.DURATION)
            .omit("Path", "", Type.STRING).build();
    private static final EntrySchema HASH_POLICY = EntrySchema.builder()
            .omit("Field", "", Type.STRING)
            .omit("FieldValue", "field_value", Type.STRING)
            .structPointer("CookieConfig", "cookie_config", COOKIE)
            .omit("SourceIP", "source_ip", Type.BOOL)
            .omit("Terminal", "", Type.BOOL).build();
    /** LoadBalancer, shared with the compiled chain's nodes. */
    static final EntrySchema LOAD_BALANCER = EntrySchema.builder()
            .omit("Policy", "", Type.STRING)
            .structPointer("RingHashConfig", "ring_hash_config", EntrySchema.builder()
                    .omit("MinimumRingSize", "minimum_ring_size", Type.INT)
                    .omit("MaximumRingSize", "maximum_ring_size", Type.INT).build())
            .structPointer("LeastRequestConfig", "least_request_config", EntrySchema.builder()
                    .omit("ChoiceCount", "choice_count", Type.UINT32).build())
            .structs("HashPolicies", "hash_policies", HASH_POLICY).build();
    // Consul's MarshalJSON writes the two timeouts first, as Go duration strings.
    static final EntrySchema SCHEMA = EntrySchema.builder()
            .omit("ConnectTimeout", "connect_timeout", Type.DURATION_TEXT)
            .omit("RequestTimeout", "request_timeout", Type.DURATION_TEXT)
            .plain("Kind", Type.STRING)
            .plain("Name", Type.STRING)
            .omit("DefaultSubset", "default_subset", Type.STRING)
            .structMap("Subsets", "", SUBSET)
            .structPointer("Redirect", "", REDIRECT)
            .structMap("Failover", "", FAILOVER)
            .structPointer("LoadBalancer", "load_balancer", LOAD_BALANCER)
            .omit("Meta", "", Type.STRING_MAP).build();

    private ServiceResolver() {
    }

    /** Normalize (nothing to change in OSS) and Validate, with Consul's first error. */
    static ConfigEntry normalized(ConfigEntry entry) {
        validate(entry);
        return entry;
    }

    private static void validate(ConfigEntry entry) {
        String name = entry.name();
        Map<String, Object> body = entry.body();
        if (name.isEmpty()) {
            throw fail("Name is required");
        }
        ConfigEntries.failIf(ConfigEntries.meta(entry.meta(), new ArrayList<>()));
        Map<String, Object> subsets = new TreeMap<>(objectOrEmpty(body, "Subsets"));
        subsets.forEach((subset, definition) -> {
            if (subset.isEmpty()) {
                throw fail("Subset defined with empty name");
            }
            subsetNameProblem(subset).ifPresent(why -> {
                throw fail("Subset " + quote(subset) + " is invalid: " + why);
            });
            String filter = text(Bodies.cast(definition), "Filter");
            if (!filter.isEmpty()) {
                try {
                    Filter.parse(filter);
                } catch (FilterException e) {
                    throw fail("Filter for subset " + quote(subset) + " is not a valid expression: "
                            + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
                }
            }
        });
        String defaultSubset = text(body, "DefaultSubset");
        if (!defaultSubset.isEmpty() && !subsets.containsKey(defaultSubset)) {
            throw fail("DefaultSubset " + quote(defaultSubset) + " is not a valid subset");
        }
        Map<String, Object> failovers = new TreeMap<>(objectOrEmpty(body, "Failover"));
        object(body, "Redirect").ifPresent(redirect -> redirect(name, redirect, subsets, !failovers.isEmpty()));
        failovers.forEach((subset, f) -> failover(name, subset, Bodies.cast(f), subsets));
        if (number(body, "ConnectTimeout") < 0) {
            throw fail("Bad ConnectTimeout '" + GoDurationText.of(number(body, "ConnectTimeout")) + "', must be >= 0");
        }
        if (number(body, "RequestTimeout") < 0) {
            throw fail("Bad RequestTimeout '" + GoDurationText.of(number(body, "RequestTimeout")) + "', must be >= 0");
        }
        object(body, "LoadBalancer").ifPresent(ServiceResolver::loadBalancer);
    }

    /** validateServiceSubset: subset names are DNS labels, as they appear in SNI names. */
    private static Optional<String> subsetNameProblem(String subset) {
        if (subset.length() > SUBSET_NAME_MAX) {
            return Optional.of("must be non-empty and 63 characters or fewer");
        }
        if (!SUBSET_NAME.matcher(subset).matches()) {
            return Optional.of("must be 63 characters or fewer, begin or end with lower case alphanumeric "
                    + "characters, and contain lower case alphanumeric characters or '-' in between");
        }
        return Optional.empty();
    }

    private static void redirect(String name, Map<String, Object> r, Map<String, Object> subsets,
                                 boolean hasFailover) {
        String service = text(r, "Service");
        String subset = text(r, "ServiceSubset");
        String partition = text(r, "Partition");
        String datacenter = text(r, "Datacenter");
        String peer = text(r, "Peer");
        if (!partition.isEmpty() && !partition.equals("default") && !datacenter.isEmpty()) {
            throw fail("Cross-datacenter and cross-partition redirect is not supported");
        }
        enterprise(r, "Redirect: ");
        if (hasFailover) {
            throw fail("Redirect and Failover cannot both be set");
        }
        if (REDIRECT_FIELDS.stream().allMatch(f -> text(r, f).isEmpty())) {
            throw fail("Redirect is empty");
        }
        if (!peer.isEmpty() && !subset.isEmpty()) {
            throw fail("Redirect.Peer cannot be set with Redirect.ServiceSubset");
        } else if (!peer.isEmpty() && !partition.isEmpty()) {
            throw fail("Redirect.Partition cannot be set with Redirect.Peer");
        } else if (!peer.isEmpty() && !datacenter.isEmpty()) {
            throw fail("Redirect.Peer cannot be set with Redirect.Datacenter");
        } else if (service.isEmpty()) {
            for (String field : List.of("ServiceSubset", "Namespace", "Partition", "Peer")) {
                if (!text(r, field).isEmpty()) {
                    throw fail("Redirect." + field + " defined without Redirect.Service");
                }
            }
        } else if (!subset.isEmpty() && service.equals(name) && !subsets.containsKey(subset)) {
            throw fail("Redirect.ServiceSubset " + quote(subset) + " is not a valid subset of " + quote(name));
        }
    }

    private static void failover(String name, String subset, Map<String, Object> f, Map<String, Object> subsets) {
        String prefix = "Bad Failover[" + quote(subset) + "]: ";
        if (!text(f, "Namespace").isEmpty()) {
            throw fail(prefix + "Setting Namespace requires Consul Enterprise");
        }
        if (!subset.equals("*") && !subsets.containsKey(subset)) {
            throw fail(prefix + "not a valid subset subset");
        }
        List<?> datacenters = list(f, "Datacenters");
        List<Map<String, Object>> targets = objects(f, "Targets");
        String service = text(f, "Service");
        String serviceSubset = text(f, "ServiceSubset");
        if (service.isEmpty() && serviceSubset.isEmpty() && datacenters.isEmpty() && targets.isEmpty()) {
            throw fail(prefix + "one of Service, ServiceSubset, Namespace, Targets, or Datacenters is required");
        }
        if (!serviceSubset.isEmpty() && (service.isEmpty() || service.equals(name))
                && !subsets.containsKey(serviceSubset)) {
            throw fail(prefix + "ServiceSubset " + quote(serviceSubset) + " is not a valid subset of " + quote(service));
        }
        if (!datacenters.isEmpty() && !targets.isEmpty()) {
            throw fail(prefix + "Targets cannot be set with Datacenters");
        }
        if (!serviceSubset.isEmpty() && !targets.isEmpty()) {
            throw fail(prefix + "Targets cannot be set with ServiceSubset");
        }
        if (!service.isEmpty() && !targets.isEmpty()) {
            throw fail(prefix + "Targets cannot be set with Service");
        }
        for (int i = 0; i < targets.size(); i++) {
            target(name, "Bad Failover[" + quote(subset) + "].Targets[" + i + "]: ", targets.get(i), subsets);
        }
        if (datacenters.stream().anyMatch(dc -> "".equals(dc))) {
            throw fail("Bad Failover[" + quote(subset) + "].Datacenters: found empty datacenter");
        }
    }

    private static void target(String name, String prefix, Map<String, Object> t, Map<String, Object> subsets) {
        enterprise(t, prefix);
        String peer = text(t, "Peer");
        String subset = text(t, "ServiceSubset");
        String partition = text(t, "Partition");
        String datacenter = text(t, "Datacenter");
        String service = text(t, "Service");
        if (!peer.isEmpty() && !subset.isEmpty()) {
            throw fail(prefix + "Peer cannot be set with ServiceSubset");
        } else if (!peer.isEmpty() && !partition.isEmpty()) {
            throw fail(prefix + "Partition cannot be set with Peer");
        } else if (!peer.isEmpty() && !datacenter.isEmpty()) {
            throw fail(prefix + "Peer cannot be set with Datacenter");
        } else if (!partition.isEmpty() && !datacenter.isEmpty()) {
            throw fail(prefix + "Partition cannot be set with Datacenter");
        } else if (!subset.isEmpty() && (service.isEmpty() || service.equals(name)) && !subsets.containsKey(subset)) {
            throw fail(prefix + "ServiceSubset " + quote(subset) + " is not a valid subset of " + quote(name));
        }
    }

    /** ValidateEnterprise of a redirect or failover target (Consul OSS). */
    private static void enterprise(Map<String, Object> target, String prefix) {
        if (!text(target, "Partition").isEmpty()) {
            throw fail(prefix + "Setting Partition requires Consul Enterprise");
        }
        if (!text(target, "Namespace").isEmpty()) {
            throw fail(prefix + "Setting Namespace requires Consul Enterprise");
        }
    }

    private static void loadBalancer(Map<String, Object> lb) {
        String policy = text(lb, "Policy");
        if (!POLICIES.contains(policy)) {
            throw fail("Bad LoadBalancer policy: " + quote(policy) + " is not supported");
        }
        if (!policy.equals("ring_hash") && lb.get("RingHashConfig") != null) {
            throw fail("Bad LoadBalancer configuration. RingHashConfig specified for incompatible load balancing "
                    + "policy " + quote(policy));
        }
        if (!policy.equals("least_request") && lb.get("LeastRequestConfig") != null) {
            throw fail("Bad LoadBalancer configuration. LeastRequestConfig specified for incompatible load balancing "
                    + "policy " + quote(policy));
        }
        List<Map<String, Object>> policies = objects(lb, "HashPolicies");
        if (!hashBased(policy) && !policies.isEmpty()) {
            throw fail("Bad LoadBalancer configuration: HashPolicies specified for non-hash-based Policy: "
                    + quote(policy));
        }
        for (int i = 0; i < policies.size(); i++) {
            Map<String, Object> hp = policies.get(i);
            String prefix = "Bad LoadBalancer HashPolicy[" + i + "]: ";
            String field = text(hp, "Field");
            String value = text(hp, "FieldValue");
            boolean sourceIp = flag(hp, "SourceIP");
            if (!field.isEmpty() && !HASH_FIELDS.contains(field)) {
                throw fail(prefix + quote(field) + " is not a supported field");
            }
            if (sourceIp && !field.isEmpty()) {
                throw fail(prefix + "A single hash policy cannot hash both a source address and a " + quote(field));
            }
            if (sourceIp && !value.isEmpty()) {
                throw fail(prefix + "A FieldValue cannot be specified when hashing SourceIP");
            }
            if (!field.isEmpty() && value.isEmpty()) {
                throw fail(prefix + "Field " + quote(field) + " was specified without a FieldValue");
            }
            if (!value.isEmpty() && field.isEmpty()) {
                throw fail(prefix + "FieldValue requires a Field to apply to");
            }
            var cookie = object(hp, "CookieConfig");
            if (cookie.isPresent()) {
                if (!field.equals("cookie")) {
                    throw fail(prefix + "cookie_config provided for " + quote(field));
                }
                if (flag(cookie.get(), "Session") && number(cookie.get(), "TTL") != 0) {
                    throw fail(prefix + "a session cookie cannot have an associated TTL");
                }
            }
        }
    }

    /** LoadBalancer.IsHashBased. */
    static boolean hashBased(String policy) {
        return policy.equals("maglev") || policy.equals("ring_hash");
    }

    /**
     * ListRelatedServices: the other services a resolver sends traffic to (redirect and failover), sorted. In OSS a
     * failover target on a cluster peer is not related.
     */
    static List<String> related(ConfigEntry entry) {
        Set<String> found = new TreeSet<>();
        object(entry.body(), "Redirect").ifPresent(r -> found.add(orName(text(r, "Service"), entry.name())));
        objectOrEmpty(entry.body(), "Failover").values().forEach(f -> {
            Map<String, Object> failover = Bodies.cast(f);
            List<Map<String, Object>> targets = objects(failover, "Targets");
            if (targets.isEmpty()) {
                found.add(orName(text(failover, "Service"), entry.name()));
            }
            targets.stream().filter(t -> text(t, "Peer").isEmpty())
                    .forEach(t -> found.add(orName(text(t, "Service"), entry.name())));
        });
        found.remove(entry.name());
        return List.copyOf(found);
    }

    static String orName(String value, String name) {
        return value.isEmpty() ? name : value;
    }

    private static IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(message);
    }
}
