package dev.signpost.registrator;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistratorConfigTest {

    private static RegistratorConfig parse(String... args) {
        return RegistratorConfig.parse(List.of(args));
    }

    @Test
    void theSeedsCommandLine_hasUpstreamDefaults() {
        RegistratorConfig c = parse("consul://10.111.222.35:8500");
        assertThat(c.registry()).isEqualTo(new BackendUri("consul", "10.111.222.35:8500", "",
                "consul://10.111.222.35:8500"));
        assertThat(c.deregister()).isEqualTo(DeregisterMode.ALWAYS);
        assertThat(c.retryAttempts()).isZero();
        assertThat(c.retryInterval()).isEqualTo(Duration.ofMillis(2000));
        assertThat(c.resync()).isEqualTo(Duration.ZERO);
        assertThat(c.internal()).isFalse();
        assertThat(c.hostname()).isNotEmpty();
    }

    @Test
    void everyFlag_inGoFlagSpellings() {
        RegistratorConfig c = parse("-ip", "10.0.0.1", "-internal", "--explicit=true", "-useIpFromLabel=ip",
                "-tags", "a,b", "-ttl", "30", "-ttl-refresh=10", "-resync", "60", "-deregister", "on-success",
                "-retry-attempts", "-1", "-retry-interval", "500", "-cleanup", "-hostname", "n35",
                "consulkv://127.0.0.1:8500/services");
        assertThat(c.hostIp()).isEqualTo("10.0.0.1");
        assertThat(c.internal()).isTrue();
        assertThat(c.explicit()).isTrue();
        assertThat(c.useIpFromLabel()).isEqualTo("ip");
        assertThat(c.tags()).isEqualTo("a,b");
        assertThat(c.ttl()).isEqualTo(30);
        assertThat(c.ttlRefresh()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.resync()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.deregister()).isEqualTo(DeregisterMode.ON_SUCCESS);
        assertThat(c.retryAttempts()).isEqualTo(-1);
        assertThat(c.retryInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.cleanup()).isTrue();
        assertThat(c.hostname()).isEqualTo("n35");
        assertThat(c.registry().prefix()).isEqualTo("services");
    }

    @Test
    void badCommandLines_sayWhyInOneLine() {
        assertThatThrownBy(() -> parse()).isInstanceOf(RegistratorConfigException.class)
                .hasMessageStartingWith("missing registry URI");
        assertThatThrownBy(() -> parse("consul://h:8500", "-ip", "1.2.3.4"))
                .hasMessage("extra arguments after the registry URI: -ip 1.2.3.4 "
                        + "(options must come before the registry URI)");
        assertThatThrownBy(() -> parse("-bogus", "consul://h")).hasMessage("flag provided but not defined: -bogus");
        assertThatThrownBy(() -> parse("-ip")).hasMessage("flag needs an argument: -ip");
        assertThatThrownBy(() -> parse("-ttl", "x", "consul://h")).hasMessageContaining("-ttl");
        assertThatThrownBy(() -> parse("-ttl", "10", "consul://h"))
                .hasMessage("-ttl and -ttl-refresh must be specified together or not at all");
        assertThatThrownBy(() -> parse("-ttl", "10", "-ttl-refresh", "10", "consul://h"))
                .hasMessage("-ttl must be greater than -ttl-refresh");
        assertThatThrownBy(() -> parse("-retry-interval", "0", "consul://h"))
                .hasMessage("-retry-interval must be greater than 0");
        assertThatThrownBy(() -> parse("-deregister", "never", "consul://h"))
                .hasMessageStartingWith("-deregister must be \"always\" or \"on-success\"");
        assertThatThrownBy(() -> parse("etcd://h:2379/x")).hasMessage("unrecognized adapter: etcd://h:2379/x");
    }

    @Test
    void versionRequest_isRecognisedAlone() {
        assertThat(RegistratorConfig.isVersionRequest(List.of("--version"))).isTrue();
        assertThat(RegistratorConfig.isVersionRequest(List.of("--version", "consul://h"))).isFalse();
    }

    @Test
    void backendUris_allFourSchemes() {
        assertThat(BackendUri.parse("consul://")).extracting(BackendUri::address).isEqualTo("127.0.0.1:8500");
        assertThat(BackendUri.parse("consul://10.0.0.1")).extracting(BackendUri::address).isEqualTo("10.0.0.1:8500");
        assertThat(BackendUri.parse("consul-unix:///var/run/consul.sock"))
                .extracting(BackendUri::address).isEqualTo("unix:///var/run/consul.sock");
        BackendUri kv = BackendUri.parse("consulkv://10.0.0.1:8500/services/web/");
        assertThat(kv.prefix()).isEqualTo("services/web");
        assertThat(kv.isKv()).isTrue();
        BackendUri kvUnix = BackendUri.parse("consulkv-unix:///tmp/c.sock:/svc");
        assertThat(kvUnix.address()).isEqualTo("unix:///tmp/c.sock");
        assertThat(kvUnix.prefix()).isEqualTo("svc");
        assertThatThrownBy(() -> BackendUri.parse("consul://h:8500/x")).hasMessageContaining("consulkv");
        assertThatThrownBy(() -> BackendUri.parse("consul-unix://")).hasMessageContaining("socket path");
        assertThatThrownBy(() -> BackendUri.parse("not a uri")).isInstanceOf(RegistratorConfigException.class);
    }

    @Test
    void tokenFlag_isTheAclTokenSent() {
        assertThat(parse("-token", "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01", "consul://127.0.0.2:8500").consulToken())
                .isEqualTo("9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01");
    }

    @Test
    void onlyLabel_acceptsOnlyContainersCarryingThatLabelValue() {
        RegistratorConfig c = parse("-only-label", "host=n36", "consul://127.0.0.2:8500");
        assertThat(c.accepts(java.util.Map.of("host", "n36"))).isTrue();
        assertThat(c.accepts(java.util.Map.of("host", "n35"))).isFalse();
        assertThat(c.accepts(java.util.Map.of())).isFalse();
        assertThat(parse("consul://127.0.0.2:8500").accepts(java.util.Map.of())).isTrue();
    }

    @Test
    void onlyLabel_withoutAValue_isRejectedWithTheReason() {
        assertThatThrownBy(() -> parse("-only-label", "host", "consul://x:8500"))
                .isInstanceOf(RegistratorConfigException.class).hasMessageContaining("KEY=VALUE");
    }

    @Test
    void consulTls_isHttpsWithUpstreamsEnvironment() {
        assertThat(BackendUri.parse("consul-tls://10.0.0.1:8501").address()).isEqualTo("https://10.0.0.1:8501");
        assertThat(BackendUri.parse("consul-tls://10.0.0.1").address()).isEqualTo("https://10.0.0.1:443");
        assertThat(BackendUri.parse("consul-tls://10.0.0.1:8501").isKv()).isFalse();
        assertThat(Registrator.tlsOf(java.util.Map.of("CONSUL_CACERT", "/ca.pem", "CONSUL_CLIENT_CERT", "/c.pem",
                "CONSUL_CLIENT_KEY", "/k.pem", "CONSUL_HTTP_SSL_VERIFY", "false")))
                .isEqualTo(dev.signpost.client.ClientTls.defaults().withCaFile(java.nio.file.Path.of("/ca.pem"))
                        .withClientCertificate(java.nio.file.Path.of("/c.pem"), java.nio.file.Path.of("/k.pem")));
    }
}
