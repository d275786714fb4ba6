package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;

/**
 * What a route asks of the request's token: the one place ACLs are enforced for HTTP. Every route in
 * {@link Routes} is added with a guard (there is no way to add one without), and {@link Routes#dispatch} applies
 * it before the handler runs:
 * <ul>
 *   <li>{@link #open} asks nothing and resolves no token (Consul's status endpoints, the UI's files);</li>
 *   <li>{@link #needs} resolves the token and refuses with 403 unless it has the access on the resource the
 *       request names;</li>
 *   <li>{@link #filters} resolves the token and lets the handler see it ({@link ApiRequest#caller()}): for reads
 *       that drop what the token may not see, and writes whose resource is named in the body.</li>
 * </ul>
 * An unknown token is refused (403 "ACL not found") by every guard but {@code open}.
 */
public sealed interface Guard {

    /** No token needed; the reason says why, for the reader of the route table. */
    record Open(String reason) implements Guard {
        public Open {
            requireNonNull(reason, "reason");
        }
    }

    /** The token must have {@code access} on the resource named by {@code name(request)}. */
    record Needs(Resource resource, Access access, Function<ApiRequest, String> name) implements Guard {
        public Needs {
            requireNonNull(resource, "resource");
            requireNonNull(access, "access");
            requireNonNull(name, "name");
        }
    }

    /** The handler filters or checks with the caller; {@code what} says what it checks, for the table's reader. */
    record Filters(Resource resource, String what) implements Guard {
        public Filters {
            requireNonNull(resource, "resource");
            requireNonNull(what, "what");
        }
    }

    static Guard open(String reason) {
        return new Open(reason);
    }

    static Guard needs(Resource resource, Access access, Function<ApiRequest, String> name) {
        return new Needs(resource, access, name);
    }

    /** Access on an unsegmented resource (operator, acl, keyring) or on a whole segmented one. */
    static Guard needs(Resource resource, Access access) {
        return new Needs(resource, access, request -> "");
    }

    /** Read on the name after the route's prefix (a key, a service name). */
    static Guard reads(Resource resource) {
        return new Needs(resource, Access.READ, ApiRequest::pathRest);
    }

    /** Write on the name after the route's prefix. */
    static Guard writes(Resource resource) {
        return new Needs(resource, Access.WRITE, ApiRequest::pathRest);
    }

    static Guard filters(Resource resource, String what) {
        return new Filters(resource, what);
    }
}
