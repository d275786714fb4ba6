package dev.signpost.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** {@code /v1/catalog}: the cluster-wide registry. Thread-safe. */
public final class CatalogApi {

    private final ConsulClient client;

    CatalogApi(ConsulClient client) {
        this.client = client;
    }

    /** Known datacenters (never blocks). */
    public List<String> datacenters() {
        return datacenters(QueryOptions.DEFAULT).value();
    }

    /** Known datacenters with metadata; Consul never blocks here (a {@link Watch} on it polls at its minimum pace). */
    public QueryResult<List<String>> datacenters(QueryOptions options) {
        return client.read("/v1/catalog/datacenters", new QueryString(), options,
                new TypeReference<List<String>>() { }, null);
    }

    public QueryResult<List<Node>> nodes(QueryOptions options) {
        return client.read("/v1/catalog/nodes", new QueryString(), options, new TypeReference<List<Node>>() { },
                null);
    }

    /** A node and its services; empty when the node is unknown (Consul answers {@code null}). */
    public QueryResult<Optional<CatalogNode>> node(String node, QueryOptions options) {
        QueryResult<JsonNode> r = client.read("/v1/catalog/node/" + QueryString.segment(node), new QueryString(),
                options, new TypeReference<JsonNode>() { }, NullNode.getInstance());
        if (r.value().isNull() || r.value().isMissingNode()) {
            return r.withValue(Optional.empty());
        }
        try {
            return r.withValue(Optional.of(Wire.JSON.treeToValue(r.value(), CatalogNode.class)));
        } catch (java.io.IOException e) {
            throw new ConsulException("cannot decode node \"" + node + "\": " + e.getMessage(), 200, "");
        }
    }

    /** Service names with the union of their tags. */
    public QueryResult<Map<String, List<String>>> services(QueryOptions options) {
        return client.read("/v1/catalog/services", new QueryString(), options,
                new TypeReference<Map<String, List<String>>>() { }, null);
    }

    /** Instances of a service; every tag in {@code tags} must be present (sent as repeated {@code tag=}). */
    public QueryResult<List<CatalogService>> service(String service, List<String> tags, QueryOptions options) {
        QueryString q = new QueryString();
        tags.forEach(t -> q.add("tag", t));
        return client.read("/v1/catalog/service/" + QueryString.segment(service), q, options,
                new TypeReference<List<CatalogService>>() { }, null);
    }
}
