package dev.signpost.dns;

import static dev.signpost.dns.Queries.additional;
import static dev.signpost.dns.Queries.answers;
import static dev.signpost.dns.Queries.authority;
import static dev.signpost.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Rule;
import dev.signpost.core.acl.Rules;
import dev.signpost.core.command.PreparedQuerySet;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.query.PreparedQuery;
import dev.signpost.core.query.PreparedQuery.Dns;
import dev.signpost.core.query.PreparedQuery.Failover;
import dev.signpost.core.query.PreparedQuery.ServiceQuery;
import dev.signpost.core.query.PreparedQuery.Template;

/** {@code <query>.query[.<dc>].consul}: prepared queries over DNS, as Consul's preparedQueryLookup answers. */
class DnsResolverQueryTest {
    private static final String ID = "11111111-1111-1111-1111-111111111111";

    private final TestCatalog catalog = new TestCatalog()
            .node("n1", "10.0.0.1").service("n1", "web1", "web", 8080, "v1")
            .node("n2", "10.0.0.2").service("n2", "web2", "web", 8081, "v2")
            .check("n2", "web2-check", "web2", HealthStatus.WARNING)
            .node("n3", "10.0.0.3").service("n3", "web3", "web", 8082, "v1")
            .check("n3", "web3-check", "web3", HealthStatus.CRITICAL);
    private final DnsResolver resolver = Queries.resolver(catalog);

    private TestCatalog define(String name, ServiceQuery service, String ttl, long seconds, Template template) {
        return catalog.apply(new PreparedQuerySet(new PreparedQuery(ID, name, "", "", template, service,
                new Dns(ttl, seconds), 0, 0)));
    }

    private static ServiceQuery web(boolean onlyPassing, List<String> tags) {
        return new ServiceQuery("web", Failover.NONE, onlyPassing, List.of(), "", tags, Map.of(), Map.of(), false, "");
    }

    private Message ask(String name, int type) {
        return resolver.resolve(query(name, type), Transport.UDP);
    }

    @Test
    void srv_answersTheQuerysHealthyNodes_withItsTtl() {
        define("web-query", web(false, List.of()), "30s", 30, Template.NONE);
        Message response = ask("web-query.query.consul", Type.SRV);
        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answers(response)).containsExactlyInAnyOrder(
                "web-query.query.consul. 30 IN SRV 1 1 8080 n1.node.dc1.consul.",
                "web-query.query.consul. 30 IN SRV 1 1 8081 n2.node.dc1.consul.");
        assertThat(additional(response)).containsExactlyInAnyOrder("n1.node.dc1.consul. 30 IN A 10.0.0.1",
                "n2.node.dc1.consul. 30 IN A 10.0.0.2");
    }

    @Test
    void a_withTheDatacenterLabel_andOnlyPassingWhenTheQuerySaysSo() {
        define("web-query", web(true, List.of()), "", 0, Template.NONE);
        assertThat(answers(ask("web-query.query.dc1.consul", Type.A)))
                .containsExactly("web-query.query.dc1.consul. 0 IN A 10.0.0.1");
    }

    @Test
    void withoutATtl_theServiceTtlApplies() {
        define("web-query", web(false, List.of("v1")), "", 0, Template.NONE);
        DnsResolver withTtl = Queries.resolver(DnsConfig.builder().serviceTtl(Duration.ofSeconds(7)).build(), catalog);
        assertThat(answers(withTtl.resolve(query("web-query.query.consul", Type.A), Transport.UDP)))
                .containsExactly("web-query.query.consul. 7 IN A 10.0.0.1");
    }

    @Test
    void byId_andByTemplatePrefix() {
        define("geo-", new ServiceQuery("${name.suffix}", Failover.NONE, false, List.of(), "", List.of(), Map.of(),
                Map.of(), false, ""), "", 0, new Template(PreparedQuery.NAME_PREFIX_MATCH, "", false));
        assertThat(answers(ask("geo-web.query.consul", Type.A))).hasSize(2);
    }

    @Test
    void anUnknownQuery_orOneThatFindsNothing_isNxdomainWithTheSoa() {
        Message unknown = ask("nope.query.consul", Type.SRV);
        assertThat(unknown.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(authority(unknown)).hasSize(1);
        define("db", ServiceQuery.of("db"), "", 0, Template.NONE);
        assertThat(ask("db.query.consul", Type.SRV).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void nearIp_putsTheClientsNode_orItsEdnsSubnetsNode_first() throws Exception {
        define("web-query", new ServiceQuery("web", Failover.NONE, false, List.of(), "_ip", List.of(), Map.of(),
                Map.of(), false, ""), "", 0, Template.NONE);
        for (int i = 0; i < 10; i++) {
            Message fromN2 = resolver.resolve(query("web-query.query.consul", Type.A), Transport.UDP, "10.0.0.2");
            assertThat(answers(fromN2).getFirst()).endsWith("10.0.0.2");
            Message viaSubnet = query("web-query.query.consul", Type.A);
            viaSubnet.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0, 0, List.of(new org.xbill.DNS.ClientSubnetOption(
                    32, java.net.InetAddress.getByName("10.0.0.1")))), org.xbill.DNS.Section.ADDITIONAL);
            assertThat(answers(resolver.resolve(viaSubnet, Transport.UDP, "10.0.0.2")).getFirst()).endsWith("10.0.0.1");
        }
    }

    @Test
    void theQuerysOwnToken_decidesWhatIsSeen() {
        catalog.apply(new PreparedQuerySet(new PreparedQuery(ID, "web-query", "", "secret", Template.NONE,
                web(false, List.of()), Dns.NONE, 0, 0)));
        Authorizer nothing = Authorizer.of(Authorizer.DefaultPolicy.DENY);
        Authorizer n1Only = Authorizer.of(List.of(new Rules(List.of(Rule.prefix(dev.signpost.core.acl.Resource.SERVICE,
                "", Access.READ), Rule.exact(dev.signpost.core.acl.Resource.NODE, "n1", Access.READ)))),
                Authorizer.DefaultPolicy.DENY);
        DnsResolver acl = new DnsResolver(DnsConfig.defaults(), catalog.store::read, new Random(1), Recursor.none(),
                () -> nothing, secret -> secret.equals("secret") ? n1Only : nothing, () -> "n1");
        assertThat(answers(acl.resolve(query("web-query.query.consul", Type.A), Transport.UDP)))
                .containsExactly("web-query.query.consul. 0 IN A 10.0.0.1");
    }
}
