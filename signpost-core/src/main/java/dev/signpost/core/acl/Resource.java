package dev.signpost.core.acl;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a rule governs, with the words rules use for it. A segmented resource has rules per name and per name
 * prefix ({@code key "a/b"}, {@code key_prefix "a/"}); the others have one rule ({@code operator = "read"}).
 */
public enum Resource {
    KEY("key", true, true),
    SERVICE("service", true, false),
    /**
     * Intentions by destination (or source) service name. No rule of its own: a service rule's {@code intentions}
     * field grants it (Consul's {@code service "web" { intentions = "write" }}).
     */
    INTENTION("intention", true, false),
    NODE("node", true, false),
    SESSION("session", true, false),
    EVENT("event", true, false),
    QUERY("query", true, false),
    AGENT("agent", true, false),
    OPERATOR("operator", false, false),
    ACL("acl", false, false),
    KEYRING("keyring", false, false),
    MESH("mesh", false, false),
    PEERING("peering", false, false);

    private final String word;
    private final boolean segmented;
    private final boolean allowsList;

    Resource(String word, boolean segmented, boolean allowsList) {
        this.word = word;
        this.segmented = segmented;
        this.allowsList = allowsList;
    }

    /** The rule word: {@code key}; a prefix rule adds {@code _prefix}. */
    public String word() {
        return word;
    }

    /** True when rules name a segment (a key, a service name). */
    public boolean segmented() {
        return segmented;
    }

    /** True when {@code list} is a valid policy here: only for keys, as in Consul. */
    boolean allowsList() {
        return allowsList;
    }

    /** The resource a rule word names; intentions have no rule word (they ride on service rules). */
    static Optional<Resource> byWord(String word) {
        return Arrays.stream(values()).filter(r -> r != INTENTION && r.word.equals(word)).findFirst();
    }
}
