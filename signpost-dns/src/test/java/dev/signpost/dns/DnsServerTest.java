package dev.signpost.dns;

import static dev.signpost.dns.Queries.additional;
import static dev.signpost.dns.Queries.answers;
import static dev.signpost.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The transport, through dnsjava's own client and raw sockets, against 127.0.0.1 on ephemeral ports. */
class DnsServerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private DnsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private DnsServer start(TestCatalog catalog, DnsConfig.Builder config) {
        DnsConfig dns = config.bind("127.0.0.1").port(0).build();
        server = DnsServer.builder().config(dns)
                .resolver(new DnsResolver(dns, catalog.store::read, new Random(7), Recursor.of(dns)))
                .idleTimeout(Duration.ofMillis(500))
                .build().start();
        return server;
    }

    private SimpleResolver client(boolean tcp, boolean edns) {
        SimpleResolver client = new SimpleResolver(new InetSocketAddress(LOOPBACK, server.port()));
        client.setLocalAddress(LOOPBACK);
        client.setTCP(tcp);
        client.setTimeout(Duration.ofSeconds(3));
        if (!edns) {
            client.setEDNS(-1, 0, 0, List.of());
        }
        return client;
    }

    @Test
    void udpQuery_isAnsweredLikeTheSeed() throws IOException {
        start(TestCatalog.seed(), DnsConfig.builder());

        Message response = client(false, false).send(query("webapp.service.consul", Type.SRV));

        assertThat(answers(response)).hasSize(3).allMatch(a -> a.endsWith(" 8b716e39cc09.node.dc1.consul."));
        assertThat(additional(response)).containsOnly("8b716e39cc09.node.dc1.consul. 0 IN A 10.111.222.36")
                .hasSize(3);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
    }

    @Test
    void tcpQuery_isAnsweredOnTheSamePort() throws IOException {
        start(TestCatalog.seed(), DnsConfig.builder());

        Message response = client(true, false).send(query("8b716e39cc09.node.consul", Type.A));

        assertThat(answers(response)).containsExactly("8b716e39cc09.node.consul. 0 IN A 10.111.222.36");
        assertThat(server.tcpAddresses()).singleElement().extracting(InetSocketAddress::getPort)
                .isEqualTo(server.port());
    }

    @Test
    void hundredInstances_overUdpWithoutEdns_areCutToTheAnswerLimit() throws IOException {
        start(TestCatalog.many("web", 100), DnsConfig.builder());

        Message response = client(false, false).send(query("web.service.consul", Type.SRV));

        assertThat(answers(response)).hasSize(3);
        assertThat(response.numBytes()).isLessThanOrEqualTo(512);
        assertThat(response.getHeader().getFlag(Flags.TC)).isFalse();
    }

    @Test
    void hundredInstances_overUdpWithEdns_fillTheAdvertisedSize() throws IOException {
        start(TestCatalog.many("web", 100), DnsConfig.builder());

        Message response = client(false, true).send(query("web.service.consul", Type.SRV));

        assertThat(answers(response)).hasSizeBetween(4, 99);
        assertThat(response.numBytes()).isLessThanOrEqualTo(1280);
    }

    @Test
    void hundredInstances_overTcp_areAllAnswered() throws IOException {
        start(TestCatalog.many("web", 100), DnsConfig.builder());

        Message response = client(true, false).send(query("web.service.consul", Type.SRV));

        assertThat(answers(response)).hasSize(100);
        assertThat(additional(response)).hasSize(100);
    }

    @Test
    void truncatedUdpAnswer_withTcEnabled_makesTheClientRetryOverTcp() throws IOException {
        start(TestCatalog.many("web", 100), DnsConfig.builder().enableTruncate(true));

        // dnsjava's client follows the TC bit to TCP by itself.
        Message response = client(false, false).send(query("web.service.consul", Type.SRV));

        assertThat(answers(response)).hasSize(100);
    }

    @Test
    void nxdomain_travelsWithTheSoa() throws IOException {
        start(TestCatalog.seed(), DnsConfig.builder());

        Message response = client(false, true).send(query("nope.service.consul", Type.SRV));

        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(Queries.authority(response)).singleElement().asString().contains(" SOA ");
    }

    @Test
    void forwarding_reachesARecursor_andFailsWithServfailWhenItIsSilent() throws IOException {
        TestCatalog upstreamCatalog = new TestCatalog().node("db1", "10.9.9.9");
        DnsConfig upstreamConfig = DnsConfig.builder().domain("example").bind("127.0.0.1").port(0).build();
        try (DnsServer upstream = DnsServer.builder().config(upstreamConfig)
                     .resolver(new DnsResolver(upstreamConfig, upstreamCatalog.store::read, new Random(1),
                             Recursor.none())).build().start();
             DatagramSocket silent = new DatagramSocket(0, LOOPBACK)) {
            DnsConfig config = DnsConfig.builder().bind("127.0.0.1").port(0)
                    .recursor("127.0.0.1:" + upstream.port()).build();
            server = DnsServer.builder().config(config).resolver(new DnsResolver(config, TestCatalog.seed().store::read,
                    new Random(1), Recursor.of(config))).build().start();

            Message forwarded = client(false, true).send(query("db1.node.example", Type.A));
            assertThat(answers(forwarded)).containsExactly("db1.node.example. 0 IN A 10.9.9.9");
            assertThat(forwarded.getHeader().getFlag(Flags.RA)).isTrue();

            DnsConfig deadConfig = DnsConfig.builder().recursor("127.0.0.1:" + silent.getLocalPort()).build();
            DnsResolver dead = new DnsResolver(deadConfig, TestCatalog.seed().store::read, new Random(1),
                    Recursor.forwardingTo(deadConfig.recursors(), Duration.ofMillis(300)));
            assertThat(dead.resolve(query("db1.node.example", Type.A), Transport.UDP).getRcode())
                    .isEqualTo(Rcode.SERVFAIL);
        }
    }

    @Test
    void garbageAfterAHeader_getsFormerr_andAShortPacketGetsNothing() throws IOException {
        start(TestCatalog.seed(), DnsConfig.builder());
        try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
            socket.setSoTimeout(2000);
            byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3f, 'x'};
            socket.send(new DatagramPacket(new byte[5], 5, LOOPBACK, server.port()));
            socket.send(new DatagramPacket(garbage, garbage.length, LOOPBACK, server.port()));

            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);

            Message response = new Message(Arrays.copyOf(reply.getData(), reply.getLength()));
            assertThat(response.getHeader().getID()).isEqualTo(0x1234);
            assertThat(response.getRcode()).isEqualTo(Rcode.FORMERR);
            socket.setSoTimeout(300);
            assertThatThrownBy(() -> socket.receive(new DatagramPacket(new byte[512], 512)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void tcpConnection_answersPipelinedQueriesInOrder_thenIsClosedWhenIdle() throws IOException {
        start(TestCatalog.seed(), DnsConfig.builder());
        try (Socket socket = new Socket(LOOPBACK, server.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Message first = query("webapp.service.consul", Type.SRV);
            Message second = query("nope.service.consul", Type.A);
            for (Message query : List.of(first, second)) {
                byte[] wire = query.toWire();
                out.writeShort(wire.length);
                out.write(wire);
            }
            out.flush();

            assertThat(read(in).getHeader().getID()).isEqualTo(first.getHeader().getID());
            Message nx = read(in);
            assertThat(nx.getHeader().getID()).isEqualTo(second.getHeader().getID());
            assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);

            socket.setSoTimeout(5000);
            assertThat(in.read()).as("the server closes an idle connection").isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openTcpConnections() == 0);
    }

    @Test
    void close_releasesThePort_andStartTwiceIsRefused() throws IOException {
        start(TestCatalog.seed(), DnsConfig.builder());
        int port = server.port();
        assertThatThrownBy(() -> server.start()).isInstanceOf(IllegalStateException.class);

        server.close();

        try (DatagramSocket udp = new DatagramSocket(port, LOOPBACK);
             ServerSocket tcp = new ServerSocket(port, 50, LOOPBACK)) {
            assertThat(udp.getLocalPort()).isEqualTo(tcp.getLocalPort()).isEqualTo(port);
        }
        assertThat(server.unexpectedErrors()).isZero();
    }

    @Test
    void portInUse_failsToStart_withTheAddressInTheMessage() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(0, LOOPBACK)) {
            DnsConfig config = DnsConfig.builder().bind("127.0.0.1").port(taken.getLocalPort()).build();
            DnsServer clash = DnsServer.builder().config(config)
                    .resolver(Queries.resolver(config, TestCatalog.seed())).build();

            assertThatThrownBy(clash::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1").hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    private static Message read(DataInputStream in) throws IOException {
        byte[] wire = new byte[in.readUnsignedShort()];
        in.readFully(wire);
        return new Message(wire);
    }
}
