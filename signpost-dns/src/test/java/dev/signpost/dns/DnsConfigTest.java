package dev.signpost.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class DnsConfigTest {

    @Test
    void defaults_areConsuls() {
        DnsConfig config = DnsConfig.defaults();

        assertThat(config.domain()).hasToString("consul.");
        assertThat(config.datacenter()).isEqualTo("dc1");
        assertThat(config.port()).isEqualTo(8600);
        assertThat(config.bindAddresses()).containsExactly(InetAddress.getLoopbackAddress());
        assertThat(config.udpAnswerLimit()).isEqualTo(3);
        assertThat(config.nodeTtl()).isZero();
        assertThat(config.serviceTtl()).isZero();
        assertThat(config.onlyPassing()).isFalse();
        assertThat(config.enableTruncate()).isFalse();
        assertThat(config.recurses()).isFalse();
    }

    @Test
    void domainAndDatacenter_areLowerCased_andTheTrailingDotIsOptional() {
        DnsConfig config = DnsConfig.builder().domain("Signpost.Example.").datacenter("EU1").build();

        assertThat(config.domain()).hasToString("signpost.example.");
        assertThat(config.datacenter()).isEqualTo("eu1");
        assertThat(DnsConfig.builder().domain("consul").build().domain()).hasToString("consul.");
    }

    @Test
    void recursors_acceptAddressesWithAndWithoutPorts() {
        DnsConfig config = DnsConfig.builder().recursor("8.8.8.8").recursor("127.0.0.1:5353")
                .recursor("[::1]:53").recursor("2001:db8::1").build();

        assertThat(config.recursors()).containsExactly(new InetSocketAddress("8.8.8.8", 53),
                new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("::1", 53),
                new InetSocketAddress("2001:db8::1", 53));
        assertThat(config.recurses()).isTrue();
    }

    @Test
    void hostNames_areRejected_soStartingNeverWaitsOnDns() {
        assertThatThrownBy(() -> DnsConfig.builder().recursor("dns.example.com"))
                .hasMessage("recursor \"dns.example.com\" is not an IP address");
        assertThatThrownBy(() -> DnsConfig.builder().bind("localhost"))
                .hasMessage("bind address \"localhost\" is not an IP address");
        assertThatThrownBy(() -> DnsConfig.builder().recursor("1.2.3.4:99999"))
                .hasMessage("recursor \"1.2.3.4:99999\" has an invalid port");
    }

    @Test
    void badValues_areRejectedWithTheValueQuoted() {
        assertThatThrownBy(() -> DnsConfig.builder().datacenter("dc.1").build())
                .hasMessage("datacenter \"dc.1\" must be one non-empty DNS label");
        assertThatThrownBy(() -> DnsConfig.builder().udpAnswerLimit(0).build())
                .hasMessage("udpAnswerLimit 0 must be at least 1");
        assertThatThrownBy(() -> DnsConfig.builder().port(70000).build())
                .hasMessage("port 70000 must be between 0 and 65535");
        assertThatThrownBy(() -> DnsConfig.builder().nodeTtl(Duration.ofSeconds(-1)).build())
                .hasMessageStartingWith("nodeTtl PT-1S must be");
        assertThatThrownBy(() -> DnsConfig.builder().domain(".").build())
                .hasMessage("domain \".\" must be an absolute name below the root");
    }
}
