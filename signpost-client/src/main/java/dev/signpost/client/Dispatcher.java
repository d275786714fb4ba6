package dev.signpost.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical call: tries the addresses in order starting with the last one that answered (failover on no
 * answer), retries transient failures per {@link RetryPolicy} with one log line each, and turns the outcome into an
 * answer or a one-line {@link ConsulException}. Thread-safe (the sticky address is an atomic).
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsulClient.class);

    private final List<ConsulAddress> addresses;
    private final String token;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Transport transport;
    private final AtomicInteger current = new AtomicInteger();

    Dispatcher(List<ConsulAddress> addresses, String token, RetryPolicy retry, Sleeper sleeper, Transport transport) {
        this.addresses = List.copyOf(addresses);
        this.token = token;
        this.retry = retry;
        this.sleeper = sleeper;
        this.transport = transport;
    }

    List<ConsulAddress> addresses() {
        return addresses;
    }

    ConsulAddress current() {
        return addresses.get(Math.floorMod(current.get(), addresses.size()));
    }

    /** What a refusal by ACLs (403) says about the token, so a user sees which token to fix. */
    private static String aclHint(int status, boolean tokenSent) {
        if (status != 403) {
            return "";
        }
        return !tokenSent ? " (refused by ACLs: no token was sent; give one with -token or CONSUL_HTTP_TOKEN)"
                : " (refused by ACLs for the token sent)";
    }

    /** Sends a request; {@code callToken} (else the client's token) goes in {@code X-Consul-Token}. */
    Transport.Response call(String method, String pathAndQuery, String callToken, byte[] body, Duration timeout,
                            boolean allow404) {
        String t = callToken.isEmpty() ? token : callToken;
        Map<String, String> headers = t.isEmpty() ? Map.of() : Map.of("X-Consul-Token", t);
        if (body.length > 0 && body[0] == '{' || body.length > 0 && body[0] == '[') {
            headers = new java.util.HashMap<>(headers);
            headers.put("Content-Type", "application/json");
        }
        Transport.Request request = new Transport.Request(method, pathAndQuery, headers, body);
        String what = method + " " + pathAndQuery.split("\\?", 2)[0];
        for (int attempt = 0; ; attempt++) {
            try {
                return once(request, what, timeout, allow404);
            } catch (ConsulException e) {
                // An interrupted call is the caller stopping, not the registry failing: no retry, no warning.
                if (!e.isTransient() || attempt >= retry.retries() || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Duration pause = retry.backoff(attempt + 1);
                String of = retry.retries() == Integer.MAX_VALUE ? "" : "/" + retry.retries();
                LOG.warn("{}; retry {}{} in {} ms", e.getMessage(), attempt + 1, of, pause.toMillis());
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ConsulUnreachableException(what + ": interrupted while waiting to retry", ie);
                }
            }
        }
    }

    private Transport.Response once(Transport.Request request, String what, Duration timeout, boolean allow404) {
        int start = current.get();
        List<String> failures = new ArrayList<>();
        IOException last = null;
        for (int i = 0; i < addresses.size(); i++) {
            int index = Math.floorMod(start + i, addresses.size());
            ConsulAddress address = addresses.get(index);
            Transport.Response r;
            try {
                r = transport.send(address, request, timeout);
            } catch (IOException e) {
                last = e;
                failures.add(address + (addresses.size() > 1 ? " (" + reason(e, timeout) + ")" : ""));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConsulUnreachableException(what + " on " + address + ": interrupted", e);
            }
            if (r.status() / 100 == 2 || r.status() == 404 && allow404) {
                current.set(index);
                return r;
            }
            // A node answering 5xx (e.g. no leader on its side of a partition): the retry starts with the next one.
            current.set(r.status() >= 500 || r.status() == 429 ? index + 1 : index);
            String text = r.bodyText();
            throw new ConsulException(what + " on " + address + ": " + r.status()
                    + (text.isEmpty() ? "" : " " + firstLine(text)) + aclHint(r.status(), request.headers().containsKey("X-Consul-Token")), r.status(), text);
        }
        String message = "cannot reach " + String.join(", ", failures)
                + (addresses.size() == 1 ? ": " + reason(last, timeout) : "");
        throw new ConsulUnreachableException(message, last);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl).strip();
    }

    static String reason(Throwable e, Duration timeout) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "connect timed out";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer within " + timeout.toMillis() + " ms";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.SocketException && t.getMessage() != null
                    && t.getMessage().contains("No such file")) {
                return "no such socket";
            }
            if (t instanceof ClosedChannelException) {
                return "connection closed";
            }
        }
        String m = e == null ? null : e.getMessage();
        return m == null || m.isBlank() ? (e == null ? "no address" : e.getClass().getSimpleName()) : firstLine(m);
    }

    @Override
    public void close() {
        transport.close();
    }
}
