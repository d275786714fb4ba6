package dev.signpost.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Minimal HTTP/1.1 over a unix domain socket ({@code unix:///path}): one connection per request with
 * {@code Connection: close}, the whole exchange bounded by the request timeout with a selector (connecting to a
 * local socket does not wait), identity or chunked bodies. Stateless and thread-safe; the JDK's HttpClient cannot
 * dial unix sockets.
 */
final class UnixSocketTransport implements Transport {

    @Override
    public Response send(ConsulAddress address, Request request, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(address.socketPath()));
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_WRITE);
            ByteBuffer out = ByteBuffer.wrap(encode(request));
            while (out.hasRemaining()) {
                await(selector, deadline, timeout);
                channel.write(out);
            }
            channel.keyFor(selector).interestOps(SelectionKey.OP_READ);
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (true) {
                await(selector, deadline, timeout);
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                in.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return decode(in.toByteArray());
        }
    }

    private static void await(Selector selector, long deadline, Duration timeout) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0 && deadline - System.nanoTime() <= 0) {
            throw new HttpTimeoutException("request timed out after " + timeout.toMillis() + " ms");
        }
        selector.selectedKeys().clear();
    }

    static byte[] encode(Request request) {
        byte[] body = request.body();
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.pathAndQuery()).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        request.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    static Response decode(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            throw new IOException("connection closed before a complete HTTP answer");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: \"" + lines[0] + "\"");
        }
        Map<String, List<String>> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        Response head = new Response(Integer.parseInt(status[1]), headers, new byte[0]);
        if (head.header("transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
            body = dechunk(body);
        }
        return new Response(head.status(), headers, body);
    }

    private static byte[] dechunk(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int eol = indexOf(body, new byte[] {'\r', '\n'}, pos);
            if (eol < 0) {
                throw new IOException("truncated chunked body");
            }
            String size = new String(body, pos, eol - pos, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(body, eol + 2, n);
            pos = eol + 2 + n + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
    }
}
