package dev.signpost.template.lang;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A receive-only Go channel with a fixed sequence of values, like consul-template's {@code loop} result
 * ({@code <-chan int64}). {@code range} drains it with an index; printing it is an error, as in Go. The values list
 * is used as given (it may be computed lazily) and must not change.
 */
public record GoChannel(String goTypeName, List<Object> values) {
    public GoChannel {
        requireNonNull(goTypeName, "goTypeName");
        requireNonNull(values, "values");
    }
}
