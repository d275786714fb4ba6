package dev.signpost.registrator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static dev.signpost.registrator.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceMapperTest {

    private static final String HOST = "205155915c61";

    private static ServiceMapper mapper(String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of(flags));
        args.add(0, "-hostname");
        args.add(1, HOST);
        args.add("consul://127.0.0.1:8500");
        return new ServiceMapper(RegistratorConfig.parse(args),
                name -> name.equals(HOST) ? Optional.of("10.111.222.35") : Optional.empty());
    }

    private static List<Service> services(ServiceMapper m, Containers c) {
        return m.map(c.build()).services();
    }

    @Test
    void publishedPort_becomesOneService_likeTheSeed() {
        List<Service> s = services(mapper(), container().published("5000/tcp", "0.0.0.0", 32772));
        assertThat(s).singleElement().satisfies(svc -> {
            assertThat(svc.id()).isEqualTo("205155915c61:z002:5000");
            assertThat(svc.name()).isEqualTo("webapp");
            assertThat(svc.ip()).isEqualTo("10.111.222.35");
            assertThat(svc.port()).isEqualTo(32772);
            assertThat(svc.tags()).isEmpty();
            assertThat(svc.attrs()).isEmpty();
        });
    }

    @Test
    void explicitHostIp_ofTheBinding_isKept() {
        assertThat(services(mapper(), container().published("5000/tcp", "127.0.0.1", 40001)))
                .extracting(Service::ip).containsExactly("127.0.0.1");
    }

    @Test
    void ipFlag_beatsTheBinding() {
        assertThat(services(mapper("-ip", "10.0.0.9"), container().published("5000/tcp", "127.0.0.1", 40001)))
                .extracting(Service::ip).containsExactly("10.0.0.9");
    }

    @Test
    void unresolvableHostname_leavesTheWildcard() {
        ServiceMapper m = new ServiceMapper(RegistratorConfig.parse(List.of("-hostname", "h", "consul://x:1")),
                name -> Optional.empty());
        assertThat(services(m, container().published("5000/tcp", "", 1))).extracting(Service::ip)
                .containsExactly("0.0.0.0");
    }

    @Test
    void noPorts_isIgnored_withTheSeedsWords() {
        ServiceMapper.Mapping m = mapper().map(container().build());
        assertThat(m.services()).isEmpty();
        assertThat(m.ignored()).containsExactly("7fde646e0c29 no published ports");
    }

    @Test
    void exposedButUnpublished_isIgnored_unlessInternal() {
        ServiceMapper.Mapping m = mapper().map(container().exposed("5000/tcp").build());
        assertThat(m.services()).isEmpty();
        assertThat(m.ignored()).containsExactly("7fde646e0c29 port 5000 not published on host");

        assertThat(services(mapper("-internal"), container().exposed("5000/tcp")))
                .singleElement().satisfies(s -> {
                    assertThat(s.ip()).isEqualTo("172.17.0.2");
                    assertThat(s.port()).isEqualTo(5000);
                    assertThat(s.name()).isEqualTo("webapp");
                });
    }

    @Test
    void severalPorts_getNameSuffixes_andUdpGetsTagAndIdSuffix() {
        List<Service> s = services(mapper(), container().image("progrium/consul:latest").name("consul-node1")
                .published("8500/tcp", "0.0.0.0", 8500).published("53/udp", "0.0.0.0", 53)
                .published("53/tcp", "0.0.0.0", 53));
        assertThat(s).extracting(Service::id).containsExactly("205155915c61:consul-node1:53",
                "205155915c61:consul-node1:53:udp", "205155915c61:consul-node1:8500");
        assertThat(s).extracting(Service::name).containsExactly("consul-53", "consul-53", "consul-8500");
        assertThat(s.get(1).tags()).containsExactly("udp");
        assertThat(s.get(1).protocol()).isEqualTo("udp");
    }

    @Test
    void ignoredSibling_stillForcesTheSuffix() {
        List<Service> s = services(mapper(), container().published("80/tcp", "", 8000)
                .published("443/tcp", "", 4443).env("SERVICE_443_IGNORE=true"));
        assertThat(s).extracting(Service::name).containsExactly("webapp-80");
    }

    @Test
    void imageName_dropsRegistryNamespaceTagAndDigest() {
        assertThat(ServiceMapper.defaultName("training/webapp")).isEqualTo("webapp");
        assertThat(ServiceMapper.defaultName("reg:5000/org/app:1.2")).isEqualTo("app");
        assertThat(ServiceMapper.defaultName("redis")).isEqualTo("redis");
        assertThat(ServiceMapper.defaultName("app@sha256:abc")).isEqualTo("app");
    }

    @Test
    void servicesDocExample_portSpecificKeysWin() {
        List<Service> s = services(mapper(), container().image("progrium/nginx").name("nginx.0")
                .published("443/tcp", "", 4443).published("80/tcp", "", 8000)
                .env("SERVICE_443_NAME=https").env("SERVICE_443_ID=https.12345").env("SERVICE_443_SNI=enabled")
                .env("SERVICE_80_NAME=http").env("SERVICE_TAGS=www"));
        assertThat(s).extracting(Service::id).containsExactly("205155915c61:nginx.0:80", "https.12345");
        assertThat(s).extracting(Service::name).containsExactly("http", "https");
        assertThat(s).allSatisfy(svc -> assertThat(svc.tags()).containsExactly("www"));
        assertThat(s.get(1).attrs()).isEqualTo(Map.of("sni", "enabled"));
        assertThat(s.get(0).attrs()).isEmpty();
    }

    @Test
    void genericName_onSeveralPorts_stillGetsSuffixes() {
        assertThat(services(mapper(), container().published("80/tcp", "", 1).published("443/tcp", "", 2)
                .env("SERVICE_NAME=db"))).extracting(Service::name).containsExactly("db-80", "db-443");
    }

    @Test
    void labelsBeatEnv_butPortSpecificEnvBeatsGenericLabel() {
        List<Service> s = services(mapper(), container().published("5000/tcp", "", 1)
                .env("SERVICE_NAME=fromenv").label("SERVICE_NAME", "fromlabel")
                .env("SERVICE_5000_REGION=port").label("SERVICE_REGION", "generic"));
        assertThat(s).singleElement().satisfies(svc -> {
            assertThat(svc.name()).isEqualTo("fromlabel");
            assertThat(svc.attrs()).containsEntry("region", "port");
        });
    }

    @Test
    void emptyValues_countAsUnset_andAnyIgnoreValueIgnores() {
        assertThat(services(mapper(), container().published("5000/tcp", "", 1).env("SERVICE_NAME=")))
                .extracting(Service::name).containsExactly("webapp");
        ServiceMapper.Mapping m = mapper().map(container().published("5000/tcp", "", 1)
                .env("SERVICE_IGNORE=false").build());
        assertThat(m.services()).isEmpty();
        assertThat(m.ignored()).containsExactly("7fde646e0c29 service on port 5000");
    }

    @Test
    void explicit_keepsOnlyNamedServices() {
        assertThat(services(mapper("-explicit"), container().published("5000/tcp", "", 1))).isEmpty();
        assertThat(services(mapper("-explicit"), container().published("5000/tcp", "", 1)
                .label("SERVICE_NAME", "web"))).extracting(Service::name).containsExactly("web");
    }

    @Test
    void tags_keepWrittenOrder_serviceTagsThenFlag_escapedCommaKept() {
        List<Service> s = services(mapper("-tags", "dc1, blue"), container().published("5000/tcp", "", 1)
                .env("SERVICE_TAGS=master,backups,a\\,b,,"));
        assertThat(s.get(0).tags()).containsExactly("master", "backups", "a,b", "dc1", "blue");
    }

    @Test
    void hostNetwork_registersExposedPortsAtTheHostAddress() {
        List<Service> s = services(mapper(), container().exposed("5000/tcp").hostNetwork());
        assertThat(s).singleElement().satisfies(svc -> {
            assertThat(svc.ip()).isEqualTo("10.111.222.35");
            assertThat(svc.port()).isEqualTo(5000);
        });
    }

    @Test
    void hostNetwork_internal_hasNoContainerIp() {
        List<Service> s = services(mapper("-internal"), container().exposed("5000/tcp").hostNetwork());
        assertThat(s).extracting(Service::ip).containsExactly("");
    }

    @Test
    void userNetwork_usesTheContainersIpThere_withTheHostPort() {
        List<Service> s = services(mapper(), container().userNetwork("backend", "10.5.0.7")
                .published("5000/tcp", "0.0.0.0", 32001));
        assertThat(s).extracting(Service::ip, Service::port).containsExactly(
                org.assertj.core.groups.Tuple.tuple("10.5.0.7", 32001));
    }

    @Test
    void useIpFromLabel_stripsTheCidr() {
        assertThat(services(mapper("-useIpFromLabel", "ip"), container().published("5000/tcp", "", 1)
                .label("ip", "192.168.7.7/24"))).extracting(Service::ip).containsExactly("192.168.7.7");
    }

    @Test
    void serviceId_replacesTheWholeId_evenForUdp() {
        assertThat(services(mapper(), container().published("53/udp", "", 53).env("SERVICE_ID=dns-1")))
                .extracting(Service::id).containsExactly("dns-1");
    }

    @Test
    void checkAttrs_andTtl_travelWithTheService() {
        List<Service> s = services(mapper("-ttl", "30", "-ttl-refresh", "10"), container()
                .published("5000/tcp", "", 1).env("SERVICE_CHECK_HTTP=/health").env("SERVICE_CHECK_INTERVAL=5s")
                .health("starting"));
        assertThat(s.get(0).attrs()).containsEntry("check_http", "/health").containsEntry("check_interval", "5s");
        assertThat(s.get(0).ttl()).isEqualTo(30);
        assertThat(s.get(0).health()).isEqualTo("starting");
    }

    @Test
    void containerNetworkMode_takesTheLinkedContainersIp() {
        ServiceMapper.Mapping m = mapper().map(container().published("5000/tcp", "127.0.0.1", 1).build(),
                Optional.of("172.17.0.9"));
        assertThat(m.services()).extracting(Service::ip).containsExactly("172.17.0.9");
    }
}
