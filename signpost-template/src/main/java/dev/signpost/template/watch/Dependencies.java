package dev.signpost.template.watch;

import java.util.Collection;

import dev.signpost.template.dependency.Dependency;

/** What the runner asks of whatever keeps the {@link DataStore} fed: watch these, stop the rest. */
public interface Dependencies extends AutoCloseable {

    /** Starts watching every dependency not watched yet; watching an already watched one is a no-op. */
    void watch(Collection<Dependency> dependencies);

    /** Stops watching, and forgets the data of, every dependency not in {@code keep}. */
    void retain(Collection<Dependency> keep);

    /** How many dependencies are watched. */
    int count();

    @Override
    void close();
}
