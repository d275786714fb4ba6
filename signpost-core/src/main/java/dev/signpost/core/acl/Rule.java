package dev.signpost.core.acl;

import static java.util.Objects.requireNonNull;

/**
 * One parsed rule: a resource, the segment it names ("" for unsegmented resources and for a prefix rule on
 * everything), whether the segment is a prefix, and the access granted.
 */
public record Rule(Resource resource, String segment, boolean prefix, Access access) {
    public Rule {
        requireNonNull(resource, "resource");
        requireNonNull(segment, "segment");
        requireNonNull(access, "access");
        if (!resource.segmented() && (prefix || !segment.isEmpty())) {
            throw new IllegalArgumentException(resource.word() + " rules name no segment");
        }
    }

    /** An exact rule. */
    public static Rule exact(Resource resource, String segment, Access access) {
        return new Rule(resource, segment, false, access);
    }

    /** A prefix rule. */
    public static Rule prefix(Resource resource, String segment, Access access) {
        return new Rule(resource, segment, true, access);
    }

    /** The rule for an unsegmented resource. */
    public static Rule whole(Resource resource, Access access) {
        return new Rule(resource, "", false, access);
    }
}
