package dev.signpost.template.funcs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.signpost.template.funcs.Dependency.DatacentersQuery;
import dev.signpost.template.funcs.Dependency.FileQuery;
import dev.signpost.template.funcs.Dependency.KeyPrefixQuery;
import dev.signpost.template.funcs.Dependency.KeyQuery;
import dev.signpost.template.funcs.Dependency.NodeQuery;
import dev.signpost.template.funcs.Dependency.NodesQuery;
import dev.signpost.template.funcs.Dependency.ServiceQuery;
import dev.signpost.template.funcs.Dependency.ServicesQuery;

import static java.util.Objects.requireNonNull;

/**
 * A mutable answer cache keyed by the exact {@link Dependency} a template reported, for a runner whose watchers
 * store each query's latest result here (consul-template's "brain"). An answer stays until it is replaced or
 * {@link #forget forgotten}; a dependency without an answer is missing.
 *
 * <p>Thread-safe: watchers may store answers while a render reads them. A render sees each answer atomically but
 * may see answers from different moments; the runner re-renders after every change anyway.
 */
public final class TemplateDataCache implements TemplateData {

    private final Map<Dependency, Object> answers = new ConcurrentHashMap<>();

    /** Stores the instances for a service query; the template filters them by status and sorts them. */
    public void putService(ServiceQuery query, List<HealthService> instances) {
        answers.put(requireNonNull(query, "query"), List.copyOf(instances));
    }

    public void putServices(ServicesQuery query, List<CatalogSnippet> services) {
        answers.put(requireNonNull(query, "query"), List.copyOf(services));
    }

    public void putNode(NodeQuery query, NodeLookup node) {
        answers.put(requireNonNull(query, "query"), requireNonNull(node, "node"));
    }

    public void putNodes(NodesQuery query, List<NodeInfo> nodes) {
        answers.put(requireNonNull(query, "query"), List.copyOf(nodes));
    }

    public void putKey(KeyQuery query, KeyLookup value) {
        answers.put(requireNonNull(query, "query"), requireNonNull(value, "value"));
    }

    /** Stores the pairs under a prefix, with full keys as paths, in the registry's order. */
    public void putKeyPrefix(KeyPrefixQuery query, List<KeyPair> pairs) {
        answers.put(requireNonNull(query, "query"), List.copyOf(pairs));
    }

    public void putDatacenters(DatacentersQuery query, List<String> names) {
        answers.put(requireNonNull(query, "query"), List.copyOf(names));
    }

    public void putFile(FileQuery query, String contents) {
        answers.put(requireNonNull(query, "query"), requireNonNull(contents, "contents"));
    }

    /** Drops the answer, e.g. when the runner stops watching the dependency; it is missing again afterwards. */
    public void forget(Dependency dependency) {
        answers.remove(requireNonNull(dependency, "dependency"));
    }

    /** Whether an answer is stored for the dependency. */
    public boolean has(Dependency dependency) {
        return answers.containsKey(requireNonNull(dependency, "dependency"));
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> answer(Dependency d) {
        return Optional.ofNullable((T) answers.get(d));
    }

    @Override
    public Optional<List<HealthService>> service(ServiceQuery query) {
        return answer(query);
    }

    @Override
    public Optional<List<CatalogSnippet>> services(ServicesQuery query) {
        return answer(query);
    }

    @Override
    public Optional<NodeLookup> node(NodeQuery query) {
        return answer(query);
    }

    @Override
    public Optional<List<NodeInfo>> nodes(NodesQuery query) {
        return answer(query);
    }

    @Override
    public Optional<KeyLookup> key(KeyQuery query) {
        return answer(query);
    }

    @Override
    public Optional<List<KeyPair>> keyPrefix(KeyPrefixQuery query) {
        return answer(query);
    }

    @Override
    public Optional<List<String>> datacenters(DatacentersQuery query) {
        return answer(query);
    }

    @Override
    public Optional<String> file(FileQuery query) {
        return answer(query);
    }
}
