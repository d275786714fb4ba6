package dev.signpost.dns;

import java.util.function.Function;

import dev.signpost.core.state.CatalogState;

/**
 * Runs a query against the local catalog. DNS reads are stale reads, as in Consul ({@code allow_stale}): they never
 * wait for the leader. The agent passes its store's method: {@code catalogStore::read}.
 *
 * <p>Called from many threads at once; the query copies what it returns and does not block.
 */
@FunctionalInterface
public interface CatalogReader {
    <T> T read(Function<CatalogState, T> query);
}
