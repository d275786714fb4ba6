package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.URIUtil;

/**
 * Jetty's side of each exchange: the request read into an {@link ApiRequest} (its body capped as Consul caps it),
 * answered through {@link ApiServer#handle}, and the {@link ApiResponse} written back, a streamed one in chunks until
 * the client goes. Runs on the server's (virtual) request threads; holds nothing between requests.
 */
final class JettyExchange extends Handler.Abstract {
    /** Request bodies larger than this are refused before they are read in full. */
    private static final int MAX_BODY = 4 * KvEndpoints.MAX_VALUE_SIZE;
    /** A snapshot to restore ({@code PUT /v1/snapshot}) may be larger: it is a whole cluster's state. */
    static final int MAX_SNAPSHOT_BODY = 256 << 20;

    private final Routes routes;

    JettyExchange(Routes routes) {
        this.routes = requireNonNull(routes, "routes");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        ApiResponse answer;
        try {
            answer = ApiServer.handle(routes, toApiRequest(request));
        } catch (ApiException e) {
            answer = ApiResponse.text(e.status(), e.getMessage());
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (answer.stream().isPresent()) {
            stream(answer.stream().get(), request, response, callback);
        } else {
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
        return true;
    }

    /** A streamed answer: chunks as the streamer flushes, until it returns or the client has gone. */
    private static void stream(ApiResponse.Streamer streamer, Request request, Response response, Callback callback) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            streamer.stream(new ApiResponse.Sink() {
                @Override
                public void write(byte[] bytes) throws IOException {
                    out.write(bytes);
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public boolean clientGone() {
                    return JettyExchange.clientGone(endPoint);
                }
            });
        } catch (IOException e) {
            callback.failed(e); // the client went away while we wrote
            return;
        }
        callback.succeeded();
    }

    /**
     * Whether the client closed the connection: a request being answered has been read in full, so the next
     * read on its connection finds either nothing yet (0) or the end of the stream (-1).
     */
    private static boolean clientGone(EndPoint endPoint) {
        if (!endPoint.isOpen()) {
            return true;
        }
        try {
            return endPoint.fill(BufferUtil.allocate(1)) < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static ApiRequest toApiRequest(Request request) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        for (Fields.Field field : fields) {
            query.put(field.getName(), field.getValues());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field.getValue());
        }
        long length = request.getLength();
        boolean restore = request.getMethod().equals("PUT") && request.getHttpURI().getPath().equals("/v1/snapshot");
        int limit = restore ? MAX_SNAPSHOT_BODY : MAX_BODY;
        int shown = restore ? MAX_SNAPSHOT_BODY : KvEndpoints.MAX_VALUE_SIZE;
        if (length > limit) {
            throw new ApiException(413, "Request body(" + length + " bytes) too large, max size: " + shown + " bytes");
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = readBody(in, length, limit);
        } catch (IOException e) {
            throw ApiException.badRequest("Request decode failed: " + e.getMessage());
        }
        if (body.length > limit) {
            throw new ApiException(413, "Request body too large, max size: " + shown + " bytes");
        }
        // Consul reads the fully decoded path (Go's URL.Path): a KV key sent as a%2Fb is the key a/b.
        String path = URIUtil.decodePath(request.getHttpURI().getPath());
        return new ApiRequest(request.getMethod(), path, query, headers, body, "", Caller.NOBODY,
                Request.getRemoteAddr(request));
    }

    /**
     * The whole body, at most limit + 1 bytes. With a Content-Length the buffer is exactly that size:
     * readNBytes(MAX_BODY + 1) starts with a 16 KiB buffer, which for small writes was the largest
     * allocation a busy server made.
     */
    private static byte[] readBody(InputStream in, long length, int limit) throws IOException {
        if (length >= 0) {
            return in.readNBytes((int) length);
        }
        int first = in.read(); // no Content-Length: chunked, or (most GETs) no body at all
        if (first < 0) {
            return new byte[0];
        }
        byte[] rest = in.readNBytes(limit);
        byte[] body = new byte[rest.length + 1];
        body[0] = (byte) first;
        System.arraycopy(rest, 0, body, 1, rest.length);
        return body;
    }
}
