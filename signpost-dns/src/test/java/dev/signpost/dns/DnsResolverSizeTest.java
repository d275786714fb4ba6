package dev.signpost.dns;

import static dev.signpost.dns.Queries.additional;
import static dev.signpost.dns.Queries.answers;
import static dev.signpost.dns.Queries.ednsQuery;
import static dev.signpost.dns.Queries.query;
import static dev.signpost.dns.Queries.resolver;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** How many answers fit: per transport, per EDNS size, per configured limit; and when TC is set. */
class DnsResolverSizeTest {
    private static final TestCatalog HUNDRED = TestCatalog.many("web", 100);

    private final DnsResolver resolver = resolver(HUNDRED);

    private static byte[] wire(DnsResolver resolver, Message query, Transport transport) {
        byte[] packet = query.toWire();
        return resolver.respond(packet, packet.length, transport).orElseThrow();
    }

    @Test
    void udpWithoutEdns_answersAtMostTheAnswerLimit_withinClassic512Bytes() throws IOException {
        byte[] response = wire(resolver, query("web.service.consul", Type.SRV), Transport.UDP);

        Message parsed = new Message(response);
        assertThat(response.length).isLessThanOrEqualTo(512);
        assertThat(answers(parsed)).hasSize(3);
        assertThat(additional(parsed)).hasSize(3);
        assertThat(parsed.getHeader().getFlag(Flags.TC)).isFalse();
    }

    @Test
    void answerLimit_isConfigurable() {
        DnsResolver five = resolver(DnsConfig.builder().udpAnswerLimit(5).build(), HUNDRED);

        assertThat(answers(five.resolve(query("web.service.consul", Type.A), Transport.UDP))).hasSize(5);
    }

    @Test
    void answerLimit_isCutFurther_whenTheAnswersDoNotFit512Bytes() throws IOException {
        DnsResolver many = resolver(DnsConfig.builder().udpAnswerLimit(50).build(), HUNDRED);

        byte[] response = wire(many, query("web.service.consul", Type.SRV), Transport.UDP);

        Message parsed = new Message(response);
        assertThat(response.length).isLessThanOrEqualTo(512);
        assertThat(answers(parsed)).hasSizeBetween(4, 49);
        assertThat(additional(parsed)).hasSameSizeAs(answers(parsed));
    }

    @Test
    void truncationBit_isSetOnlyWhenEnabled() {
        DnsResolver truncating = resolver(DnsConfig.builder().enableTruncate(true).build(), HUNDRED);

        assertThat(truncating.resolve(query("web.service.consul", Type.SRV), Transport.UDP).getHeader()
                .getFlag(Flags.TC)).isTrue();
        assertThat(resolver.resolve(query("web.service.consul", Type.SRV), Transport.UDP).getHeader()
                .getFlag(Flags.TC)).isFalse();
    }

    @Test
    void truncationBit_isNotSet_whenEverythingFits() {
        DnsResolver truncating = resolver(DnsConfig.builder().enableTruncate(true).build(), TestCatalog.seed());

        assertThat(truncating.resolve(query("webapp.service.consul", Type.SRV), Transport.UDP).getHeader()
                .getFlag(Flags.TC)).isFalse();
    }

    @Test
    void udpWithEdns_fillsTheAdvertisedSize_beyondTheAnswerLimit() throws IOException {
        byte[] response = wire(resolver, ednsQuery("web.service.consul", Type.SRV, 1232), Transport.UDP);

        Message parsed = new Message(response);
        assertThat(response.length).isLessThanOrEqualTo(1232).isGreaterThan(1000);
        assertThat(answers(parsed)).hasSizeGreaterThan(3).hasSizeLessThan(100);
        assertThat(parsed.getOPT()).isNotNull();
    }

    @Test
    void udpWithLargeEdns_answersEverything() throws IOException {
        byte[] response = wire(resolver, ednsQuery("web.service.consul", Type.SRV, 8192), Transport.UDP);

        assertThat(answers(new Message(response))).hasSize(100);
        assertThat(additional(new Message(response))).hasSize(100);
    }

    @Test
    void ednsBelow512_countsAs512() throws IOException {
        byte[] response = wire(resolver, ednsQuery("web.service.consul", Type.A, 100), Transport.UDP);

        assertThat(response.length).isLessThanOrEqualTo(512);
        assertThat(answers(new Message(response))).hasSize(3);
    }

    @Test
    void tcp_answersEverything() throws IOException {
        byte[] response = wire(resolver, query("web.service.consul", Type.SRV), Transport.TCP);

        Message parsed = new Message(response);
        assertThat(answers(parsed)).hasSize(100);
        assertThat(additional(parsed)).hasSize(100);
        assertThat(parsed.getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void tcp_staysWithin64KiB_evenForThousandsOfInstances() throws IOException {
        DnsResolver huge = resolver(TestCatalog.many("big", 3000));

        byte[] response = wire(huge, query("big.service.consul", Type.SRV), Transport.TCP);

        assertThat(response.length).isLessThanOrEqualTo(65535);
        assertThat(answers(new Message(response))).hasSizeBetween(100, 2999);
    }
}
