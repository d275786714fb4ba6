package dev.signpost.core.query;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A prepared query as Consul stores it ({@code structs.PreparedQuery}): a named or session-bound service lookup
 * with health, tag and meta filters, failover options and DNS settings, or a template that answers every name
 * starting with its own.
 *
 * @param id the UUID Signpost gave it
 * @param name "" for an unnamed query (then it must have a session) or a catch-all template
 * @param session the session whose invalidation deletes the query, or ""
 * @param token the ACL secret the query executes with, or "" for the caller's
 */
public record PreparedQuery(String id, String name, String session, String token, Template template,
                            ServiceQuery service, Dns dns, long createIndex, long modifyIndex) {

    /** Consul's text standing in for a token the reader may not see. */
    public static final String REDACTED_TOKEN = "<hidden>";
    /** The one template type Consul knows. */
    public static final String NAME_PREFIX_MATCH = "name_prefix_match";

    public PreparedQuery {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(session, "session");
        requireNonNull(token, "token");
        requireNonNull(template, "template");
        requireNonNull(service, "service");
        requireNonNull(dns, "dns");
    }

    /** A template when its type is set (Consul's {@code IsTemplate}). */
    public boolean templated() {
        return !template.type().isEmpty();
    }

    /** The name {@code query} ACL rules govern: present for a named query or a template (Consul's GetACLPrefix). */
    public Optional<String> aclPrefix() {
        return !name.isEmpty() || templated() ? Optional.of(name) : Optional.empty();
    }

    public PreparedQuery withId(String newId) {
        return new PreparedQuery(newId, name, session, token, template, service, dns, createIndex, modifyIndex);
    }

    public PreparedQuery withIndexes(long create, long modify) {
        return new PreparedQuery(id, name, session, token, template, service, dns, create, modify);
    }

    public PreparedQuery withService(ServiceQuery newService) {
        return new PreparedQuery(id, name, session, token, template, newService, dns, createIndex, modifyIndex);
    }

    /** The query as a reader without {@code acl:write} sees it: its token hidden when it has one. */
    public PreparedQuery redacted() {
        return token.isEmpty() ? this
                : new PreparedQuery(id, name, session, REDACTED_TOKEN, template, service, dns, createIndex,
                modifyIndex);
    }

    /**
     * Consul's {@code QueryDNSOptions}.
     *
     * @param ttl the TTL of its DNS answers as the Go duration given, or "" for the agent's service TTL
     * @param seconds the same TTL in whole seconds, as DNS answers carry it (0 when {@code ttl} is "")
     */
    public record Dns(String ttl, long seconds) {
        public static final Dns NONE = new Dns("", 0);

        public Dns {
            requireNonNull(ttl, "ttl");
        }
    }

    /** Consul's {@code QueryTemplateOptions}; {@code type} "" means not a template. */
    public record Template(String type, String regexp, boolean removeEmptyTags) {
        public static final Template NONE = new Template("", "", false);

        public Template {
            requireNonNull(type, "type");
            requireNonNull(regexp, "regexp");
        }
    }

    /** Consul's {@code ServiceQuery}: what to look up and how to filter it. */
    public record ServiceQuery(String service, Failover failover, boolean onlyPassing, List<String> ignoreCheckIds,
                               String near, List<String> tags, Map<String, String> nodeMeta,
                               Map<String, String> serviceMeta, boolean connect, String peer) {
        public ServiceQuery {
            requireNonNull(service, "service");
            requireNonNull(failover, "failover");
            ignoreCheckIds = List.copyOf(ignoreCheckIds);
            requireNonNull(near, "near");
            tags = List.copyOf(tags);
            nodeMeta = Map.copyOf(nodeMeta);
            serviceMeta = Map.copyOf(serviceMeta);
            requireNonNull(peer, "peer");
        }

        /** Only the service name set: every other option at Consul's default. */
        public static ServiceQuery of(String service) {
            return new ServiceQuery(service, Failover.NONE, false, List.of(), "", List.of(), Map.of(), Map.of(),
                    false, "");
        }
    }

    /** Consul's {@code QueryFailoverOptions}. */
    public record Failover(int nearestN, List<String> datacenters, List<Target> targets) {
        public static final Failover NONE = new Failover(0, List.of(), List.of());

        public Failover {
            datacenters = List.copyOf(datacenters);
            targets = List.copyOf(targets);
        }

        /** The datacenters as targets when there are any, else the targets (Consul's AsTargets). */
        public List<Target> asTargets() {
            return datacenters.isEmpty() ? targets
                    : datacenters.stream().map(dc -> new Target("", dc)).toList();
        }
    }

    /** One failover target: a cluster peer or a datacenter. */
    public record Target(String peer, String datacenter) {
        public Target {
            requireNonNull(peer, "peer");
            requireNonNull(datacenter, "datacenter");
        }
    }
}
