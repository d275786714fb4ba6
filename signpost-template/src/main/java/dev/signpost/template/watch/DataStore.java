package dev.signpost.template.watch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.signpost.template.dependency.Dependency;
import dev.signpost.template.dependency.MapTemplateData;
import dev.signpost.template.dependency.TemplateData;

import static java.util.Objects.requireNonNull;

/**
 * The latest answer to every watched dependency (consul-template's "brain"), read by templates as
 * {@link TemplateData}. Values are stored under the dependency itself, so identical queries from different templates
 * share one answer. Thread-safe: watchers write while the runner renders.
 */
public final class DataStore extends MapTemplateData {

    private final Map<Dependency, Object> answers;

    public DataStore() {
        this(new ConcurrentHashMap<>());
    }

    private DataStore(Map<Dependency, Object> answers) {
        super(answers);
        this.answers = answers;
    }

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
}
