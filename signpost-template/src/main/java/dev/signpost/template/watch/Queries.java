package dev.signpost.template.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.KvPair;
import dev.signpost.client.Node;
import dev.signpost.client.NodeService;
import dev.signpost.client.QueryOptions;
import dev.signpost.client.QueryResult;
import dev.signpost.client.ServiceEntry;
import dev.signpost.client.Watch;
import dev.signpost.template.dependency.CatalogNode;
import dev.signpost.template.dependency.CatalogNodeService;
import dev.signpost.template.dependency.CatalogSnippet;
import dev.signpost.template.dependency.Dependency;
import dev.signpost.template.dependency.Dependency.DatacentersQuery;
import dev.signpost.template.dependency.Dependency.FileQuery;
import dev.signpost.template.dependency.Dependency.KeyPrefixQuery;
import dev.signpost.template.dependency.Dependency.KeyQuery;
import dev.signpost.template.dependency.Dependency.NodeQuery;
import dev.signpost.template.dependency.Dependency.NodesQuery;
import dev.signpost.template.dependency.Dependency.ServiceQuery;
import dev.signpost.template.dependency.Dependency.ServicesQuery;
import dev.signpost.template.dependency.HealthCheck;
import dev.signpost.template.dependency.HealthService;
import dev.signpost.template.dependency.KeyPair;
import dev.signpost.template.dependency.NodeInfo;
import dev.signpost.template.dependency.TemplateData.KeyLookup;
import dev.signpost.template.dependency.TemplateData.NodeLookup;
import dev.signpost.template.dependency.Weights;

import static java.util.Objects.requireNonNull;

/**
 * Turns a template's {@link Dependency} into one registry read through the client, and the client's wire records
 * into the values templates see. A {@code service} without a filter asks for passing instances only, as
 * consul-template does; with a filter it asks for all and the template filters. A {@code file} is read from disk,
 * its index being the modification time. Thread-safe.
 */
public final class Queries {

    private final ConsulClient client;
    private volatile String localNode = "";

    public Queries(ConsulClient client) {
        this.client = requireNonNull(client, "client");
    }

    /** The read behind a dependency; its value is what the {@link DataStore} keeps. */
    public Watch.Query<Object> forDependency(Dependency d) {
        return switch (d) {
            // The client has no /v1/health/connect read yet: fail in one line rather than answer with plain services.
            case ServiceQuery q when q.connect() -> o -> {
                throw new ConsulException(q + ": the connect function needs /v1/health/connect, which signpost's "
                        + "client does not read yet", 400, "");
            };
            case ServiceQuery q -> o -> map(client.health().service(q.name(),
                    q.tag().isEmpty() ? List.of() : List.of(q.tag()), q.filters().equals(List.of("passing")),
                    options(o, q.dc(), q.near())), Queries::services);
            case ServicesQuery q -> o -> map(client.catalog().services(options(o, q.dc(), "")), Queries::snippets);
            case NodeQuery q -> o -> map(client.catalog().node(q.name().isEmpty() ? localNode() : q.name(),
                    options(o, q.dc(), "")), n -> n.map(Queries::node).map(NodeLookup::of)
                    .orElse(NodeLookup.unknown()));
            case NodesQuery q -> o -> map(client.catalog().nodes(options(o, q.dc(), q.near())),
                    l -> l.stream().map(Queries::nodeInfo).toList());
            case KeyQuery q -> o -> map(client.kv().get(q.key(), options(o, q.dc(), "")),
                    p -> p.map(v -> KeyLookup.of(v.valueAsString())).orElse(KeyLookup.absent()));
            case KeyPrefixQuery q -> o -> map(client.kv().list(q.prefix(), options(o, q.dc(), "")),
                    l -> l.stream().map(Queries::pair).toList());
            case DatacentersQuery q -> o -> map(client.catalog().datacenters(o), List::copyOf);
            case FileQuery q -> o -> file(q);
        };
    }

    private static <T> QueryResult<Object> map(QueryResult<T> r, Function<T, ?> f) {
        return r.withValue(f.apply(r.value()));
    }

    private static QueryOptions options(QueryOptions o, String dc, String near) {
        QueryOptions r = dc.isEmpty() ? o : o.withDatacenter(dc);
        return near.isEmpty() ? r : r.withNear(near);
    }

    private String localNode() {
        String n = localNode;
        if (n.isEmpty()) {
            n = client.agent().self().value().nodeName();
            localNode = n;
        }
        return n;
    }

    private static QueryResult<Object> file(FileQuery q) {
        Path p = Path.of(q.path());
        try {
            long modified = Files.getLastModifiedTime(p).toMillis();
            return new QueryResult<>(Files.readString(p, StandardCharsets.UTF_8), Math.max(1, modified), true, 0);
        } catch (NoSuchFileException e) {
            throw new ConsulException("file(" + q.path() + "): no such file", 404, "");
        } catch (IOException e) {
            throw new ConsulException("file(" + q.path() + "): " + e.getMessage(), 500, "");
        }
    }

    static List<HealthService> services(List<ServiceEntry> entries) {
        List<HealthService> out = new ArrayList<>(entries.size());
        for (ServiceEntry e : entries) {
            Node n = e.node();
            NodeService s = e.service();
            List<HealthCheck> checks = new ArrayList<>();
            for (dev.signpost.client.HealthCheck c : e.checks()) {
                checks.add(new HealthCheck(c.node(), c.checkId(), c.name(), c.status(), c.notes(), c.output(),
                        c.serviceId(), c.serviceName(), c.serviceTags()));
            }
            List<String> tags = new ArrayList<>(s.tags());
            tags.sort(null);
            out.add(new HealthService(n.node(), n.id(), n.address(), n.taggedAddresses(), n.meta(), s.meta(),
                    s.address().isEmpty() ? n.address() : s.address(), s.id(), s.service(), tags, checks,
                    HealthService.aggregatedStatus(checks), s.port(),
                    new Weights(s.weights().passing(), s.weights().warning())));
        }
        return out;
    }

    private static List<CatalogSnippet> snippets(Map<String, List<String>> services) {
        List<CatalogSnippet> out = new ArrayList<>(services.size());
        services.forEach((name, tags) -> out.add(new CatalogSnippet(name, tags)));
        return out;
    }

    private static NodeInfo nodeInfo(Node n) {
        return new NodeInfo(n.id(), n.node(), n.address(), n.datacenter(), n.taggedAddresses(), n.meta());
    }

    private static CatalogNode node(dev.signpost.client.CatalogNode n) {
        List<CatalogNodeService> services = new ArrayList<>();
        for (NodeService s : n.services().values()) {
            services.add(new CatalogNodeService(s.id(), s.service(), s.tags(), s.meta(), s.port(), s.address(),
                    s.enableTagOverride()));
        }
        return CatalogNode.of(nodeInfo(n.node()), services);
    }

    private static KeyPair pair(KvPair p) {
        return new KeyPair(p.key(), p.key(), p.valueAsString(), p.createIndex(), p.modifyIndex(), p.lockIndex(),
                p.flags(), p.session());
    }
}
