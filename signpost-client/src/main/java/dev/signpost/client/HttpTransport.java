package dev.signpost.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * {@link Transport} over {@link HttpClient} (HTTP/1.1, http and https). Unix socket addresses are handed to
 * {@link UnixSocketTransport}. Thread-safe.
 */
final class HttpTransport implements Transport {

    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect", "upgrade");

    private final HttpClient http;
    private final UnixSocketTransport unix;

    /** @param tls how https addresses are talked to ({@link ClientTls#plainHttpOnly} when there are none) */
    HttpTransport(Duration connectTimeout, Executor executor, javax.net.ssl.SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (executor != null) {
            builder.executor(executor);
        }
        builder.sslContext(tls);
        this.http = builder.build();
        this.unix = new UnixSocketTransport();
    }

    @Override
    public Response send(ConsulAddress address, Request request, Duration timeout)
            throws IOException, InterruptedException {
        if (address.isUnix()) {
            return unix.send(address, request, timeout);
        }
        byte[] body = request.body();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(address.baseUri() + request.pathAndQuery()))
                .timeout(timeout)
                .method(request.method(), body.length == 0 && !request.method().equals("PUT")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        request.headers().forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                builder.header(k, v);
            }
        });
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), response.headers().map(), response.body());
    }

    @Override
    public void close() {
        http.close();
    }
}
