package dev.signpost.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

import dev.signpost.dns.QueryName.AddrName;
import dev.signpost.dns.QueryName.Apex;
import dev.signpost.dns.QueryName.Foreign;
import dev.signpost.dns.QueryName.Invalid;
import dev.signpost.dns.QueryName.NameServer;
import dev.signpost.dns.QueryName.NodeName;
import dev.signpost.dns.QueryName.OtherDatacenter;
import dev.signpost.dns.QueryName.ReverseName;
import dev.signpost.dns.QueryName.ServiceName;

class QueryNameTest {
    private static final Name CONSUL = Name.fromConstantString("consul.");

    private static QueryName parse(String name, int type) {
        return QueryName.parse(Name.fromConstantString(name), type, CONSUL, "dc1");
    }

    private static QueryName parse(String name) {
        return parse(name, Type.A);
    }

    @Test
    void serviceForms() {
        assertThat(parse("web.service.consul.")).isEqualTo(new ServiceName("web", Optional.empty()));
        assertThat(parse("Web.Service.DC1.Consul.")).isEqualTo(new ServiceName("web", Optional.empty()));
        assertThat(parse("a.b.web.service.consul.")).isEqualTo(new ServiceName("web", Optional.of("a.b")));
        assertThat(parse("_web._tcp.service.consul.", Type.SRV)).isEqualTo(new ServiceName("web", Optional.empty()));
        assertThat(parse("_web._v1.dc1.consul.", Type.SRV)).isEqualTo(new ServiceName("web", Optional.of("v1")));
        assertThat(parse("_web._v1.dc1.consul.", Type.A)).isInstanceOf(Invalid.class);
    }

    @Test
    void connectForms_takeTheServiceAlone() {
        assertThat(parse("web.connect.consul.")).isEqualTo(new QueryName.ConnectName("web"));
        assertThat(parse("Web.Connect.dc1.consul.", Type.SRV)).isEqualTo(new QueryName.ConnectName("web"));
        assertThat(parse("v1.web.connect.consul.")).isInstanceOf(Invalid.class);
        assertThat(parse("connect.consul.")).isInstanceOf(Invalid.class);
        assertThat(parse("web.connect.dc2.consul.")).isEqualTo(new OtherDatacenter("dc2"));
    }

    @Test
    void preparedQueryForms_joinEveryLabelBeforeQuery() {
        assertThat(parse("web.query.consul.")).isEqualTo(new QueryName.PreparedQueryName("web"));
        assertThat(parse("Geo.Web.query.DC1.consul.")).isEqualTo(new QueryName.PreparedQueryName("geo.web"));
        assertThat(parse("query.consul.")).isInstanceOf(Invalid.class);
        assertThat(parse("web.query.dc2.consul.")).isEqualTo(new OtherDatacenter("dc2"));
    }

    @Test
    void nodeAddrAndZoneForms() throws Exception {
        assertThat(parse("a.b.node.dc1.consul.")).isEqualTo(new NodeName("a.b"));
        assertThat(parse("7f000001.addr.consul.")).isEqualTo(new AddrName(InetAddress.getByName("127.0.0.1")));
        assertThat(parse("consul.")).isInstanceOf(Apex.class);
        assertThat(parse("NS.consul.")).isInstanceOf(NameServer.class);
    }

    @Test
    void otherDatacenters_areRecognised_butOnlyOneLabelDeep() {
        assertThat(parse("web.service.dc2.consul.")).isEqualTo(new OtherDatacenter("dc2"));
        assertThat(parse("web.service.dc1.dc2.consul.")).isInstanceOf(Invalid.class);
        assertThat(parse("nothing.dc2.consul.")).isInstanceOf(Invalid.class);
    }

    @Test
    void namesOutsideTheDomain_areForeign_unlessTheySpellAnAddress() throws Exception {
        assertThat(parse("example.com.")).isInstanceOf(Foreign.class);
        assertThat(parse("consul.example.")).isInstanceOf(Foreign.class);
        assertThat(parse("1.0.0.127.in-addr.arpa.", Type.PTR))
                .isEqualTo(new ReverseName(InetAddress.getByName("127.0.0.1")));
        assertThat(parse("0.0.127.in-addr.arpa.", Type.PTR)).isInstanceOf(Foreign.class);
        assertThat(parse("300.0.0.127.in-addr.arpa.", Type.PTR)).isInstanceOf(Foreign.class);
    }
}
