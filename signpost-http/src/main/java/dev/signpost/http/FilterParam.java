package dev.signpost.http;

import dev.signpost.core.filter.Fields;
import dev.signpost.core.filter.Filter;
import dev.signpost.core.filter.FilterException;

/**
 * The {@code ?filter=} parameter of a read, compiled before the read runs (and before a blocking query waits), as
 * Consul creates its filter before its blocking query: a bad expression is answered at once with 400 and
 * Consul's text, and the wake-ups of a blocking query apply the same compiled filter.
 */
final class FilterParam {
    private FilterParam() {
    }

    static <T> Filter<T> of(ApiRequest request, Fields<T> fields) {
        try {
            return Filter.of(request.param("filter").orElse(""), fields);
        } catch (FilterException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
