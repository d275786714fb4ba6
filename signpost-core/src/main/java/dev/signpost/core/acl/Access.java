package dev.signpost.core.acl;

import java.util.Locale;

/** A rule's policy, weakest to strongest: what Consul's rules call {@code deny}, {@code read}, {@code list}, {@code write}. */
public enum Access {
    DENY, READ, LIST, WRITE;

    /** The rule word for this access. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this granted access is enough for a needed one: write covers list and read, list covers read. */
    public boolean covers(Access needed) {
        if (this == DENY) {
            return false;
        }
        return compareTo(needed) >= 0;
    }

    /** Two rules for the same thing from different policies: deny wins, otherwise the stronger one (Consul's merger). */
    static Access merge(Access a, Access b) {
        if (a == DENY || b == DENY) {
            return DENY;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
