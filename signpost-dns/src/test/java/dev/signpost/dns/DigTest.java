package dev.signpost.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import dev.signpost.dns.Dig.Output;

/** The seed's {@code dig} lines, run with the real dig against a server on 127.0.0.1. */
class DigTest {
    private static Dig dig;
    private static DnsServer server;

    @BeforeAll
    static void start() {
        dig = Dig.require();
        TestCatalog catalog = TestCatalog.many("web", 100);
        catalog.node("8b716e39cc09", "10.111.222.36", Map.of("rack", "r1"))
                .service("8b716e39cc09", "6402f685c105:z001:5000", "webapp", 32770, "blue")
                .service("8b716e39cc09", "6402f685c105:z002:5000", "webapp", 32771)
                .service("8b716e39cc09", "6402f685c105:z003:5000", "webapp", 32772);
        DnsConfig config = DnsConfig.builder().bind("127.0.0.1").port(0).build();
        server = DnsServer.builder().config(config)
                .resolver(new DnsResolver(config, catalog.store::read, new Random(3), Recursor.none()))
                .build().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void missingDig_failsUnderCi_andSkipsOutsideIt() {
        Map<String, String> noDig = Map.of("PATH", "/nonexistent");

        assertThatThrownBy(() -> Dig.require(Map.of("PATH", "/nonexistent", "CI", "true")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("apt-get install -y dnsutils");
        assertThatThrownBy(() -> Dig.require(noDig)).isInstanceOf(TestAbortedException.class);
    }

    private static Output dig(String... args) throws IOException, InterruptedException {
        return dig.run(server.port(), args);
    }

    @Test
    void srv_printsTheSeedsAnswerAndAdditionalSections() throws Exception {
        // The seed's dig 9.9 sent no EDNS; +noedns reproduces its exact sections.
        Output out = dig("+noedns", "webapp.service.consul", "SRV");

        assertThat(out.status()).as(out.text()).isEqualTo("NOERROR");
        assertThat(out.flags()).contains("qr", "aa");
        assertThat(out.answer()).containsExactlyInAnyOrder(
                "webapp.service.consul. 0 IN SRV 1 1 32770 8b716e39cc09.node.dc1.consul.",
                "webapp.service.consul. 0 IN SRV 1 1 32771 8b716e39cc09.node.dc1.consul.",
                "webapp.service.consul. 0 IN SRV 1 1 32772 8b716e39cc09.node.dc1.consul.");
        assertThat(out.additional()).containsExactly(
                "8b716e39cc09.node.dc1.consul. 0 IN A 10.111.222.36",
                "8b716e39cc09.node.dc1.consul. 0 IN A 10.111.222.36",
                "8b716e39cc09.node.dc1.consul. 0 IN A 10.111.222.36");
        assertThat(out.text()).contains("QUERY: 1, ANSWER: 3, AUTHORITY: 0, ADDITIONAL: 3");
    }

    @Test
    void srv_withDigsDefaultEdns_answersTheSameRecords_andAnOptRecord() throws Exception {
        Output out = dig("webapp.service.consul", "SRV");

        assertThat(out.answer()).hasSize(3);
        assertThat(out.additional()).hasSize(3);
        assertThat(out.text()).contains("OPT PSEUDOSECTION", "udp: 4096");
    }

    @Test
    void aQuery_answersTheNodeAddressOnce() throws Exception {
        assertThat(dig("webapp.service.consul").answer())
                .containsExactly("webapp.service.consul. 0 IN A 10.111.222.36");
    }

    @Test
    void nodeQueries_answerAddressAndMeta() throws Exception {
        assertThat(dig("8b716e39cc09.node.dc1.consul", "A").answer())
                .containsExactly("8b716e39cc09.node.dc1.consul. 0 IN A 10.111.222.36");
        assertThat(dig("8b716e39cc09.node.consul", "TXT").answer())
                .containsExactly("8b716e39cc09.node.consul. 0 IN TXT \"rack=r1\"");
    }

    @Test
    void tagAndRfc2782Names_filterByTag() throws Exception {
        assertThat(dig("blue.webapp.service.consul", "SRV").answer())
                .containsExactly("blue.webapp.service.consul. 0 IN SRV 1 1 32770 8b716e39cc09.node.dc1.consul.");
        assertThat(dig("_webapp._blue.service.consul", "SRV").answer()).hasSize(1);
        assertThat(dig("_webapp._tcp.consul", "SRV").answer()).hasSize(3);
    }

    @Test
    void reverseLookup_namesTheNode() throws Exception {
        assertThat(dig("-x", "10.111.222.36").answer())
                .containsExactly("36.222.111.10.in-addr.arpa. 0 IN PTR 8b716e39cc09.node.dc1.consul.");
    }

    @Test
    void unknownService_isNxdomain_withTheSoa() throws Exception {
        Output out = dig("nope.service.consul", "SRV");

        assertThat(out.status()).isEqualTo("NXDOMAIN");
        assertThat(out.answer()).isEmpty();
        assertThat(out.authority()).singleElement().asString()
                .startsWith("consul. 0 IN SOA ns.consul. hostmaster.consul. ").endsWith(" 3600 600 86400 0");
    }

    @Test
    void knownNameWithoutThatType_isNodata() throws Exception {
        Output out = dig("webapp.service.consul", "MX");

        assertThat(out.status()).isEqualTo("NOERROR");
        assertThat(out.text()).contains("ANSWER: 0");
        assertThat(out.authority()).singleElement().asString().contains(" SOA ");
    }

    @Test
    void outsideTheDomain_isRefused() throws Exception {
        assertThat(dig("example.com", "A").status()).isEqualTo("REFUSED");
    }

    @Test
    void hundredInstances_overUdpWithoutEdns_areCutToThree() throws Exception {
        Output out = dig("+noedns", "+ignore", "web.service.consul", "SRV");

        assertThat(out.answer()).hasSize(3);
        assertThat(out.flags()).doesNotContain("tc");
    }

    @Test
    void hundredInstances_overUdp_fillTheEdnsBufferSize() throws Exception {
        int small = dig("+bufsize=1232", "+ignore", "web.service.consul", "SRV").answer().size();
        int large = dig("+bufsize=8192", "+ignore", "web.service.consul", "SRV").answer().size();

        assertThat(small).isBetween(4, 99);
        assertThat(large).isEqualTo(100);
    }

    @Test
    void hundredInstances_overTcp_areAllAnswered() throws Exception {
        Output out = dig("+tcp", "web.service.consul", "SRV");

        assertThat(out.answer()).hasSize(100);
        assertThat(out.additional()).hasSize(100);
        assertThat(out.text()).contains("(TCP)");
    }

    @Test
    void soaAndNs_describeTheZone() throws Exception {
        assertThat(dig("consul", "NS").answer()).containsExactly("consul. 0 IN NS ns.consul.");
        assertThat(dig("consul", "NS").additional()).containsExactly("ns.consul. 0 IN A 127.0.0.1");
        assertThat(dig("consul", "SOA").answer()).singleElement().asString().contains(" SOA ns.consul. ");
    }
}
