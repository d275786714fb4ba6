package dev.signpost.http;

import dev.signpost.core.filter.Fields;
import dev.signpost.core.model.Service;

/**
 * The fields {@code /v1/agent/services} and {@code /v1/agent/members} filter on, named as Consul's
 * {@code api.AgentService} and {@code api.AgentMember} name them. Agent checks filter as catalog checks do
 * ({@link dev.signpost.core.filter.CatalogFields#CHECK}).
 */
final class AgentFields {
    private AgentFields() {
    }

    /** An agent's service; {@code Datacenter} is the agent's. */
    static Fields<Service> service(String datacenter) {
        Fields<Object> weights = Fields.builder()
                .integer("Passing", 64, s -> ((Service) s).weights().passing())
                .integer("Warning", 64, s -> ((Service) s).weights().warning())
                .build();
        return Fields.<Service>builder()
                .string("Kind", Service::kind)
                .string("ID", Service::id)
                .string("Service", Service::name)
                .strings("Tags", Service::tags)
                .stringMap("Meta", Service::meta)
                .integer("Port", 64, Service::port)
                .string("Address", Service::address)
                .struct("Weights", s -> s, weights)
                .bool("EnableTagOverride", Service::enableTagOverride)
                .string("Datacenter", s -> datacenter)
                .build();
    }

    /** A member as the agent lists it; Serf's status codes (1 alive ... 4 failed) are Go ints. */
    static final Fields<LocalAgent.Member> MEMBER = Fields.<LocalAgent.Member>builder()
            .string("Name", LocalAgent.Member::name)
            .string("Addr", LocalAgent.Member::address)
            .unsigned("Port", 16, LocalAgent.Member::port)
            .stringMap("Tags", LocalAgent.Member::tags)
            .integer("Status", 64, LocalAgent.Member::status)
            .build();
}
