package dev.signpost.dns;

import static dev.signpost.dns.Queries.answers;
import static dev.signpost.dns.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Nothing a client sends stops the server or leaks a thread: fuzzed packets, idle and excess connections. */
class DnsServerRobustnessTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** 105,000 hostile packets in all. */
    private static final int UDP_PACKETS = 85_000;
    private static final int TCP_PACKETS = 20_000;

    /** Every exception that escapes any server thread lands here. */
    private final AtomicLong escaped = new AtomicLong();
    private DnsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(DnsServer.Builder builder) {
        DnsConfig config = DnsConfig.builder().bind("127.0.0.1").port(0).build();
        TestCatalog catalog = TestCatalog.seed();
        server = builder.config(config)
                .resolver(new DnsResolver(config, catalog.store::read, new Random(11), Recursor.none()))
                .threads(Thread.ofVirtual().name("dns-test-", 0)
                        .uncaughtExceptionHandler((t, e) -> escaped.incrementAndGet()).factory())
                .build().start();
    }

    @Test
    void fuzzedPackets_overUdpAndTcp_leaveTheServerAnswering() throws Exception {
        start(DnsServer.builder());
        PacketFuzzer fuzzer = new PacketFuzzer(20261125L);
        InetSocketAddress target = new InetSocketAddress(LOOPBACK, server.port());

        // UDP: fire without waiting for answers; replies nobody reads are dropped by the kernel.
        try (DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            for (int i = 0; i < UDP_PACKETS; i++) {
                udp.send(ByteBuffer.wrap(fuzzer.next()), target);
            }
        }
        // TCP: framed packets in batches on a few connections; a new connection whenever the server hangs up.
        int sent = 0;
        int connections = 0;
        while (sent < TCP_PACKETS) {
            try (Socket socket = new Socket(LOOPBACK, server.port())) {
                connections++;
                Thread drain = Thread.ofVirtual().start(() -> drain(socket));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
                try {
                    for (int batch = 0; batch < 5_000 && sent < TCP_PACKETS; batch++, sent++) {
                        byte[] packet = fuzzer.next();
                        if (packet.length < 12) {
                            packet = fuzzer.valid(); // a header-less message ends the connection: keep it going
                        }
                        out.writeShort(packet.length);
                        out.write(packet);
                    }
                    out.flush();
                    socket.shutdownOutput();
                } catch (IOException serverHungUp) {
                    // Allowed: the server may close a connection that sent garbage.
                }
                drain.join(Duration.ofSeconds(10));
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> server.openTcpConnections() == 0);
        assertThat(server.received()).isGreaterThan(TCP_PACKETS);
        assertThat(connections).isGreaterThanOrEqualTo(4);
        assertStillAnswers();
        assertThat(server.unexpectedErrors()).as("errors counted by the server").isZero();
        assertThat(escaped.get()).as("exceptions that escaped a server thread").isZero();
    }

    @Test
    void floodTowardsADeadRecursor_doesNotDelayAnswersFromTheCatalog() throws Exception {
        try (DatagramChannel deadRecursor = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            DnsConfig config = DnsConfig.builder().bind("127.0.0.1").port(0)
                    .recursor("127.0.0.1:" + ((InetSocketAddress) deadRecursor.getLocalAddress()).getPort()).build();
            server = DnsServer.builder().config(config).maxForwardedInFlight(100)
                    .resolver(new DnsResolver(config, TestCatalog.seed().store::read, new Random(5),
                            Recursor.forwardingTo(config.recursors(), Duration.ofSeconds(5))))
                    .threads(Thread.ofVirtual().uncaughtExceptionHandler((t, e) -> escaped.incrementAndGet())
                            .factory())
                    .build().start();
            InetSocketAddress target = new InetSocketAddress(LOOPBACK, server.port());
            try (DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
                for (int i = 0; i < 3_000; i++) {
                    udp.send(ByteBuffer.wrap(query("host" + i + ".example.com", Type.A).toWire()), target);
                }
            }

            // Answered well before any forwarded query could time out (5 s): nothing waits behind them.
            SimpleResolver client = new SimpleResolver(target);
            client.setLocalAddress(LOOPBACK);
            client.setTimeout(Duration.ofSeconds(2));
            assertSeedAnswer(client.send(query("webapp.service.consul", Type.SRV)));
            assertThat(server.unexpectedErrors()).isZero();
            assertThat(escaped.get()).isZero();
        }
    }

    @Test
    void thousandsOfIdleTcpConnections_costNoPlatformThreads() throws Exception {
        start(DnsServer.builder().idleTimeout(Duration.ofSeconds(30)));
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 2_000; i++) {
                idle.add(new Socket(LOOPBACK, server.port()));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> server.openTcpConnections() == 2_000);

            assertStillAnswers();
            assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - before)
                    .as("platform threads added while 2,000 connections sit idle").isLessThan(16);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> server.openTcpConnections() == 0);
        assertThat(escaped.get()).isZero();
    }

    @Test
    void connectionsBeyondTheLimit_areClosedAtOnce() throws Exception {
        start(DnsServer.builder().maxConnections(5));
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                sockets.add(new Socket(LOOPBACK, server.port()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openTcpConnections() == 5);
            try (Socket extra = new Socket(LOOPBACK, server.port())) {
                extra.setSoTimeout(5000);
                assertThat(extra.getInputStream().read()).isEqualTo(-1);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openTcpConnections() == 0);
        assertStillAnswers();
    }

    @Test
    void idleConnection_isClosedAfterTheIdleTimeout() throws Exception {
        start(DnsServer.builder().idleTimeout(Duration.ofMillis(300)));
        try (Socket socket = new Socket(LOOPBACK, server.port())) {
            socket.setSoTimeout(5000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openTcpConnections() == 0);
    }

    /** A valid query over UDP and over TCP gets the seed's answer. */
    private void assertStillAnswers() throws IOException {
        SimpleResolver client = new SimpleResolver(new InetSocketAddress(LOOPBACK, server.port()));
        client.setLocalAddress(LOOPBACK);
        client.setTimeout(Duration.ofSeconds(5));
        assertSeedAnswer(client.send(query("webapp.service.consul", Type.SRV)));
        // Over TCP by hand: dnsjava's client would keep its connection open and skew the connection counts.
        try (Socket socket = new Socket(LOOPBACK, server.port())) {
            socket.setSoTimeout(5000);
            byte[] wire = query("webapp.service.consul", Type.SRV).toWire();
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(wire.length);
            out.write(wire);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] response = new byte[in.readUnsignedShort()];
            in.readFully(response);
            assertSeedAnswer(new Message(response));
        }
    }

    private static void assertSeedAnswer(Message response) {
        assertThat(answers(response)).hasSize(3).allMatch(a -> a.endsWith(" 8b716e39cc09.node.dc1.consul."));
    }

    private static void drain(Socket socket) {
        byte[] buffer = new byte[65536];
        try {
            InputStream in = socket.getInputStream();
            while (in.read(buffer) >= 0) {
                // Answers are not checked here; only that the server keeps going.
            }
        } catch (IOException e) {
            // The connection ended.
        }
    }
}
