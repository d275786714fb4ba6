package dev.signpost.http;

import java.util.List;
import java.util.Optional;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.NodeServices;
import dev.signpost.core.state.ServiceInstance;

/**
 * Who may see and change which catalog entries (Consul's {@code vetRegisterWithACL}, {@code vetDeregisterWithACL}
 * and its filters): a service instance is seen with service:read on its name and node:read on its node, a check
 * with service:read on its service or, for a node check, node:read on its node.
 */
final class CatalogAcl {
    private CatalogAcl() {
    }

    static boolean canSee(Authorizer authz, ServiceInstance instance) {
        return authz.canRead(Resource.SERVICE, instance.service().name())
                && authz.canRead(Resource.NODE, instance.node().name());
    }

    static boolean canSee(Authorizer authz, Check check) {
        return check.isNodeCheck() ? authz.canRead(Resource.NODE, check.node())
                : authz.canRead(Resource.SERVICE, check.serviceName());
    }

    /** A registration: service:write on its service; node:write for the node itself and its node checks. */
    static void vetRegister(Caller caller, Node node, List<Service> services, List<Check> checks) {
        if (services.isEmpty() || checks.stream().anyMatch(Check::isNodeCheck)) {
            caller.require(Resource.NODE, Access.WRITE, node.name());
        }
        for (Service service : services) {
            caller.require(Resource.SERVICE, Access.WRITE, service.name());
        }
        for (Check check : checks) {
            if (!check.isNodeCheck()) {
                caller.require(Resource.SERVICE, Access.WRITE, check.serviceName().isEmpty()
                        ? serviceName(services, check.serviceId()) : check.serviceName());
            }
        }
    }

    private static String serviceName(List<Service> services, String serviceId) {
        return services.stream().filter(s -> s.id().equals(serviceId)).map(Service::name).findFirst().orElse(serviceId);
    }

    /** A deregistration: service:write on the service, node:write for a node or a node check. */
    static void vetDeregister(Caller caller, CatalogState state, String nodeName, String serviceId, String checkId) {
        Optional<NodeServices> node = state.node(nodeName).value();
        if (!serviceId.isEmpty()) {
            Optional<Service> service = node.flatMap(n -> n.services().stream()
                    .filter(s -> s.id().equals(serviceId)).findFirst());
            if (service.isPresent()) {
                caller.require(Resource.SERVICE, Access.WRITE, service.get().name());
                return;
            }
        } else if (!checkId.isEmpty()) {
            Optional<Check> check = state.nodeChecks(nodeName).value().stream()
                    .filter(c -> c.checkId().equals(checkId)).findFirst();
            if (check.isPresent() && !check.get().isNodeCheck()) {
                caller.require(Resource.SERVICE, Access.WRITE, check.get().serviceName());
                return;
            }
        }
        caller.require(Resource.NODE, Access.WRITE, nodeName);
    }
}
