package dev.signpost.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.signpost.client.GoDuration;
import dev.signpost.core.query.PreparedQuery;
import dev.signpost.core.query.PreparedQuery.Dns;
import dev.signpost.core.query.PreparedQuery.Failover;
import dev.signpost.core.query.PreparedQuery.ServiceQuery;
import dev.signpost.core.query.PreparedQuery.Target;
import dev.signpost.core.query.PreparedQuery.Template;
import dev.signpost.core.query.QueryExecutor;

/**
 * Prepared queries in Consul's JSON ({@code structs.PreparedQuery}, {@code PreparedQueryExecuteResponse},
 * {@code PreparedQueryExplainResponse}), both ways. Lists and maps that are empty are written as {@code null}, as Go
 * writes the nil ones a query that did not set them has.
 */
final class QueryWire {
    private QueryWire() {
    }

    record QueryJson(String ID, String Name, String Session, String Token, TemplateJson Template,
                     ServiceJson Service, DnsJson DNS, long CreateIndex, long ModifyIndex) {
        static QueryJson of(PreparedQuery q) {
            Template t = q.template();
            ServiceQuery s = q.service();
            Failover f = s.failover();
            return new QueryJson(q.id(), q.name(), q.session(), q.token(),
                    new TemplateJson(t.type(), t.regexp(), t.removeEmptyTags()),
                    new ServiceJson(s.service(), new FailoverJson(f.nearestN(), orNull(f.datacenters()),
                            f.targets().isEmpty() ? null
                                    : f.targets().stream().map(x -> new TargetJson(x.peer(), x.datacenter())).toList()),
                            s.onlyPassing(), orNull(s.ignoreCheckIds()), s.near(), orNull(s.tags()),
                            orNull(s.nodeMeta()), orNull(s.serviceMeta()), s.connect(), s.peer()),
                    new DnsJson(q.dns().ttl()), q.createIndex(), q.modifyIndex());
        }
    }

    record TemplateJson(String Type, String Regexp, boolean RemoveEmptyTags) {
    }

    record ServiceJson(String Service, FailoverJson Failover, boolean OnlyPassing, List<String> IgnoreCheckIDs,
                       String Near, List<String> Tags, Map<String, String> NodeMeta, Map<String, String> ServiceMeta,
                       boolean Connect, String Peer) {
    }

    record FailoverJson(int NearestN, List<String> Datacenters, List<TargetJson> Targets) {
    }

    record TargetJson(String Peer, String Datacenter) {
    }

    record DnsJson(String TTL) {
    }

    /** The execute answer with Consul's query metadata, which the handler fills from the read (Index stays 0). */
    record ExecuteJson(String Service, List<Wire.ServiceEntryJson> Nodes, DnsJson DNS, String Datacenter,
                       String PeerName, int Failovers, long Index, long LastContact, boolean KnownLeader,
                       String ConsistencyLevel, boolean NotModified, int Backend, boolean ResultsFilteredByACLs) {
        static ExecuteJson of(QueryExecutor.Result r, Meta meta) {
            return new ExecuteJson(r.service(), r.nodes().stream().map(Wire.ServiceEntryJson::of).toList(),
                    new DnsJson(r.dns().ttl()), r.datacenter(), r.peerName(), r.failovers(), 0,
                    meta.lastContactNanos(), meta.knownLeader(), meta.consistency(), false, 0, r.filtered());
        }
    }

    record ExplainJson(QueryJson Query, long Index, long LastContact, boolean KnownLeader, String ConsistencyLevel,
                       boolean NotModified, int Backend, boolean ResultsFilteredByACLs) {
        static ExplainJson of(PreparedQuery query, Meta meta) {
            return new ExplainJson(QueryJson.of(query), 0, meta.lastContactNanos(), meta.knownLeader(),
                    meta.consistency(), false, 0, false);
        }
    }

    /** Consul's QueryMeta as the server sets it for a non-blocking read. */
    record Meta(long lastContactNanos, boolean knownLeader, String consistency) {
    }

    record IdJson(String ID) {
    }

    /**
     * A query from a request body (Consul decodes it case-insensitively and ignores unknown fields); the DNS TTL's
     * seconds are filled in when it parses, which {@code QueryRules} checks.
     */
    static PreparedQuery read(Body body) {
        Template template = body.object("Template")
                .map(t -> new Template(t.text("Type", ""), t.text("Regexp", ""), t.bool("RemoveEmptyTags", false)))
                .orElse(Template.NONE);
        ServiceQuery service = body.object("Service").map(QueryWire::service).orElse(ServiceQuery.of(""));
        String ttl = body.object("DNS").map(d -> d.text("TTL", "")).orElse("");
        return new PreparedQuery(body.text("ID", ""), body.text("Name", ""), body.text("Session", ""),
                body.text("Token", ""), template, service, new Dns(ttl, seconds(ttl)), 0, 0);
    }

    private static ServiceQuery service(Body s) {
        Failover failover = s.object("Failover").map(f -> new Failover(f.integer("NearestN", 0),
                f.strings("Datacenters"), f.objects("Targets").stream()
                .map(t -> new Target(t.text("Peer", ""), t.text("Datacenter", ""))).toList()))
                .orElse(Failover.NONE);
        return new ServiceQuery(s.text("Service", ""), failover, s.bool("OnlyPassing", false),
                s.strings("IgnoreCheckIDs"), s.text("Near", ""), s.strings("Tags"), s.stringMap("NodeMeta"),
                s.stringMap("ServiceMeta"), s.bool("Connect", false), s.text("Peer", ""));
    }

    /** The TTL in whole seconds when it parses and is not negative; 0 otherwise (QueryRules refuses those). */
    private static long seconds(String ttl) {
        if (ttl.isEmpty()) {
            return 0;
        }
        try {
            Duration length = GoDuration.parse(ttl);
            return length.isNegative() ? 0 : length.toSeconds();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static <T> List<T> orNull(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    private static <K, V> Map<K, V> orNull(Map<K, V> map) {
        return map.isEmpty() ? null : map;
    }
}
