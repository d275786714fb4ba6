package dev.signpost.agent;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.signpost.core.model.HealthStatus;

/**
 * An HTTP check (agent/checks CheckHTTP): 2xx is passing, 429 warning, anything else or no answer
 * critical; the output is the status line and the start of the body.
 */
final class HttpProbe implements Probe {
    /** Shared clients whose internal work runs on virtual threads, so thousands of checks add no threads. */
    private static final HttpClient CLIENT = client(false);
    private static final HttpClient INSECURE = client(true);

    private final URI uri;
    private final String method;
    private final Map<String, List<String>> header;
    private final String body;
    private final boolean tlsSkipVerify;
    private final Duration timeout;

    HttpProbe(String url, String method, Map<String, List<String>> header, String body, boolean tlsSkipVerify,
              Duration timeout) {
        this.uri = URI.create(url);
        this.method = method.isEmpty() ? "GET" : method;
        this.header = header;
        this.body = body;
        this.tlsSkipVerify = tlsSkipVerify;
        this.timeout = timeout;
    }

    @Override
    public Result run() {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        request.setHeader("User-Agent", "Consul Health Check");
        header.forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        try {
            HttpResponse<byte[]> response = (tlsSkipVerify ? INSECURE : CLIENT).send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            int code = response.statusCode();
            String text = new String(response.body(), 0, Math.min(response.body().length, MAX_OUTPUT),
                    StandardCharsets.UTF_8);
            String output = Probe.capped("HTTP " + method + " " + uri + ": " + code + " Output: " + text);
            HealthStatus status = code >= 200 && code <= 299 ? HealthStatus.PASSING
                    : code == 429 ? HealthStatus.WARNING : HealthStatus.CRITICAL;
            return new Result(status, output);
        } catch (IOException e) {
            return new Result(HealthStatus.CRITICAL, Probe.capped(method + " \"" + uri + "\": " + describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(HealthStatus.CRITICAL, method + " \"" + uri + "\": interrupted");
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "request timed out";
        }
        if (e instanceof java.net.ConnectException) {
            return "connect: connection refused";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static HttpClient client(boolean insecure) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10));
        if (insecure) {
            builder.sslContext(trustAll());
        }
        return builder.build();
    }

    /**
     * TLSSkipVerify: accept any certificate for any host, as Go's InsecureSkipVerify does. An extended trust
     * manager, so that the JDK does not add its own host name check around it.
     */
    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no TLS available", e);
        }
    }

    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
