package dev.signpost.dns;

import static dev.signpost.dns.Queries.additional;
import static dev.signpost.dns.Queries.answers;
import static dev.signpost.dns.Queries.authority;
import static dev.signpost.dns.Queries.query;
import static dev.signpost.dns.Queries.resolver;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceProxy;
import dev.signpost.core.model.Weights;

/** Name forms, record types and health rules; RCODEs and sizes are in {@link DnsResolverErrorsTest}. */
class DnsResolverTest {

    private static Service service(String id, String name, String address, int port) {
        return Service.of(id, name, address, port, List.of());
    }

    private static Message ask(DnsResolver resolver, String name, int type) {
        return resolver.resolve(query(name, type), Transport.UDP);
    }

    @Nested
    class Connect {
        /** web on n1 with a sidecar at 10.0.0.1:21000, a native api on n2, and db with no proxy. */
        private final TestCatalog catalog = new TestCatalog().node("n1", "10.0.0.1").node("n2", "10.0.0.2")
                .service("n1", "web-1", "web", 8080)
                .service("n1", new Service("web-1-sidecar-proxy", "web-sidecar-proxy", List.of(), "", 21000, Map.of(),
                        Weights.DEFAULT, false, 0, 0).withMesh("connect-proxy", Map.of(),
                        ServiceProxy.NONE.withDestination("web", "web-1", "127.0.0.1", 8080), false))
                .service("n2", Service.of("api-1", "api", "", 9090, List.of()).withMesh("", Map.of(), ServiceProxy.NONE,
                        true))
                .service("n2", "db-1", "db", 5432);
        private final DnsResolver resolver = resolver(catalog);

        @Test
        void aServiceWithASidecar_answersTheSidecarsPort_notTheServices() {
            Message response = ask(resolver, "web.connect.consul", Type.SRV);

            assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(answers(response)).containsExactly("web.connect.consul. 0 IN SRV 1 1 21000 n1.node.dc1.consul.");
            assertThat(answers(ask(resolver, "web.connect.consul", Type.A)))
                    .containsExactly("web.connect.consul. 0 IN A 10.0.0.1");
        }

        @Test
        void aConnectNativeService_answersItself() {
            assertThat(answers(ask(resolver, "api.connect.consul", Type.SRV)))
                    .containsExactly("api.connect.consul. 0 IN SRV 1 1 9090 n2.node.dc1.consul.");
        }

        @Test
        void aServiceWithoutProxy_orACriticalSidecar_isNxdomain() {
            assertThat(ask(resolver, "db.connect.consul", Type.SRV).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            catalog.check("n1", "listening", "web-1-sidecar-proxy", HealthStatus.CRITICAL);
            assertThat(ask(resolver, "web.connect.consul", Type.SRV).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }
    }

    @Nested
    class Services {
        private final DnsResolver resolver = resolver(TestCatalog.seed());

        @Test
        void srvQuery_answersLikeTheSeed_withTargetAddressesInAdditional() {
            Message response = ask(resolver, "webapp.service.consul", Type.SRV);

            assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(response.getHeader().getFlag(Flags.QR)).isTrue();
            assertThat(answers(response)).containsExactlyInAnyOrder(
                    "webapp.service.consul. 0 IN SRV 1 1 32770 8b716e39cc09.node.dc1.consul.",
                    "webapp.service.consul. 0 IN SRV 1 1 32771 8b716e39cc09.node.dc1.consul.",
                    "webapp.service.consul. 0 IN SRV 1 1 32772 8b716e39cc09.node.dc1.consul.");
            assertThat(additional(response)).containsExactly(
                    "8b716e39cc09.node.dc1.consul. 0 IN A 10.111.222.36",
                    "8b716e39cc09.node.dc1.consul. 0 IN A 10.111.222.36",
                    "8b716e39cc09.node.dc1.consul. 0 IN A 10.111.222.36");
            assertThat(authority(response)).isEmpty();
        }

        @Test
        void aQuery_answersEachAddressOnce() {
            assertThat(answers(ask(resolver, "webapp.service.consul", Type.A)))
                    .containsExactly("webapp.service.consul. 0 IN A 10.111.222.36");
        }

        @Test
        void anyQuery_answersAddresses() {
            assertThat(answers(ask(resolver, "webapp.service.consul", Type.ANY)))
                    .containsExactly("webapp.service.consul. 0 IN A 10.111.222.36");
        }

        @Test
        void datacenterLabel_isOptional() {
            assertThat(answers(ask(resolver, "webapp.service.dc1.consul", Type.SRV))).hasSize(3);
        }

        @Test
        void names_areCaseInsensitive_andAnswersKeepTheQuestionsCase() {
            Message response = ask(resolver, "WebApp.Service.DC1.Consul", Type.A);

            assertThat(answers(response)).containsExactly("WebApp.Service.DC1.Consul. 0 IN A 10.111.222.36");
        }

        @Test
        void serviceRegisteredInUpperCase_isFoundByItsLowerCaseName() {
            DnsResolver upper = resolver(new TestCatalog().node("n1", "10.0.0.1").service("n1", "Web1", "WebApp", 80));

            assertThat(answers(ask(upper, "webapp.service.consul", Type.SRV)))
                    .containsExactly("webapp.service.consul. 0 IN SRV 1 1 80 n1.node.dc1.consul.");
        }

        @Test
        void caseInsensitiveLookup_followsCatalogChanges() {
            TestCatalog catalog = new TestCatalog().node("n1", "10.0.0.1").service("n1", "o", "Other", 80);
            DnsResolver resolver = resolver(catalog);
            assertThat(ask(resolver, "webapp.service.consul", Type.SRV).getRcode()).isEqualTo(Rcode.NXDOMAIN);

            catalog.service("n1", "w", "WebApp", 8080);

            assertThat(answers(ask(resolver, "webapp.service.consul", Type.SRV))).hasSize(1);
            assertThat(answers(ask(resolver, "OTHER.service.consul", Type.SRV))).hasSize(1);
        }

        @Test
        void serviceAddress_overridesTheNodeAddress_inAnswersAndAdditional() {
            DnsResolver own = resolver(new TestCatalog().node("n1", "10.0.0.1").service("n1",
                    service("web1", "web", "192.168.1.5", 8080)));

            assertThat(answers(ask(own, "web.service.consul", Type.A)))
                    .containsExactly("web.service.consul. 0 IN A 192.168.1.5");
            assertThat(additional(ask(own, "web.service.consul", Type.SRV)))
                    .containsExactly("n1.node.dc1.consul. 0 IN A 192.168.1.5");
        }

        @Test
        void ipv6Addresses_areAaaaRecords_andAnAQueryFindsNoData() {
            DnsResolver v6 = resolver(new TestCatalog().node("n6", "2001:db8::1").service("n6", "w", "web", 80));

            assertThat(answers(ask(v6, "web.service.consul", Type.AAAA)))
                    .containsExactly("web.service.consul. 0 IN AAAA 2001:db8:0:0:0:0:0:1");
            assertThat(additional(ask(v6, "web.service.consul", Type.SRV)))
                    .containsExactly("n6.node.dc1.consul. 0 IN AAAA 2001:db8:0:0:0:0:0:1");
            Message a = ask(v6, "web.service.consul", Type.A);
            assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(answers(a)).isEmpty();
            assertThat(authority(a)).hasSize(1);
        }

        @Test
        void hostNameAddress_isAnsweredWithACname() {
            DnsResolver host = resolver(new TestCatalog().node("n1", "10.0.0.1").service("n1",
                    service("db1", "db", "db.example.com", 5432)));

            assertThat(answers(ask(host, "db.service.consul", Type.A)))
                    .containsExactly("db.service.consul. 0 IN CNAME db.example.com.");
        }

        @Test
        void duplicateInstances_onTheSameNodeAddressAndPort_areAnsweredOnce() {
            DnsResolver dup = resolver(new TestCatalog().node("n1", "10.0.0.1")
                    .service("n1", "a", "web", 80).service("n1", "b", "web", 80).service("n1", "c", "web", 81));

            assertThat(answers(ask(dup, "web.service.consul", Type.SRV))).hasSize(2);
        }

        @Test
        void order_isShuffledPerQuery_andReproducibleWithASeed() {
            TestCatalog catalog = TestCatalog.many("web", 8);
            DnsResolver first = resolver(catalog);
            DnsResolver second = resolver(catalog);
            Set<List<String>> orders = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                List<String> one = answers(first.resolve(query("web.service.consul", Type.A), Transport.TCP));
                List<String> two = answers(second.resolve(query("web.service.consul", Type.A), Transport.TCP));
                assertThat(one).isEqualTo(two).hasSize(8);
                orders.add(one);
            }
            assertThat(orders).hasSizeGreaterThan(5);
        }

        @Test
        void ttl_comesFromTheServiceTtl() {
            DnsResolver ttl = resolver(DnsConfig.builder().serviceTtl(Duration.ofSeconds(30)).build(),
                    TestCatalog.seed());
            Message response = ask(ttl, "webapp.service.consul", Type.SRV);

            assertThat(response.getSection(1)).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(30));
            assertThat(response.getSection(3)).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(30));
        }
    }

    @Nested
    class Tags {
        private final DnsResolver resolver = resolver(new TestCatalog()
                .node("n1", "10.0.0.1").service("n1", "db1", "db", 5432, "primary", "v1")
                .node("n2", "10.0.0.2").service("n2", "db2", "db", 5432, "replica")
                .node("n3", "10.0.0.3").service("n3", "db3", "db", 5432, "Replica", "dotted.tag"));

        @Test
        void tagLabel_filtersInstances_ignoringCase() {
            assertThat(answers(ask(resolver, "primary.db.service.consul", Type.A)))
                    .containsExactly("primary.db.service.consul. 0 IN A 10.0.0.1");
            assertThat(answers(ask(resolver, "REPLICA.db.service.consul", Type.A))).hasSize(2);
        }

        @Test
        void tagWithDots_isEveryLabelBeforeTheService() {
            assertThat(answers(ask(resolver, "dotted.tag.db.service.dc1.consul", Type.A)))
                    .containsExactly("dotted.tag.db.service.dc1.consul. 0 IN A 10.0.0.3");
        }

        @Test
        void unknownTag_isNxdomain() {
            assertThat(ask(resolver, "nope.db.service.consul", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }

        @Test
        void rfc2782Name_withTag_filters() {
            assertThat(answers(ask(resolver, "_db._primary.service.consul", Type.SRV)))
                    .containsExactly("_db._primary.service.consul. 0 IN SRV 1 1 5432 n1.node.dc1.consul.");
        }

        @Test
        void rfc2782Name_withProtocol_doesNotFilter() {
            assertThat(answers(ask(resolver, "_db._tcp.service.consul", Type.SRV))).hasSize(3);
            assertThat(answers(ask(resolver, "_db._udp.service.dc1.consul", Type.SRV))).hasSize(3);
        }

        @Test
        void rfc2782Name_forSrv_needsNoServiceLabel() {
            assertThat(answers(ask(resolver, "_db._tcp.consul", Type.SRV))).hasSize(3);
            assertThat(answers(ask(resolver, "_db._replica.dc1.consul", Type.SRV))).hasSize(2);
        }
    }

    @Nested
    class Health {
        @Test
        void criticalServiceCheck_excludesTheInstance() {
            DnsResolver resolver = resolver(TestCatalog.seed()
                    .check("8b716e39cc09", "c1", "6402f685c105:z001:5000", HealthStatus.CRITICAL));

            assertThat(answers(ask(resolver, "webapp.service.consul", Type.SRV)))
                    .hasSize(2).noneMatch(a -> a.contains(" 32770 "));
        }

        @Test
        void criticalNodeCheck_excludesEveryServiceOfTheNode() {
            DnsResolver resolver = resolver(TestCatalog.seed().node("other", "10.0.0.9")
                    .service("other", "w9", "webapp", 9000)
                    .check("8b716e39cc09", "serfHealth", "", HealthStatus.CRITICAL));

            assertThat(answers(ask(resolver, "webapp.service.consul", Type.SRV)))
                    .containsExactly("webapp.service.consul. 0 IN SRV 1 1 9000 other.node.dc1.consul.");
        }

        @Test
        void maintenance_excludesLikeCritical() {
            DnsResolver resolver = resolver(TestCatalog.seed()
                    .check("8b716e39cc09", "_node_maintenance", "", HealthStatus.MAINTENANCE));

            assertThat(ask(resolver, "webapp.service.consul", Type.SRV).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }

        @Test
        void noHealthyInstance_isNxdomainWithSoa() {
            DnsResolver resolver = resolver(TestCatalog.seed()
                    .check("8b716e39cc09", "serfHealth", "", HealthStatus.CRITICAL));
            Message response = ask(resolver, "webapp.service.consul", Type.SRV);

            assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(authority(response)).singleElement().asString().contains("SOA");
        }

        @Test
        void warningInstance_isKept_withTheWarningWeight() {
            TestCatalog catalog = new TestCatalog().node("n1", "10.0.0.1").service("n1",
                    new Service("w", "web", List.of(), "", 80, Map.of(), new Weights(10, 3), false, 0, 0));
            DnsResolver resolver = resolver(catalog);
            assertThat(answers(ask(resolver, "web.service.consul", Type.SRV)))
                    .containsExactly("web.service.consul. 0 IN SRV 1 10 80 n1.node.dc1.consul.");

            catalog.check("n1", "slow", "w", HealthStatus.WARNING);

            assertThat(answers(ask(resolver, "web.service.consul", Type.SRV)))
                    .containsExactly("web.service.consul. 0 IN SRV 1 3 80 n1.node.dc1.consul.");
        }

        @Test
        void onlyPassing_excludesWarningInstances() {
            TestCatalog catalog = TestCatalog.seed()
                    .check("8b716e39cc09", "slow", "6402f685c105:z002:5000", HealthStatus.WARNING);
            DnsResolver resolver = resolver(DnsConfig.builder().onlyPassing(true).build(), catalog);

            assertThat(answers(ask(resolver, "webapp.service.consul", Type.SRV)))
                    .hasSize(2).noneMatch(a -> a.contains(" 32771 "));
        }

        @Test
        void passingChecks_doNotExclude() {
            DnsResolver resolver = resolver(TestCatalog.seed()
                    .check("8b716e39cc09", "serfHealth", "", HealthStatus.PASSING)
                    .check("8b716e39cc09", "c1", "6402f685c105:z001:5000", HealthStatus.PASSING));

            assertThat(answers(ask(resolver, "webapp.service.consul", Type.SRV))).hasSize(3);
        }
    }

    @Nested
    class Nodes {
        private final DnsResolver resolver = resolver(DnsConfig.builder().nodeTtl(Duration.ofSeconds(60)).build(),
                new TestCatalog().node("8b716e39cc09", "10.111.222.36", Map.of("rack", "r1", "rfc1035-raw", "plain"))
                        .node("web.example", "10.0.0.7").node("v6", "2001:db8::7"));

        @Test
        void nodeName_answersItsAddress_withTheNodeTtl() {
            assertThat(answers(ask(resolver, "8b716e39cc09.node.consul", Type.A)))
                    .containsExactly("8b716e39cc09.node.consul. 60 IN A 10.111.222.36");
            assertThat(answers(ask(resolver, "8b716e39cc09.node.dc1.consul", Type.A))).hasSize(1);
        }

        @Test
        void nodeNameWithDots_isFound() {
            assertThat(answers(ask(resolver, "web.example.node.dc1.consul", Type.A)))
                    .containsExactly("web.example.node.dc1.consul. 60 IN A 10.0.0.7");
        }

        @Test
        void ipv6Node_answersAaaa() {
            assertThat(answers(ask(resolver, "v6.node.consul", Type.AAAA)))
                    .containsExactly("v6.node.consul. 60 IN AAAA 2001:db8:0:0:0:0:0:7");
        }

        @Test
        void txtQuery_answersTheNodeMeta() {
            assertThat(answers(ask(resolver, "8b716e39cc09.node.consul", Type.TXT))).containsExactly(
                    "8b716e39cc09.node.consul. 60 IN TXT \"rack=r1\"",
                    "8b716e39cc09.node.consul. 60 IN TXT \"plain\"");
        }

        @Test
        void anyQuery_answersAddressAndMeta() {
            assertThat(answers(ask(resolver, "8b716e39cc09.node.consul", Type.ANY))).hasSize(3);
        }

        @Test
        void unknownNode_isNxdomain() {
            Message response = ask(resolver, "nope.node.consul", Type.A);

            assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(authority(response)).singleElement().asString()
                    .startsWith("consul. 0 IN SOA ns.consul. hostmaster.consul. ");
        }

        @Test
        void srvQueryOnANode_isNodata() {
            Message response = ask(resolver, "v6.node.consul", Type.SRV);

            assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(answers(response)).isEmpty();
            assertThat(authority(response)).singleElement().asString().contains(" SOA ");
        }
    }

    @Nested
    class Addresses {
        private final DnsResolver resolver = resolver(new TestCatalog()
                .node("8b716e39cc09", "10.111.222.36").service("8b716e39cc09", "w", "webapp", 80)
                .node("n2", "10.0.0.2").service("n2",
                        service("s", "db", "192.168.9.9", 5432))
                .node("v6", "2001:db8::7"));

        @Test
        void hexAddr_answersTheIpv4Address() {
            assertThat(answers(ask(resolver, "0a6fde24.addr.consul", Type.A)))
                    .containsExactly("0a6fde24.addr.consul. 0 IN A 10.111.222.36");
            assertThat(answers(ask(resolver, "0A6FDE24.addr.dc1.consul", Type.A))).hasSize(1);
        }

        @Test
        void longHexAddr_answersTheIpv6Address() {
            assertThat(answers(ask(resolver, "20010db8000000000000000000000007.addr.consul", Type.AAAA)))
                    .containsExactly("20010db8000000000000000000000007.addr.consul. 0 IN AAAA 2001:db8:0:0:0:0:0:7");
        }

        @Test
        void badHexAddr_isNxdomain() {
            assertThat(ask(resolver, "0a6fde2.addr.consul", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(ask(resolver, "zz6fde24.addr.consul", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }

        @Test
        void ptr_findsTheNodeFirst() {
            assertThat(answers(ask(resolver, "36.222.111.10.in-addr.arpa", Type.PTR)))
                    .containsExactly("36.222.111.10.in-addr.arpa. 0 IN PTR 8b716e39cc09.node.dc1.consul.");
        }

        @Test
        void ptr_findsAServiceAddress_whenNoNodeHasIt() {
            assertThat(answers(ask(resolver, "9.9.168.192.in-addr.arpa", Type.PTR)))
                    .containsExactly("9.9.168.192.in-addr.arpa. 0 IN PTR db.service.consul.");
        }

        @Test
        void ptr_forIpv6() {
            String name = "7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa";
            assertThat(answers(ask(resolver, name, Type.PTR)))
                    .containsExactly(name + ". 0 IN PTR v6.node.dc1.consul.");
        }

        @Test
        void ptr_followsCatalogChanges() {
            TestCatalog catalog = new TestCatalog().node("n1", "10.0.0.1");
            DnsResolver resolver = resolver(catalog);
            assertThat(answers(ask(resolver, "1.0.0.10.in-addr.arpa", Type.PTR))).hasSize(1);

            catalog.node("n1", "10.0.0.2").node("N2", "10.0.0.1");

            assertThat(answers(ask(resolver, "1.0.0.10.in-addr.arpa", Type.PTR)))
                    .containsExactly("1.0.0.10.in-addr.arpa. 0 IN PTR N2.node.dc1.consul.");
            assertThat(answers(ask(resolver, "n2.node.consul", Type.A)))
                    .containsExactly("n2.node.consul. 0 IN A 10.0.0.1");
        }

        @Test
        void ptr_forAnUnknownAddress_isNxdomain_withoutRecursors() {
            assertThat(ask(resolver, "1.1.1.1.in-addr.arpa", Type.PTR).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }
    }

    @Nested
    class Zone {
        private final DnsResolver resolver = resolver(DnsConfig.builder().advertise("10.111.222.36").build(),
                TestCatalog.seed());

        @Test
        void soa_isConsulsShape_withTheCatalogIndexAsSerial() {
            assertThat(answers(ask(resolver, "consul", Type.SOA)))
                    .containsExactly("consul. 0 IN SOA ns.consul. hostmaster.consul. 4 3600 600 86400 0");
        }

        @Test
        void ns_namesNsDotDomain_withTheAdvertiseAddressAsGlue() {
            Message response = ask(resolver, "consul", Type.NS);

            assertThat(answers(response)).containsExactly("consul. 0 IN NS ns.consul.");
            assertThat(additional(response)).containsExactly("ns.consul. 0 IN A 10.111.222.36");
        }

        @Test
        void nameServerName_answersTheAdvertiseAddress() {
            assertThat(answers(ask(resolver, "ns.consul", Type.A)))
                    .containsExactly("ns.consul. 0 IN A 10.111.222.36");
        }

        @Test
        void otherTypesAtTheApex_areNodata() {
            Message response = ask(resolver, "consul", Type.A);

            assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(answers(response)).isEmpty();
            assertThat(authority(response)).hasSize(1);
        }

        @Test
        void configuredDomainAndDatacenter_replaceConsulAndDc1() {
            DnsResolver custom = resolver(DnsConfig.builder().domain("Signpost.Example").datacenter("eu1").build(),
                    TestCatalog.seed());

            assertThat(answers(ask(custom, "webapp.service.eu1.signpost.example", Type.SRV))).hasSize(3)
                    .allMatch(a -> a.endsWith(" 8b716e39cc09.node.eu1.signpost.example."));
            assertThat(ask(custom, "webapp.service.dc1.signpost.example", Type.SRV).getRcode())
                    .isEqualTo(Rcode.NXDOMAIN);
            assertThat(ask(custom, "webapp.service.consul", Type.SRV).getRcode()).isEqualTo(Rcode.REFUSED);
        }
    }

    @Test
    void seededResolvers_shuffleIndependentlyOfEachOther() {
        TestCatalog catalog = TestCatalog.many("web", 6);
        DnsResolver a = new DnsResolver(DnsConfig.defaults(), catalog.store::read, new Random(1), Recursor.none());
        DnsResolver b = new DnsResolver(DnsConfig.defaults(), catalog.store::read, new Random(2), Recursor.none());

        assertThat(answers(a.resolve(query("web.service.consul", Type.A), Transport.TCP)))
                .isNotEqualTo(answers(b.resolve(query("web.service.consul", Type.A), Transport.TCP)));
    }
}
