package dev.signpost.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import dev.signpost.core.config.GatewayServices;
import dev.signpost.core.model.ExposePath;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceAddress;
import dev.signpost.core.model.ServiceKinds;
import dev.signpost.core.model.ServiceProxy;
import dev.signpost.core.model.Upstream;

/**
 * Consul's JSON for a service's tagged addresses, proxy and Connect fields, with Go's {@code omitempty} rules: the
 * catalog's {@code structs.ConnectProxyConfig} and {@code structs.ServiceConnect} are always present, the agent API's
 * {@code api.AgentServiceConnectProxyConfig} only on proxies and gateways, its {@code Connect} only when native.
 */
@SuppressWarnings("checkstyle:MemberName")
final class MeshWire {
    private MeshWire() {
    }

    record ServiceAddressJson(String Address, int Port) {
    }

    /** {@code MeshGatewayConfig}: {@code {}} when no mode is set. */
    record MeshGatewayJson(@JsonInclude(Include.NON_EMPTY) String Mode) {
    }

    @JsonInclude(Include.NON_DEFAULT)
    record ExposePathJson(int ListenerPort, String Path, int LocalPathPort, String Protocol, boolean ParsedFromCheck) {
        static ExposePathJson of(ExposePath p) {
            return new ExposePathJson(p.listenerPort(), p.path(), p.localPathPort(), p.protocol(), p.parsedFromCheck());
        }
    }

    @JsonInclude(Include.NON_DEFAULT)
    record ExposeJson(boolean Checks, List<ExposePathJson> Paths) {
    }

    @JsonInclude(Include.NON_DEFAULT)
    record TransparentProxyJson(int OutboundListenerPort, boolean DialedDirectly) {
    }

    record UpstreamJson(@JsonInclude(Include.NON_EMPTY) String DestinationType,
                        @JsonInclude(Include.NON_EMPTY) String DestinationNamespace, String DestinationName,
                        @JsonInclude(Include.NON_EMPTY) String Datacenter,
                        @JsonInclude(Include.NON_EMPTY) String LocalBindAddress,
                        @JsonInclude(Include.NON_DEFAULT) int LocalBindPort,
                        @JsonInclude(Include.NON_EMPTY) Map<String, Object> Config, MeshGatewayJson MeshGateway) {
        static UpstreamJson of(Upstream u) {
            return new UpstreamJson(u.destinationType(), u.destinationNamespace(), u.destinationName(), u.datacenter(),
                    u.localBindAddress(), u.localBindPort(), u.config(), new MeshGatewayJson(u.meshGatewayMode()));
        }
    }

    /** {@code structs.ConnectProxyConfig} as catalog and health reads show it ({@code Mode} always there). */
    record ProxyJson(@JsonInclude(Include.NON_EMPTY) String DestinationServiceName,
                     @JsonInclude(Include.NON_EMPTY) String DestinationServiceID,
                     @JsonInclude(Include.NON_EMPTY) String LocalServiceAddress,
                     @JsonInclude(Include.NON_DEFAULT) int LocalServicePort, String Mode,
                     @JsonInclude(Include.NON_EMPTY) Map<String, Object> Config,
                     @JsonInclude(Include.NON_EMPTY) List<UpstreamJson> Upstreams, MeshGatewayJson MeshGateway,
                     ExposeJson Expose, @JsonInclude(Include.NON_NULL) TransparentProxyJson TransparentProxy) {
        static ProxyJson of(ServiceProxy p) {
            boolean transparent = p.outboundListenerPort() != 0 || p.dialedDirectly();
            return new ProxyJson(p.destinationServiceName(), p.destinationServiceId(), p.localServiceAddress(),
                    p.localServicePort(), p.mode(), p.config(), p.upstreams().stream().map(UpstreamJson::of).toList(),
                    new MeshGatewayJson(p.meshGatewayMode()),
                    new ExposeJson(p.exposeChecks(), p.exposePaths().stream().map(ExposePathJson::of).toList()),
                    transparent ? new TransparentProxyJson(p.outboundListenerPort(), p.dialedDirectly()) : null);
        }
    }

    /** {@code api.AgentServiceConnectProxyConfig}: as {@link ProxyJson}, but {@code Mode} only when set. */
    record AgentProxyJson(@JsonInclude(Include.NON_EMPTY) String DestinationServiceName,
                          @JsonInclude(Include.NON_EMPTY) String DestinationServiceID,
                          @JsonInclude(Include.NON_EMPTY) String LocalServiceAddress,
                          @JsonInclude(Include.NON_DEFAULT) int LocalServicePort,
                          @JsonInclude(Include.NON_EMPTY) String Mode,
                          @JsonInclude(Include.NON_NULL) TransparentProxyJson TransparentProxy,
                          @JsonInclude(Include.NON_EMPTY) Map<String, Object> Config,
                          @JsonInclude(Include.NON_EMPTY) List<UpstreamJson> Upstreams, MeshGatewayJson MeshGateway,
                          ExposeJson Expose) {
        /** The agent's proxy field: present on connect-proxies and gateways only (Consul's buildAgentService). */
        static AgentProxyJson of(Service s) {
            if (!s.isConnectProxy() && !ServiceKinds.isGateway(s.kind())) {
                return null;
            }
            ProxyJson p = ProxyJson.of(s.proxy());
            return new AgentProxyJson(p.DestinationServiceName(), p.DestinationServiceID(), p.LocalServiceAddress(),
                    p.LocalServicePort(), p.Mode(), p.TransparentProxy(), p.Config(), p.Upstreams(), p.MeshGateway(),
                    p.Expose());
        }
    }

    /** {@code structs.ServiceConnect}: {@code {}} unless native. */
    record ConnectJson(@JsonInclude(Include.NON_DEFAULT) boolean Native) {
        static ConnectJson of(Service s) {
            return new ConnectJson(s.connectNative());
        }

        /** The agent API's {@code Connect}: only on a native service. */
        static ConnectJson ofAgent(Service s) {
            return s.connectNative() ? new ConnectJson(true) : null;
        }
    }

    static Map<String, ServiceAddressJson> taggedAddresses(Service s) {
        Map<String, ServiceAddressJson> out = new LinkedHashMap<>();
        new java.util.TreeMap<>(s.taggedAddresses()).forEach((tag, a) -> out.put(tag, of(a)));
        return out;
    }

    private static ServiceAddressJson of(ServiceAddress a) {
        return new ServiceAddressJson(a.address(), a.port());
    }

    /** {@code structs.ServiceName} as OSS Consul writes it. */
    record ServiceNameJson(String Name) {
    }

    /** {@code structs.GatewayService}: the listener and TLS origination fields only when set. */
    record GatewayServiceJson(ServiceNameJson Gateway, ServiceNameJson Service, String GatewayKind,
                              @JsonInclude(Include.NON_DEFAULT) int Port,
                              @JsonInclude(Include.NON_EMPTY) String Protocol,
                              @JsonInclude(Include.NON_EMPTY) List<String> Hosts,
                              @JsonInclude(Include.NON_EMPTY) String CAFile,
                              @JsonInclude(Include.NON_EMPTY) String CertFile,
                              @JsonInclude(Include.NON_EMPTY) String KeyFile,
                              @JsonInclude(Include.NON_EMPTY) String SNI,
                              @JsonInclude(Include.NON_DEFAULT) boolean FromWildcard,
                              long CreateIndex, long ModifyIndex) {
        static GatewayServiceJson of(GatewayServices.GatewayService g) {
            return new GatewayServiceJson(new ServiceNameJson(g.gateway()), new ServiceNameJson(g.service()),
                    g.gatewayKind(), g.port(), g.protocol(), g.hosts(), g.caFile(), g.certFile(), g.keyFile(), g.sni(),
                    g.fromWildcard(), g.createIndex(), g.modifyIndex());
        }
    }
}
