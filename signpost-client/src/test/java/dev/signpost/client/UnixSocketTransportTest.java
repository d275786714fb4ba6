package dev.signpost.client;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class UnixSocketTransportTest {

    @Test
    void chunkedAnswer_overUnixSocket_isDecoded(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("consul.sock");
        StringBuilder request = new StringBuilder();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread t = Thread.ofVirtual().start(() -> {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocate(4096);
                    while (!request.toString().contains("\r\n\r\n")) {
                        in.clear();
                        c.read(in);
                        request.append(new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1));
                    }
                    c.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nX-Consul-Index: 12\r\nTransfer-Encoding: chunked\r\n"
                            + "\r\n5\r\n\"10.0\r\n8\r\n.0.1:83\"\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (ConsulClient client = ConsulClient.builder().address("unix://" + socket).build()) {
                QueryResult<String> r = client.read("/v1/status/leader", new QueryString(), QueryOptions.DEFAULT,
                        new com.fasterxml.jackson.core.type.TypeReference<String>() { }, null);
                assertThat(r.value()).isEqualTo("10.0.0.1:83");
                assertThat(r.index()).isEqualTo(12);
            }
            t.join();
        }
        assertThat(request.toString()).startsWith("GET /v1/status/leader HTTP/1.1\r\n");
        assertThat(Files.exists(socket)).isTrue();
    }
}
