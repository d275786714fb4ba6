package dev.signpost.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signpost.core.model.Node;
import dev.signpost.http.LocalAgent;

/**
 * How this agent describes itself and its members: its catalog node (tagged addresses, metadata), its member
 * tags as Serf gives them ({@code role}, {@code dc}, {@code vsn}, ...) and its identity for
 * {@code /v1/agent/self}. Pure: everything comes from the config and the node ID.
 */
final class SelfDescription {
    private final AgentConfig config;
    private final String nodeId;

    SelfDescription(AgentConfig config, String nodeId) {
        this.config = config;
        this.nodeId = nodeId;
    }

    Node node() {
        String address = config.advertiseAddress();
        Map<String, String> tagged = new LinkedHashMap<>();
        tagged.put("lan", address);
        tagged.put("lan_ipv4", address);
        tagged.put("wan", address);
        tagged.put("wan_ipv4", address);
        Map<String, String> meta = new LinkedHashMap<>(config.nodeMeta());
        meta.put("consul-network-segment", "");
        return new Node(nodeId, config.nodeName(), address, config.datacenter(), tagged, meta, 0, 0);
    }

    LocalAgent.Member self() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("role", config.server() ? "consul" : "node");
        tags.put("dc", config.datacenter());
        tags.put("id", nodeId);
        tags.put("port", Integer.toString(config.serverPort()));
        if (config.bootstrap() || config.dev()) {
            tags.put("bootstrap", "1");
        }
        if (config.bootstrapExpect() > 0) {
            tags.put("expect", Integer.toString(config.bootstrapExpect()));
        }
        tags.put("vsn", "2");
        tags.put("vsn_min", "2");
        tags.put("vsn_max", "3");
        tags.put("raft_vsn", "3");
        tags.put("build", "signpost:" + config.version());
        return new LocalAgent.Member(config.nodeName(), config.advertiseAddress(), config.serfLanPort(), tags, 1);
    }

    LocalAgent.Identity identity() {
        return new LocalAgent.Identity(config.nodeName(), nodeId, config.datacenter(), config.server(),
                config.version(), config.advertiseAddress(), self());
    }

    List<LocalAgent.Member> members(Members members) {
        List<LocalAgent.Member> out = new ArrayList<>();
        for (MemberInfo m : members.all()) {
            if (m.name().equals(config.nodeName())) {
                out.add(self());
                continue;
            }
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("role", m.role());
            tags.put("dc", m.datacenter());
            tags.put("id", m.id());
            tags.put("port", Integer.toString(m.serverPort()));
            if (m.expect() > 0) {
                tags.put("expect", Integer.toString(m.expect()));
            }
            out.add(new LocalAgent.Member(m.name(), m.address(), m.lanPort(), tags, members.status(m.name())));
        }
        return out;
    }
}
