package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Rules;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

class AgentTokenVetTest {
    private static final Node NODE = Node.of("11111111-1111-1111-1111-111111111111", "n1", "10.0.0.1", "dc1");

    private static Authorizer rules(String text) {
        return Authorizer.of(List.of(Rules.parse(text)), Authorizer.DefaultPolicy.DENY);
    }

    @Test
    void aService_needsServiceWrite_theNodeItself_needsNodeWrite() {
        Register web = Register.service(NODE, Service.of("web-1", "web", "", 80, List.of()), List.of());
        Authorizer serviceOnly = rules("service \"web\" { policy = \"write\" }");
        assertThat(AgentTokenVet.allowed(serviceOnly, web)).isTrue();
        assertThat(AgentTokenVet.allowed(serviceOnly, Register.node(NODE))).isFalse();
        assertThat(AgentTokenVet.allowed(rules("node \"n1\" { policy = \"write\" }"), Register.node(NODE))).isTrue();
    }

    @Test
    void aDeregistration_needsNodeWrite_andNoTokenRightsRefuseAll() {
        Authorizer none = Authorizer.of(Authorizer.DefaultPolicy.DENY);
        assertThat(AgentTokenVet.allowed(none, new DeregisterService("n1", "web-1"))).isFalse();
        assertThat(AgentTokenVet.allowed(Authorizer.of(Authorizer.DefaultPolicy.MANAGE),
                new DeregisterService("n1", "web-1"))).isTrue();
    }
}
