package dev.signpost.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import static java.util.Objects.requireNonNull;

/**
 * A client of Consul's HTTP API (works against a real Consul and against {@code signpost agent}).
 *
 * <p>Build with {@link #builder()} or {@link #fromEnvironment()}; the operations live in {@link #status()},
 * {@link #agent()}, {@link #catalog()}, {@link #health()}, {@link #kv()} and {@link #session()}. Every read returns a
 * {@link QueryResult} carrying the {@code X-Consul-*} metadata; {@link Watch} turns a read into a blocking-query loop.
 *
 * <p>Robustness (a dead registry node must never hang a client): every request has a connect timeout and a total
 * timeout (blocking reads: wait + wait/16 + the request timeout). With several addresses a call that cannot reach
 * one moves on to the next, and the one that answered is used first from then on. When no address answers, or
 * the answer is 5xx/429, the call is retried per {@link RetryPolicy} (one log line per retry) and finally throws
 * {@link ConsulUnreachableException} or {@link ConsulException} with a one-line message. 4xx answers are thrown at
 * once.
 *
 * <p>Thread-safe; share one instance. {@link #close()} releases the HTTP client.
 */
public final class ConsulClient implements AutoCloseable {

    private static final Duration DEFAULT_BLOCK = Duration.ofMinutes(5);
    private static final Duration MAX_BLOCK = Duration.ofMinutes(10);

    private final Duration requestTimeout;
    private final Dispatcher dispatcher;

    private ConsulClient(Builder b, Transport transport) {
        this.requestTimeout = b.requestTimeout;
        this.dispatcher = new Dispatcher(b.addresses, b.token, b.retry, b.sleeper, transport);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client for {@code CONSUL_HTTP_ADDR} (default 127.0.0.1:8500) with {@code CONSUL_HTTP_TOKEN} and the TLS
     * variables ({@code CONSUL_HTTP_SSL}, {@code CONSUL_CACERT}, ... see {@link ClientTls#fromEnvironment}).
     */
    public static ConsulClient fromEnvironment() {
        return builder().address(ConsulAddress.fromEnvironment()).token(tokenFromEnvironment())
                .tls(ClientTls.fromEnvironment(System.getenv())).build();
    }

    /** {@code CONSUL_HTTP_TOKEN}, or empty. */
    public static String tokenFromEnvironment() {
        String t = System.getenv("CONSUL_HTTP_TOKEN");
        return t == null ? "" : t.strip();
    }

    public StatusApi status() {
        return new StatusApi(this);
    }

    public AgentApi agent() {
        return new AgentApi(this);
    }

    public CatalogApi catalog() {
        return new CatalogApi(this);
    }

    public HealthApi health() {
        return new HealthApi(this);
    }

    public KvApi kv() {
        return new KvApi(this);
    }

    public SessionApi session() {
        return new SessionApi(this);
    }

    /** Any endpoint as plain bytes. */
    public RawApi raw() {
        return new RawApi(this);
    }

    /** The configured addresses, in order. */
    public List<ConsulAddress> addresses() {
        return dispatcher.addresses();
    }

    /** The address tried first by the next call (the last one that answered). */
    public ConsulAddress currentAddress() {
        return dispatcher.current();
    }

    @Override
    public void close() {
        dispatcher.close();
    }

    /** A GET decoded as {@code type}; a 404 yields {@code whenNotFound} (with the 404's metadata) if non-null. */
    <T> QueryResult<T> read(String path, QueryString query, QueryOptions options, TypeReference<T> type,
                            T whenNotFound) {
        options.appendTo(query);
        Transport.Response r = dispatcher.call("GET", path + query, options.token(), new byte[0], timeoutFor(options),
                whenNotFound != null);
        T value = r.status() == 404 ? whenNotFound : decode(r, type, path);
        if (value == null || value instanceof com.fasterxml.jackson.databind.node.NullNode) {
            value = whenNotFound;
        }
        if (value == null) {
            throw new ConsulException("GET " + path + " on " + currentAddress() + ": unexpected null answer",
                    r.status(), "null");
        }
        return new QueryResult<>(value, header(r, "X-Consul-Index"),
                r.header("X-Consul-KnownLeader").map(Boolean::parseBoolean).orElse(false),
                header(r, "X-Consul-LastContact"));
    }

    /** A write (PUT/DELETE) decoded as {@code type}, or the raw answer when {@code type} is null. */
    <T> T write(String method, String path, QueryString query, WriteOptions options, byte[] body,
                TypeReference<T> type) {
        options.appendTo(query);
        Transport.Response r = dispatcher.call(method, path + query, options.token(), body, requestTimeout, false);
        return type == null || r.body().length == 0 ? null : decode(r, type, path);
    }

    /** One request as it is, a 404 being an answer. */
    Transport.Response send(String method, String pathAndQuery, byte[] body) {
        return dispatcher.call(method, pathAndQuery, "", body, requestTimeout, true);
    }

    /** A blocking GET as it is, a 404 being an answer, with the time a blocking query may take. */
    Transport.Response sendBlocking(String pathAndQuery, Duration timeout) {
        return dispatcher.call("GET", pathAndQuery, "", new byte[0], timeout, true);
    }

    static byte[] json(Object body) {
        try {
            return Wire.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + body.getClass().getSimpleName() + ": " + e, e);
        }
    }

    private <T> T decode(Transport.Response r, TypeReference<T> type, String path) {
        try {
            return Wire.JSON.readValue(r.body(), type);
        } catch (IOException e) {
            String text = r.bodyText();
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
            throw new ConsulException(path + " on " + currentAddress() + ": cannot decode answer: " + why + " in \""
                    + shown + "\"", r.status(), text);
        }
    }

    private static long header(Transport.Response r, String name) {
        try {
            return r.header(name).map(Long::parseLong).orElse(0L);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    Duration timeoutFor(QueryOptions options) {
        if (!options.isBlocking()) {
            return requestTimeout;
        }
        Duration wait = options.waitTime().isZero() ? DEFAULT_BLOCK
                : options.waitTime().compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : options.waitTime();
        return wait.plus(wait.dividedBy(16)).plus(requestTimeout);
    }

    /**
     * Builder; not thread-safe. Defaults: 127.0.0.1:8500, no token, 5 s connect timeout, 15 s request timeout,
     * {@link RetryPolicy#DEFAULT}.
     */
    public static final class Builder {
        private final List<ConsulAddress> addresses = new ArrayList<>();
        private String token = "";
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(15);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Executor executor;
        private ClientTls tls;

        private Builder() {
        }

        /** Adds an address; call several times (or use {@link #addresses}) for failover, tried in order. */
        public Builder address(ConsulAddress address) {
            addresses.add(requireNonNull(address, "address"));
            return this;
        }

        /** Adds an address in any form {@link ConsulAddress#parse} accepts. */
        public Builder address(String address) {
            return address(ConsulAddress.parse(address));
        }

        public Builder addresses(List<ConsulAddress> list) {
            list.forEach(this::address);
            return this;
        }

        public Builder token(String aclToken) {
            token = requireNonNull(aclToken, "token").strip();
            return this;
        }

        public Builder connectTimeout(Duration d) {
            connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /** Total time for a non-blocking request, and the margin added to a blocking one. */
        public Builder requestTimeout(Duration d) {
            requestTimeout = positive(d, "requestTimeout");
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            retry = requireNonNull(policy, "retry");
            return this;
        }

        public Builder sleeper(Sleeper s) {
            sleeper = requireNonNull(s, "sleeper");
            return this;
        }

        /** The executor of the JDK HttpClient (default: its own). */
        public Builder executor(Executor e) {
            executor = requireNonNull(e, "executor");
            return this;
        }

        /** How https addresses are talked to (default: the JDK's CAs, no client certificate). */
        public Builder tls(ClientTls settings) {
            tls = requireNonNull(settings, "tls");
            return this;
        }

        /** Builds the client; with an https address the TLS files are read now, and a bad one is refused here. */
        public ConsulClient build() {
            if (addresses.isEmpty()) {
                addresses.add(ConsulAddress.parse("127.0.0.1:" + ConsulAddress.DEFAULT_PORT));
            }
            boolean https = addresses.stream().anyMatch(a -> a.scheme().equals("https"));
            javax.net.ssl.SSLContext context = https ? (tls == null ? ClientTls.defaults() : tls).sslContext()
                    : ClientTls.plainHttpOnly();
            return new ConsulClient(this, new HttpTransport(connectTimeout, executor, context));
        }

        private static Duration positive(Duration d, String name) {
            requireNonNull(d, name);
            if (!d.isPositive()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
