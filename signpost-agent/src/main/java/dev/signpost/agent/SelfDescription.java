package dev.signpost.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signpost.core.model.Node;
import dev.signpost.http.LocalAgent;

/**
 * How this agent describes itself and its members: its catalog node (tagged addresses, metadata), the members
 * with their Serf tags ({@link MemberTags}) and its identity for {@code /v1/agent/self}. Pure: everything comes
 * from the config, the node ID and the member list given.
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

    LocalAgent.Member self(Members members) {
        return new LocalAgent.Member(config.nodeName(), config.advertiseAddress(), config.serfLanPort(),
                MemberTags.of(members.self(), config.bootstrap() || config.dev(), config.version()), 1);
    }

    LocalAgent.Identity identity(Members members) {
        return new LocalAgent.Identity(config.nodeName(), nodeId, config.datacenter(), config.server(),
                config.version(), config.advertiseAddress(), self(members));
    }

    List<LocalAgent.Member> members(Members members) {
        List<LocalAgent.Member> out = new ArrayList<>();
        for (MemberInfo m : members.listed()) {
            out.add(m.name().equals(config.nodeName()) ? self(members) : new LocalAgent.Member(m.name(), m.address(),
                    m.lanPort(), MemberTags.of(m, false, config.version()), members.status(m.name())));
        }
        return out;
    }
}
