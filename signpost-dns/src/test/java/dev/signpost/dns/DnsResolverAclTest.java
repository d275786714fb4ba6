package dev.signpost.dns;

import static dev.signpost.dns.Queries.answers;
import static dev.signpost.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Rules;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceProxy;
import dev.signpost.core.model.Weights;

/** DNS answers with what the agent's default token may read: services need service:read and node:read. */
class DnsResolverAclTest {
    private final AtomicReference<Authorizer> token = new AtomicReference<>(
            Authorizer.of(Authorizer.DefaultPolicy.DENY));
    private final DnsResolver resolver = new DnsResolver(DnsConfig.defaults(), TestCatalog.seed().store::read,
            new Random(42), Recursor.none(), token::get);

    private Message ask(String name, int type) {
        return resolver.resolve(query(name, type), Transport.UDP);
    }

    private static Authorizer rules(String text) {
        return Authorizer.of(List.of(Rules.parse(text)), Authorizer.DefaultPolicy.DENY);
    }

    @Test
    void aTokenThatMayReadNothing_seesNoService_andNoNode() {
        assertThat(ask("webapp.service.consul", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(ask("8b716e39cc09.node.consul", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(ask("36.222.111.10.in-addr.arpa", Type.PTR).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void serviceRead_needsNodeReadToo_asConsulsFilterDoes() {
        token.set(rules("service \"webapp\" { policy = \"read\" }"));
        assertThat(ask("webapp.service.consul", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        token.set(rules("service \"webapp\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }"));
        assertThat(answers(ask("webapp.service.consul", Type.A)))
                .containsExactly("webapp.service.consul. 0 IN A 10.111.222.36");
        assertThat(ask("8b716e39cc09.node.consul", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answers(ask("36.222.111.10.in-addr.arpa", Type.PTR))).isNotEmpty();
    }

    @Test
    void connectLookups_needReadOnTheServiceTheProxiesFront_andOnTheProxies() {
        TestCatalog catalog = new TestCatalog().node("n1", "10.0.0.1").service("n1", "web-1", "web", 8080)
                .service("n1", new Service("web-1-sidecar-proxy", "web-sidecar-proxy", List.of(), "", 21000, Map.of(),
                        Weights.DEFAULT, false, 0, 0).withMesh("connect-proxy", Map.of(),
                        ServiceProxy.NONE.withDestination("web", "web-1", "127.0.0.1", 8080), false));
        DnsResolver mesh = new DnsResolver(DnsConfig.defaults(), catalog.store::read, new Random(42), Recursor.none(),
                token::get);
        token.set(rules("service \"web-sidecar-proxy\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }"));
        assertThat(mesh.resolve(query("web.connect.consul", Type.SRV), Transport.UDP).getRcode())
                .isEqualTo(Rcode.NXDOMAIN);
        token.set(rules("service \"web\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }"));
        assertThat(mesh.resolve(query("web.connect.consul", Type.SRV), Transport.UDP).getRcode())
                .isEqualTo(Rcode.NXDOMAIN);
        token.set(rules("service_prefix \"web\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }"));
        assertThat(answers(mesh.resolve(query("web.connect.consul", Type.SRV), Transport.UDP)))
                .containsExactly("web.connect.consul. 0 IN SRV 1 1 21000 n1.node.dc1.consul.");
    }
}
