package dev.signpost.template.dependency;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.signpost.template.dependency.Dependency.DatacentersQuery;
import dev.signpost.template.dependency.Dependency.FileQuery;
import dev.signpost.template.dependency.Dependency.KeyPrefixQuery;
import dev.signpost.template.dependency.Dependency.KeyQuery;
import dev.signpost.template.dependency.Dependency.NodeQuery;
import dev.signpost.template.dependency.Dependency.NodesQuery;
import dev.signpost.template.dependency.Dependency.ServiceQuery;
import dev.signpost.template.dependency.Dependency.ServicesQuery;

/**
 * A fixed set of answers keyed by query, for tests, {@code -dry} previews and as a snapshot a runner can build after
 * each update. Service answers are keyed by tag, name and datacenter, whatever the filter; key answers by key and
 * datacenter, whether blocking or not. Immutable once built; thread-safe.
 */
public final class StaticTemplateData extends MapTemplateData {

    private StaticTemplateData(Map<Object, Object> answers) {
        super(Map.copyOf(answers));
    }

    public static Builder builder() {
        return new Builder();
    }

    private record ServiceKey(String tag, String name, String dc, boolean connect) {
        static ServiceKey of(ServiceQuery q) {
            return new ServiceKey(q.tag(), q.name(), q.dc(), q.connect());
        }
    }

    private record KeyKey(String key, String dc) {
        static KeyKey of(KeyQuery q) {
            return new KeyKey(q.key(), q.dc());
        }
    }

    // One answer serves a service whatever its filter, a key whether blocking or not, datacenters either way.
    @Override
    protected Object keyOf(Dependency query) {
        return switch (query) {
            case ServiceQuery q -> ServiceKey.of(q);
            case KeyQuery q -> KeyKey.of(q);
            case DatacentersQuery q -> DatacentersQuery.class;
            default -> query;
        };
    }

    /** Collects answers; later answers for the same query replace earlier ones. Not thread-safe. */
    public static final class Builder {
        private final Map<Object, Object> answers = new HashMap<>();

        private Builder() {
        }

        /** Instances for {@code service "[tag.]name[@dc]"}, any filter. */
        public Builder service(String spec, List<HealthService> instances) {
            answers.put(ServiceKey.of(ServiceQuery.parse(spec)), List.copyOf(instances));
            return this;
        }

        /** Endpoints for {@code connect "[tag.]name[@dc]"}, any filter. */
        public Builder connect(String spec, List<HealthService> instances) {
            answers.put(ServiceKey.of(ServiceQuery.parseConnect(spec)), List.copyOf(instances));
            return this;
        }

        public Builder services(String spec, List<CatalogSnippet> snippets) {
            answers.put(ServicesQuery.parse(spec), List.copyOf(snippets));
            return this;
        }

        public Builder node(String spec, NodeLookup node) {
            answers.put(NodeQuery.parse(spec), node);
            return this;
        }

        public Builder nodes(String spec, List<NodeInfo> nodes) {
            answers.put(NodesQuery.parse(spec), List.copyOf(nodes));
            return this;
        }

        /** The value of a key for key, keyExists and keyOrDefault. */
        public Builder key(String spec, KeyLookup value) {
            answers.put(KeyKey.of(KeyQuery.parse(spec, false)), value);
            return this;
        }

        /** Pairs under a prefix, with full keys as paths. */
        public Builder keyPrefix(String spec, List<KeyPair> pairs) {
            answers.put(KeyPrefixQuery.parse(spec), List.copyOf(pairs));
            return this;
        }

        public Builder datacenters(List<String> names) {
            answers.put(DatacentersQuery.class, List.copyOf(names));
            return this;
        }

        public Builder file(String path, String contents) {
            answers.put(new FileQuery(path), contents);
            return this;
        }

        public StaticTemplateData build() {
            return new StaticTemplateData(answers);
        }
    }
}
