package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import dev.signpost.core.PermissionDeniedException;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;

/**
 * Who sent a request, as far as ACLs go: the secret it presented, the token that secret names (empty with ACLs
 * disabled or for the agent recovery token) and what the token may do.
 */
public record Caller(String secret, Optional<AclToken> token, Authorizer authorizer, long rightsIndex) {
    /** Before the route's guard has run, or on an open route: may do nothing. */
    static final Caller NOBODY = new Caller("", Optional.empty(), Authorizer.of(Authorizer.DefaultPolicy.DENY));
    /** Any caller while ACLs are disabled: may do everything. */
    static final Caller UNRESTRICTED = new Caller("", Optional.empty(),
            Authorizer.of(Authorizer.DefaultPolicy.MANAGE));

    /** A caller whose rights were not resolved from the replicated ACL state: its answers are never cached. */
    public Caller(String secret, Optional<AclToken> token, Authorizer authorizer) {
        this(secret, token, authorizer, -1);
    }

    public Caller {
        requireNonNull(secret, "secret");
        requireNonNull(token, "token");
        requireNonNull(authorizer, "authorizer");
    }

    /** True when every caller gets the same answer (no ACLs apply), so encoded answers may be shared. */
    boolean sharesAnswers() {
        return this == UNRESTRICTED || this == NOBODY;
    }

    /**
     * True when this caller's rights are those of its token in the replicated ACL state at {@link #rightsIndex}:
     * its own answers may then be kept for it, valid while neither the read's index nor that index moves.
     */
    boolean keepsOwnAnswers() {
        return token.isPresent() && rightsIndex >= 0;
    }

    /** The accessor ID Consul names in a refusal; "" when there is no token. */
    public String accessorId() {
        return token.map(AclToken::accessorId).orElse("");
    }

    /** Refuses unless the token has the access, with Consul's text naming what was lacking. */
    public void require(Resource resource, Access access, String name) {
        if (!authorizer.access(resource, name).covers(access)) {
            throw denied(resource, access, name);
        }
    }

    /** Consul's {@code acl.PermissionDeniedByACL} text: who lacks which permission on what. */
    PermissionDeniedException denied(Resource resource, Access access, String name) {
        String on = resource.segmented() ? " on \"" + name + "\"" : "";
        return PermissionDeniedException.because("token with AccessorID '" + accessorId() + "' lacks permission '"
                + resource.word() + ":" + access.word() + "'" + on);
    }
}
