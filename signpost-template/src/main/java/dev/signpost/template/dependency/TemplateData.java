package dev.signpost.template.dependency;

import java.util.List;
import java.util.Optional;

import dev.signpost.template.dependency.Dependency.DatacentersQuery;
import dev.signpost.template.dependency.Dependency.FileQuery;
import dev.signpost.template.dependency.Dependency.KeyPrefixQuery;
import dev.signpost.template.dependency.Dependency.KeyQuery;
import dev.signpost.template.dependency.Dependency.NodeQuery;
import dev.signpost.template.dependency.Dependency.NodesQuery;
import dev.signpost.template.dependency.Dependency.ServiceQuery;
import dev.signpost.template.dependency.Dependency.ServicesQuery;

/**
 * Where registry-query functions get their values: the runner's cache of watched query results (consul-template's
 * "brain"). Every method returns empty while no answer has arrived yet for that query; the template then records the
 * query as missing, renders an empty value of the right type, and the runner must not write the output.
 *
 * <p>Implementations return what the registry said; the template functions do consul-template's post-processing
 * (status filtering and sorting of services, relative keys for ls/tree, sorting of nodes and names). Implementations
 * must be safe to call from the rendering thread while the runner updates them.
 */
public interface TemplateData {

    /**
     * All instances of the service matching tag, name and datacenter (any health status); for a query with
     * {@code connect()} the service's Connect-capable endpoints (Consul's /v1/health/connect).
     */
    Optional<List<HealthService>> service(ServiceQuery query);

    /** Every service in the catalog. */
    Optional<List<CatalogSnippet>> services(ServicesQuery query);

    /** The node, or {@link NodeLookup#unknown()} when the registry has no such node. */
    Optional<NodeLookup> node(NodeQuery query);

    /** Every node. */
    Optional<List<NodeInfo>> nodes(NodesQuery query);

    /** One key, or {@link KeyLookup#absent()} when it does not exist. */
    Optional<KeyLookup> key(KeyQuery query);

    /** Every key under the prefix, with full keys in {@link KeyPair#path()}. */
    Optional<List<KeyPair>> keyPrefix(KeyPrefixQuery query);

    /** Known datacenters. */
    Optional<List<String>> datacenters(DatacentersQuery query);

    /** The file's contents. */
    Optional<String> file(FileQuery query);

    /** A data source with no answers at all: every query is missing. */
    static TemplateData empty() {
        return StaticTemplateData.builder().build();
    }

    /** The answer for a single key: whether it exists and its value. */
    record KeyLookup(boolean exists, String value) {
        public KeyLookup {
            java.util.Objects.requireNonNull(value, "value");
        }

        public static KeyLookup absent() {
            return new KeyLookup(false, "");
        }

        public static KeyLookup of(String value) {
            return new KeyLookup(true, value);
        }
    }

    /** The answer for a node query: the node, or empty when the registry does not know it. */
    record NodeLookup(Optional<CatalogNode> node) {
        public NodeLookup {
            java.util.Objects.requireNonNull(node, "node");
        }

        public static NodeLookup unknown() {
            return new NodeLookup(Optional.empty());
        }

        public static NodeLookup of(CatalogNode node) {
            return new NodeLookup(Optional.of(node));
        }
    }
}
