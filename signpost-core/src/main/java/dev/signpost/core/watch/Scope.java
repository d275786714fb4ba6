package dev.signpost.core.watch;

import java.util.List;

/** What a blocking query reads, and so what wakes it: exact {@link Topic}s and topic prefixes. */
public record Scope(List<String> topics, List<String> prefixes) {
    public Scope {
        topics = List.copyOf(topics);
        prefixes = List.copyOf(prefixes);
    }

    public static Scope of(String... topics) {
        return new Scope(List.of(topics), List.of());
    }

    public static Scope prefix(String prefix) {
        return new Scope(List.of(), List.of(prefix));
    }
}
