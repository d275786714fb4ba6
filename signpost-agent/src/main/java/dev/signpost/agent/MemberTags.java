package dev.signpost.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Serf tags {@code /v1/agent/members} shows for a member, as Consul's servers and clients set them. The
 * {@code build} tag is {@code <Consul API level>:signpost-<release>}, so {@code consul members}' Build column
 * reads as a Consul version. Every member runs this software, so each gets the same protocol and build tags.
 */
final class MemberTags {
    /** The Consul release whose API Signpost answers (as {@code Config.Version} says). */
    static final String CONSUL_API_VERSION = "1.20.0";

    private MemberTags() {
    }

    static Map<String, String> of(MemberInfo m, boolean bootstrap, String version) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("role", m.role());
        tags.put("dc", m.datacenter());
        tags.put("id", m.id());
        tags.put("port", Integer.toString(m.serverPort()));
        if (bootstrap) {
            tags.put("bootstrap", "1");
        }
        if (m.expect() > 0) {
            tags.put("expect", Integer.toString(m.expect()));
        }
        tags.put("vsn", "2");
        tags.put("vsn_min", "2");
        tags.put("vsn_max", "3");
        tags.put("raft_vsn", "3");
        tags.put("build", CONSUL_API_VERSION + ":signpost-" + version);
        return tags;
    }
}
