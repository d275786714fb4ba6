package dev.signpost.dns;

import java.util.List;

/**
 * What a lookup found: whether the name exists and its records of the asked type. The resolver maps it to an
 * RCODE in one place: no name is NXDOMAIN, a name without records of the type is NODATA (RFC 2308).
 */
record Lookup(boolean nameExists, List<Answer> answers) {
    static final Lookup NO_NAME = new Lookup(false, List.of());
    static final Lookup NO_DATA = new Lookup(true, List.of());

    Lookup {
        answers = List.copyOf(answers);
        if (!nameExists && !answers.isEmpty()) {
            throw new IllegalArgumentException("a name that does not exist has no answers");
        }
    }

    static Lookup of(List<Answer> answers) {
        return new Lookup(true, answers);
    }
}
