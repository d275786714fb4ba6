package dev.signpost.dns;

import static dev.signpost.dns.Queries.answers;
import static dev.signpost.dns.Queries.authority;
import static dev.signpost.dns.Queries.query;
import static dev.signpost.dns.Queries.resolver;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Every RCODE the resolver gives, and what it sends back for packets it cannot read. */
class DnsResolverErrorsTest {
    private final DnsResolver resolver = resolver(TestCatalog.seed());

    private Message ask(String name, int type) {
        return resolver.resolve(query(name, type), Transport.UDP);
    }

    @Test
    void unknownService_isNxdomain_withTheSoaInAuthority() {
        Message response = ask("nope.service.consul", Type.SRV);

        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(answers(response)).isEmpty();
        assertThat(authority(response))
                .containsExactly("consul. 0 IN SOA ns.consul. hostmaster.consul. 4 3600 600 86400 0");
    }

    @Test
    void unknownDatacenter_isNxdomain() {
        Message response = ask("webapp.service.dc9.consul", Type.SRV);

        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(authority(response)).hasSize(1);
    }

    @Test
    void unknownNameForms_areNxdomain() {
        for (String name : List.of("foo.consul", "service.consul", "node.consul", "addr.consul", "x.addr.consul",
                "webapp.service.dc1.x.consul", "foo.bar.dc1.consul", "_._tcp.service.consul")) {
            assertThat(ask(name, Type.A).getRcode()).as(name).isEqualTo(Rcode.NXDOMAIN);
        }
    }

    @Test
    void knownNameWithoutThatType_isNodata() {
        Message response = ask("webapp.service.consul", Type.TXT);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answers(response)).isEmpty();
        assertThat(authority(response)).singleElement().asString().contains(" SOA ");
    }

    @Test
    void nameOutsideTheDomain_isRefused_withoutRecursors() {
        Message response = ask("example.com", Type.A);

        assertThat(response.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(response.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(response.getHeader().getFlag(Flags.RA)).isFalse();
    }

    @Test
    void nameOutsideTheDomain_isForwarded_whenRecursorsAreConfigured() throws IOException {
        List<Message> forwarded = new ArrayList<>();
        Recursor upstream = query -> {
            forwarded.add(query);
            Message answer = new Message(4711);
            answer.getHeader().setFlag(Flags.QR);
            answer.addRecord(query.getQuestion(), Section.QUESTION);
            answer.addRecord(new ARecord(Name.fromConstantString("example.com."), DClass.IN, 300,
                    new byte[] {93, (byte) 184, (byte) 216, 34}), Section.ANSWER);
            return Optional.of(answer);
        };
        DnsResolver recursing = new DnsResolver(DnsConfig.builder().recursor("127.0.0.1:5353").build(),
                TestCatalog.seed().store::read, new Random(1), upstream);
        Message query = query("example.com", Type.A);

        Message response = recursing.resolve(query, Transport.UDP);

        assertThat(forwarded).hasSize(1);
        assertThat(response.getHeader().getID()).isEqualTo(query.getHeader().getID());
        assertThat(response.getHeader().getFlag(Flags.RA)).isTrue();
        assertThat(answers(response)).containsExactly("example.com. 300 IN A 93.184.216.34");
    }

    @Test
    void forwarding_answersServfail_whenEveryRecursorFails() {
        DnsResolver recursing = new DnsResolver(DnsConfig.builder().recursor("127.0.0.1:5353").build(),
                TestCatalog.seed().store::read, new Random(1), Recursor.none());

        assertThat(recursing.resolve(query("example.com", Type.A), Transport.UDP).getRcode())
                .isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    void recursorsAvailable_setsRaOnLocalAnswersToo() {
        DnsResolver recursing = new DnsResolver(DnsConfig.builder().recursor("127.0.0.1").build(),
                TestCatalog.seed().store::read, new Random(1), Recursor.none());

        assertThat(recursing.resolve(query("webapp.service.consul", Type.SRV), Transport.UDP).getHeader()
                .getFlag(Flags.RA)).isTrue();
    }

    @Test
    void zoneTransfers_areNotImplemented() {
        assertThat(ask("consul", Type.AXFR).getRcode()).isEqualTo(Rcode.NOTIMP);
        assertThat(ask("consul", Type.IXFR).getRcode()).isEqualTo(Rcode.NOTIMP);
    }

    @Test
    void otherOpcodes_areNotImplemented() {
        Message update = query("consul", Type.SOA);
        update.getHeader().setOpcode(Opcode.UPDATE);

        assertThat(resolver.resolve(update, Transport.UDP).getRcode()).isEqualTo(Rcode.NOTIMP);
    }

    @Test
    void queryWithoutQuestion_isFormerr() {
        Message empty = new Message(77);

        Message response = resolver.resolve(empty, Transport.UDP);

        assertThat(response.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(response.getHeader().getID()).isEqualTo(77);
    }

    @Test
    void unknownEdnsVersion_isBadvers() {
        Message query = query("webapp.service.consul", Type.SRV);
        query.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);

        assertThat(resolver.resolve(query, Transport.UDP).getRcode()).isEqualTo(Rcode.BADVERS);
    }

    @Test
    void chaosClass_isRefused() {
        Message query = Message.newQuery(Record.newRecord(Name.fromConstantString("version.bind."), Type.TXT,
                DClass.CH));

        assertThat(resolver.resolve(query, Transport.UDP).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void readableHeaderWithUnreadableBody_isFormerr_withTheQueryId() throws IOException {
        byte[] wire = query("webapp.service.consul", Type.SRV).toWire();
        byte[] cut = Arrays.copyOf(wire, 20);

        byte[] response = resolver.respond(cut, cut.length, Transport.UDP).orElseThrow();

        Message parsed = new Message(response);
        assertThat(parsed.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(parsed.getHeader().getID()).isEqualTo(new Message(wire).getHeader().getID());
    }

    @Test
    void packetShorterThanAHeader_getsNoAnswer() {
        assertThat(resolver.respond(new byte[11], 11, Transport.UDP)).isEmpty();
    }

    @Test
    void packetThatIsAResponse_getsNoAnswer() {
        Message response = ask("webapp.service.consul", Type.SRV);
        byte[] wire = response.toWire();

        assertThat(resolver.respond(wire, wire.length, Transport.UDP)).isEmpty();
    }

    @Test
    void compressionLoop_isFormerr() {
        byte[] wire = query("webapp.service.consul", Type.A).toWire();
        // The question name becomes a pointer to itself (offset 12).
        wire[12] = (byte) 0xC0;
        wire[13] = 12;

        assertThat(resolver.respond(wire, wire.length, Transport.UDP)).isPresent()
                .get().satisfies(r -> assertThat(new Message(r).getRcode()).isEqualTo(Rcode.FORMERR));
        assertThat(resolver.internalErrors()).isZero();
    }
}
