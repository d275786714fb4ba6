package dev.signpost.core.state;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.signpost.core.query.PreparedQuery;
import dev.signpost.core.query.QueryTemplate;
import dev.signpost.core.watch.Topic;

/**
 * Prepared queries by ID, with the compiled form of each template (Consul's {@code prepared-queries} table and
 * agent/consul/state/prepared_query.go). Names are unique and looked up without regard to case, as Consul's
 * lower-case index does; a name never equals another query's ID; at most one template has the empty name. Applying is
 * deterministic like every apply. Not thread-safe: {@link CatalogState} owns it.
 */
final class QueryTable {
    private static final Pattern UUID = Pattern.compile(
            "(?i)^[\\da-f]{8}-[\\da-f]{4}-[\\da-f]{4}-[\\da-f]{4}-[\\da-f]{12}$");

    private final TreeMap<String, PreparedQuery> byId = new TreeMap<>();
    private final Map<String, QueryTemplate> templates = new HashMap<>();

    /** What the table refuses in a query to write, with Consul's state-store words; {@code sessions} says which exist. */
    Optional<String> refusal(PreparedQuery query, Predicate<String> sessions) {
        PreparedQuery existing = byId.get(query.id());
        if (!query.name().isEmpty()) {
            Optional<PreparedQuery> other = named(query.name());
            if (other.isPresent() && (existing == null || !existing.id().equals(other.get().id()))) {
                return Optional.of("name '" + query.name() + "' aliases an existing query name");
            }
        } else if (query.templated()) {
            Optional<PreparedQuery> other = byId.values().stream()
                    .filter(q -> q.templated() && q.name().isEmpty()).findFirst();
            if (other.isPresent() && (existing == null || !existing.id().equals(other.get().id()))) {
                return Optional.of("a query template with an empty name already exists");
            }
        }
        if (UUID.matcher(query.name()).matches() && byId.containsKey(query.name())) {
            return Optional.of("name '" + query.name() + "' aliases an existing query ID");
        }
        if (!query.session().isEmpty() && !sessions.test(query.session())) {
            return Optional.of("invalid session \"" + query.session() + "\"");
        }
        if (query.templated()) {
            try {
                QueryTemplate.compile(query);
            } catch (IllegalArgumentException e) {
                return Optional.of("failed compiling template: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Stores a query; false (nothing changed) when {@link #refusal} refuses it now. */
    boolean set(PreparedQuery query, Predicate<String> sessions, long index, Set<String> changed) {
        if (refusal(query, sessions).isPresent()) {
            return false;
        }
        PreparedQuery existing = byId.get(query.id());
        put(query.withIndexes(existing == null ? index : existing.createIndex(), index));
        changed.add(Topic.QUERIES);
        return true;
    }

    boolean delete(String id, Set<String> changed) {
        if (byId.remove(id) != null) {
            templates.remove(id);
            changed.add(Topic.QUERIES);
        }
        return true;
    }

    /** Deletes the queries bound to a session that ended, as Consul's session invalidation does. */
    void endSession(String sessionId, Set<String> changed) {
        for (PreparedQuery query : List.copyOf(byId.values())) {
            if (query.session().equals(sessionId)) {
                delete(query.id(), changed);
            }
        }
    }

    private void put(PreparedQuery query) {
        byId.put(query.id(), query);
        templates.remove(query.id());
        if (query.templated()) {
            try {
                templates.put(query.id(), QueryTemplate.compile(query));
            } catch (IllegalArgumentException e) {
                // Compiled before replication and in refusal(); a restored one that no longer compiles resolves to
                // nothing rather than stopping the replica.
            }
        }
    }

    // ---- reads

    Optional<PreparedQuery> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<PreparedQuery> all() {
        return List.copyOf(byId.values());
    }

    private Optional<PreparedQuery> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return byId.values().stream().filter(q -> q.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    /**
     * The query an ID or name stands for (Consul's {@code PreparedQueryResolve}): by ID first, then by exact name,
     * then the template with the longest name that prefixes it, rendered for the name. IllegalArgumentException
     * with Consul's words for an ID that names a template or a template that does not render.
     */
    Optional<PreparedQuery> resolve(String idOrName) {
        if (idOrName.isEmpty()) {
            throw new IllegalArgumentException("Missing Query ID");
        }
        if (UUID.matcher(idOrName).matches()) {
            PreparedQuery byIdentity = byId.get(idOrName);
            if (byIdentity != null) {
                if (byIdentity.templated()) {
                    throw new IllegalArgumentException(
                            "prepared query templates can only be resolved up by name, not by ID");
                }
                return Optional.of(byIdentity);
            }
        }
        Optional<PreparedQuery> exact = named(idOrName);
        if (exact.isPresent()) {
            return Optional.of(render(exact.get(), idOrName));
        }
        String lower = idOrName.toLowerCase(Locale.ROOT);
        PreparedQuery best = null;
        for (PreparedQuery query : byId.values()) {
            if (query.templated() && lower.startsWith(query.name().toLowerCase(Locale.ROOT))
                    && (best == null || query.name().length() > best.name().length())) {
                best = query;
            }
        }
        return Optional.ofNullable(best).map(q -> render(q, idOrName));
    }

    private PreparedQuery render(PreparedQuery query, String name) {
        if (!query.templated()) {
            return query;
        }
        QueryTemplate template = templates.get(query.id());
        if (template == null) {
            throw new IllegalArgumentException("Cannot render an uncompiled template");
        }
        return template.render(name);
    }

    // ---- snapshots

    void restore(List<PreparedQuery> queries) {
        byId.clear();
        templates.clear();
        queries.forEach(this::put);
    }
}
