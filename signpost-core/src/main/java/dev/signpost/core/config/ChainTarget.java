package dev.signpost.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One target of a compiled discovery chain (Consul's DiscoveryTarget): a service, subset, namespace, partition and
 * datacenter (or peer) to query, and what the compiler learned about it. Its ID is Consul's ChainID. Mutable while
 * one compilation runs; not thread-safe.
 */
final class ChainTarget {
    /** DiscoveryTargetOpts: what a target is made of; "" for what is not given. */
    record Opts(String service, String subset, String namespace, String partition, String datacenter, String peer) {
        static Opts service(String service) {
            return new Opts(service, "", "", "", "", "");
        }

        /** The opts a redirect or failover target gives (its fields by Consul's names, "" when absent). */
        static Opts of(Map<String, Object> fields) {
            return new Opts(Bodies.text(fields, "Service"), Bodies.text(fields, "ServiceSubset"),
                    Bodies.text(fields, "Namespace"), Bodies.text(fields, "Partition"),
                    Bodies.text(fields, "Datacenter"), Bodies.text(fields, "Peer"));
        }

        Opts withDatacenter(String dc) {
            return new Opts(service, subset, namespace, partition, dc, peer);
        }

        /** ChainID: like an SNI name, subset first when there is one. */
        String id() {
            if (!peer.isEmpty()) {
                return service + "." + namespace + "." + partition + ".external." + peer;
            }
            return (subset.isEmpty() ? "" : subset + ".") + service + "." + namespace + "." + partition + "."
                    + datacenter;
        }
    }

    final Opts opts;
    final String id;
    long connectTimeout;
    Map<String, Object> subset = Map.of();
    String meshGatewayMode = "";
    boolean dialedDirectly;
    boolean external;
    String sni = "";
    String name = "";

    ChainTarget(Opts opts) {
        this.opts = opts;
        this.id = opts.id();
    }

    /** connect.ServiceSNI: the TLS server name of this target's instances in a trust domain. */
    static String sni(Opts o, String trustDomain) {
        String namespace = o.namespace().isEmpty() ? "default" : o.namespace();
        String partition = o.partition().isEmpty() ? "default" : o.partition();
        String subset = o.subset().isEmpty() ? "" : o.subset() + ".";
        return partition.equals("default")
                ? subset + o.service() + "." + namespace + "." + o.datacenter() + ".internal." + trustDomain
                : subset + o.service() + "." + namespace + "." + partition + "." + o.datacenter() + ".internal-v1."
                        + trustDomain;
    }

    /** The target as Consul's MarshalJSON writes it: ConnectTimeout first, as a duration, then the struct. */
    Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (connectTimeout != 0) {
            out.put("ConnectTimeout", java.time.Duration.ofNanos(connectTimeout));
        }
        out.put("ID", id);
        putText(out, "Service", opts.service());
        putText(out, "ServiceSubset", opts.subset());
        putText(out, "Namespace", opts.namespace());
        putText(out, "Partition", opts.partition());
        putText(out, "Datacenter", opts.datacenter());
        putText(out, "Peer", opts.peer());
        Map<String, Object> mesh = new LinkedHashMap<>();
        putText(mesh, "Mode", meshGatewayMode);
        out.put("MeshGateway", mesh);
        Map<String, Object> subsetJson = new LinkedHashMap<>();
        putText(subsetJson, "Filter", Bodies.text(subset, "Filter"));
        if (Bodies.flag(subset, "OnlyPassing")) {
            subsetJson.put("OnlyPassing", true);
        }
        out.put("Subset", subsetJson);
        out.put("TransparentProxy", dialedDirectly ? Map.of("DialedDirectly", true) : Map.of());
        if (external) {
            out.put("External", true);
        }
        putText(out, "SNI", sni);
        putText(out, "Name", name);
        return out;
    }

    static void putText(Map<String, Object> out, String field, String value) {
        if (!value.isEmpty()) {
            out.put(field, value);
        }
    }
}
