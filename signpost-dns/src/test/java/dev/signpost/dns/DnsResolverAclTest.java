package dev.signpost.dns;

import static dev.signpost.dns.Queries.answers;
import static dev.signpost.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Rules;

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
}
