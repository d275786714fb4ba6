package dev.signpost.template.dependency;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.signpost.template.dependency.Dependency.DatacentersQuery;
import dev.signpost.template.dependency.Dependency.FileQuery;
import dev.signpost.template.dependency.Dependency.KeyPrefixQuery;
import dev.signpost.template.dependency.Dependency.KeyQuery;
import dev.signpost.template.dependency.Dependency.NodeQuery;
import dev.signpost.template.dependency.Dependency.NodesQuery;
import dev.signpost.template.dependency.Dependency.ServiceQuery;
import dev.signpost.template.dependency.Dependency.ServicesQuery;

import static java.util.Objects.requireNonNull;

/**
 * A {@link TemplateData} that answers every query from one map of answers, keyed by the query itself unless a
 * subclass folds several queries onto one key ({@link #keyOf}). The subclass owns and fills the map; this class only
 * reads it, so it is as thread-safe as that map. Each answer must have the type its query's method returns.
 */
public abstract class MapTemplateData implements TemplateData {

    private final Map<?, ?> answers;

    protected MapTemplateData(Map<?, ?> answers) {
        this.answers = requireNonNull(answers, "answers");
    }

    /** The key a query's answer is stored under: the query itself unless overridden. */
    protected Object keyOf(Dependency query) {
        return query;
    }

    // Unchecked: whoever fills the map stores each answer with the type its query's method returns.
    @SuppressWarnings("unchecked")
    private <T> Optional<T> answer(Dependency query) {
        return Optional.ofNullable((T) answers.get(keyOf(query)));
    }

    @Override
    public final Optional<List<HealthService>> service(ServiceQuery query) {
        return answer(query);
    }

    @Override
    public final Optional<List<CatalogSnippet>> services(ServicesQuery query) {
        return answer(query);
    }

    @Override
    public final Optional<NodeLookup> node(NodeQuery query) {
        return answer(query);
    }

    @Override
    public final Optional<List<NodeInfo>> nodes(NodesQuery query) {
        return answer(query);
    }

    @Override
    public final Optional<KeyLookup> key(KeyQuery query) {
        return answer(query);
    }

    @Override
    public final Optional<List<KeyPair>> keyPrefix(KeyPrefixQuery query) {
        return answer(query);
    }

    @Override
    public final Optional<List<String>> datacenters(DatacentersQuery query) {
        return answer(query);
    }

    @Override
    public final Optional<String> file(FileQuery query) {
        return answer(query);
    }
}
