package dev.signpost.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsulAddressTest {

    @Test
    void hostAndPort_isHttp() {
        ConsulAddress a = ConsulAddress.parse("10.0.0.5:8501");
        assertThat(a).isEqualTo(new ConsulAddress("http", "10.0.0.5", 8501, ""));
        assertThat(a.toString()).isEqualTo("10.0.0.5:8501");
        assertThat(a.baseUri()).hasToString("http://10.0.0.5:8501");
    }

    @Test
    void hostAlone_usesPort8500() {
        assertThat(ConsulAddress.parse("consul.local").port()).isEqualTo(8500);
    }

    @Test
    void schemesAndIpv6_areUnderstood() {
        assertThat(ConsulAddress.parse("http://127.0.0.1:8500/")).isEqualTo(ConsulAddress.parse("127.0.0.1:8500"));
        assertThat(ConsulAddress.parse("https://c.example").port()).isEqualTo(443);
        ConsulAddress v6 = ConsulAddress.parse("[::1]:8500");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.baseUri()).hasToString("http://[::1]:8500");
    }

    @Test
    void unixSocket_keepsPath() {
        ConsulAddress a = ConsulAddress.parse("unix:///var/run/consul.sock");
        assertThat(a.isUnix()).isTrue();
        assertThat(a.socketPath()).isEqualTo("/var/run/consul.sock");
        assertThat(a).hasToString("unix:///var/run/consul.sock");
    }

    @Test
    void badInput_isQuoted() {
        assertThatThrownBy(() -> ConsulAddress.parse("ftp://x:1")).hasMessageContaining("\"ftp://x:1\"");
        assertThatThrownBy(() -> ConsulAddress.parse("host:99999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsulAddress.parse("unix://relative")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> ConsulAddress.parse(" ")).hasMessage("empty Consul address");
    }
}
