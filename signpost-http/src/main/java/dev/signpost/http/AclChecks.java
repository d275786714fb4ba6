package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.signpost.core.PermissionDeniedException;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.Acls;
import dev.signpost.core.acl.NodeIdentity;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.acl.ServiceIdentity;
import dev.signpost.core.state.AclView;

/**
 * What the {@code /v1/acl/*} endpoints share: the 401 while ACLs are off, the acl:read / acl:write check (a bare
 * "Permission denied", as Consul's ACL endpoints give it), and reading policy links and identities from a body
 * with Consul's refusals. Every refusal here happens before anything is replicated.
 */
final class AclChecks {
    private final AclConfig config;

    AclChecks(AclConfig config) {
        this.config = requireNonNull(config, "config");
    }

    AclConfig config() {
        return config;
    }

    /** Consul's {@code checkACLDisabled}: 401 "ACL support disabled". */
    void requireEnabled() {
        if (!config.enabled()) {
            throw new ApiException(401, "ACL support disabled");
        }
    }

    /** Enabled, and the caller may read (or write) ACLs. */
    void require(ApiRequest request, Access access) {
        requireEnabled();
        if (!request.caller().authorizer().access(Resource.ACL, "").covers(access)) {
            throw PermissionDeniedException.plain();
        }
    }

    static boolean canWriteAcl(ApiRequest request) {
        return request.caller().authorizer().canWrite(Resource.ACL, "");
    }

    /** Links given by ID or by name, resolved to existing IDs, without repeats. */
    static List<String> links(List<Body> links, String kind, Function<String, Boolean> idExists,
                              Function<String, Optional<String>> idByName) {
        Set<String> ids = new LinkedHashSet<>();
        for (Body link : links) {
            String id = link.text("ID", "");
            if (id.isEmpty()) {
                String name = link.text("Name", "");
                ids.add(idByName.apply(name).orElseThrow(() -> ApiException.badRequest(
                        "No such ACL " + kind + " with name \"" + name + "\"")));
            } else if (!idExists.apply(id)) {
                throw ApiException.badRequest("No such ACL " + kind + " with ID \"" + id + "\"");
            } else {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    /** Policy links checked against the current policies. */
    static List<String> policyLinks(Body body, AclView acl) {
        return links(body.objects("Policies"), "policy", id -> acl.policy(id).value().isPresent(),
                name -> acl.policyNamed(name).value().map(p -> p.id()));
    }

    /** Service identities with Consul's checks; {@code owner} is "token" or "role". */
    static List<ServiceIdentity> serviceIdentities(Body body, String owner) {
        List<ServiceIdentity> out = new ArrayList<>();
        for (Body s : body.objects("ServiceIdentities")) {
            String name = s.text("ServiceName", "");
            if (name.isEmpty()) {
                throw ApiException.badRequest("Service identity is missing the service name field on this " + owner);
            }
            if (!Acls.isValidName(name)) {
                throw ApiException.badRequest("Service identity \"" + name + "\" has an invalid name. Only "
                        + "alphanumeric characters, '-' and '_' are allowed");
            }
            ServiceIdentity identity = new ServiceIdentity(name, s.strings("Datacenters"));
            if (!out.contains(identity)) {
                out.add(identity);
            }
        }
        return out;
    }

    /** Node identities with Consul's checks. */
    static List<NodeIdentity> nodeIdentities(Body body, String owner) {
        List<NodeIdentity> out = new ArrayList<>();
        for (Body n : body.objects("NodeIdentities")) {
            String name = n.text("NodeName", "");
            String dc = n.text("Datacenter", "");
            if (name.isEmpty()) {
                throw ApiException.badRequest("Node identity is missing the node name field on this " + owner);
            }
            if (dc.isEmpty()) {
                throw ApiException.badRequest("Node identity is missing the datacenter field on this " + owner);
            }
            if (!Acls.isValidName(name)) {
                throw ApiException.badRequest("Node identity has an invalid name. Only alphanumeric characters, "
                        + "'-' and '_' are allowed");
            }
            NodeIdentity identity = new NodeIdentity(name, dc);
            if (!out.contains(identity)) {
                out.add(identity);
            }
        }
        return out;
    }

    /**
     * The Name of a policy or role body after Consul's checks of its ID against the path and of the name itself;
     * {@code kind} is "Policy" or "Role".
     */
    static String checkedName(Body body, String pathId, String kind) {
        String id = body.text("ID", "");
        if (pathId.isEmpty() && !id.isEmpty()) {
            throw ApiException.badRequest("Cannot specify the ID when creating a new " + kind.toLowerCase(Locale.ROOT));
        }
        if (!pathId.isEmpty() && !id.isEmpty() && !id.equals(pathId)) {
            throw ApiException.badRequest(kind + " ID in URL and payload do not match");
        }
        String name = body.text("Name", "");
        if (name.isEmpty()) {
            throw ApiException.badRequest("Invalid " + kind + ": no Name is set");
        }
        if (!Acls.isValidName(name)) {
            throw ApiException.badRequest("Invalid " + kind + ": invalid Name. Only alphanumeric characters, '-' and "
                    + "'_' are allowed");
        }
        return name;
    }

    /** A body that must be a JSON object; decode errors say what was being decoded, as Consul's do. */
    static Body object(ApiRequest request, String what) {
        try {
            return Json.read(request.body()).requireObject();
        } catch (ApiException e) {
            throw ApiException.badRequest(what + " decoding failed: " + e.getMessage()
                    .replaceFirst("^Request decode failed: ", ""));
        }
    }
}
