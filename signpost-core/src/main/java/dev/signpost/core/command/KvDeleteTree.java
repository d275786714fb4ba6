package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/** Deletes every key starting with the prefix ("" deletes all). */
public record KvDeleteTree(String prefix) implements Command {
    public KvDeleteTree {
        requireNonNull(prefix, "prefix");
    }
}
