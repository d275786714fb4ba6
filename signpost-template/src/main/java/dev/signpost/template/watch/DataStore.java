package dev.signpost.template.watch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.signpost.template.funcs.CatalogSnippet;
import dev.signpost.template.funcs.Dependency;
import dev.signpost.template.funcs.Dependency.DatacentersQuery;
import dev.signpost.template.funcs.Dependency.FileQuery;
import dev.signpost.template.funcs.Dependency.KeyPrefixQuery;
import dev.signpost.template.funcs.Dependency.KeyQuery;
import dev.signpost.template.funcs.Dependency.NodeQuery;
import dev.signpost.template.funcs.Dependency.NodesQuery;
import dev.signpost.template.funcs.Dependency.ServiceQuery;
import dev.signpost.template.funcs.Dependency.ServicesQuery;
import dev.signpost.template.funcs.HealthService;
import dev.signpost.template.funcs.KeyPair;
import dev.signpost.template.funcs.NodeInfo;
import dev.signpost.template.funcs.TemplateData;

import static java.util.Objects.requireNonNull;

/**
 * The latest answer to every watched dependency (consul-template's "brain"), read by templates as
 * {@link TemplateData}. Values are stored under the dependency itself, so identical queries from different templates
 * share one answer. Thread-safe: watchers write while the runner renders.
 */
public final class DataStore implements TemplateData {

    private final Map<Dependency, Object> answers = new ConcurrentHashMap<>();

    /** Records the answer for a dependency; returns true when it differs from the previous one. */
    public boolean put(Dependency dependency, Object value) {
        requireNonNull(dependency, "dependency");
        requireNonNull(value, "value");
        return !value.equals(answers.put(dependency, value));
    }

    /** Forgets a dependency that is no longer watched. */
    public void remove(Dependency dependency) {
        answers.remove(dependency);
    }

    public boolean has(Dependency dependency) {
        return answers.containsKey(dependency);
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> get(Dependency d) {
        return Optional.ofNullable((T) answers.get(d));
    }

    @Override
    public Optional<List<HealthService>> service(ServiceQuery query) {
        return get(query);
    }

    @Override
    public Optional<List<CatalogSnippet>> services(ServicesQuery query) {
        return get(query);
    }

    @Override
    public Optional<NodeLookup> node(NodeQuery query) {
        return get(query);
    }

    @Override
    public Optional<List<NodeInfo>> nodes(NodesQuery query) {
        return get(query);
    }

    @Override
    public Optional<KeyLookup> key(KeyQuery query) {
        return get(query);
    }

    @Override
    public Optional<List<KeyPair>> keyPrefix(KeyPrefixQuery query) {
        return get(query);
    }

    @Override
    public Optional<List<String>> datacenters(DatacentersQuery query) {
        return get(query);
    }

    @Override
    public Optional<String> file(FileQuery query) {
        return get(query);
    }
}
