package dev.signpost.http;

import java.util.List;

import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceKinds;
import dev.signpost.core.model.ServiceProxy;

/**
 * A {@code Connect.SidecarService} block made into the sidecar proxy's service with Consul's defaults
 * (agent/sidecar_service.go): ID {@code <parent ID>-sidecar-proxy}, name {@code <parent name>-sidecar-proxy}, kind
 * connect-proxy, the parent's address, tags and meta unless given, and a proxy to the parent at 127.0.0.1 on the
 * parent's port. Its port (0 when not given) and its default checks are the agent's to fill in.
 */
final class SidecarDefinitions {
    static final String SUFFIX = "-sidecar-proxy";

    private SidecarDefinitions() {
    }

    /** What Consul's parent validation checks of the block. */
    static ServiceKinds.SidecarBlock block(Body sidecar) {
        boolean nested = sidecar.object("Connect").map(c -> c.has("SidecarService")).orElse(false);
        return new ServiceKinds.SidecarBlock(true, !sidecar.text("ID", "").isEmpty(), nested);
    }

    /** The sidecar's service; a block that makes a bad proxy is 400 "Failed Validation: ..." as in Consul. */
    static Service sidecar(Service parent, Body block) {
        Service given = Definitions.service(block, "Name", parent.name() + SUFFIX);
        String kind = given.kind().isEmpty() ? ServiceKinds.CONNECT_PROXY : given.kind();
        ServiceProxy proxy = given.proxy();
        String destinationName = proxy.destinationServiceName().isEmpty() ? parent.name()
                : proxy.destinationServiceName();
        String destinationId = proxy.destinationServiceId().isEmpty() ? parent.id() : proxy.destinationServiceId();
        String localAddress = proxy.localServiceAddress();
        int localPort = proxy.localServicePort();
        if (localAddress.isEmpty() || localPort < 1) {
            localAddress = localAddress.isEmpty() ? "127.0.0.1" : localAddress;
            localPort = localPort < 1 ? parent.port() : localPort;
        }
        List<String> tags = given.tags().isEmpty() ? parent.tags() : given.tags();
        var meta = given.meta().isEmpty() ? parent.meta() : given.meta();
        Service sidecar = new Service(parent.id() + SUFFIX, given.name(), tags,
                given.address().isEmpty() ? parent.address() : given.address(), given.port(), meta, given.weights(),
                given.enableTagOverride(), 0, 0, kind, given.taggedAddresses(),
                proxy.withDestination(destinationName, destinationId, localAddress, localPort), given.connectNative());
        List<String> errors = ServiceKinds.errors(sidecar, false);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Failed Validation: " + ServiceKinds.multiError(errors));
        }
        return sidecar;
    }
}
