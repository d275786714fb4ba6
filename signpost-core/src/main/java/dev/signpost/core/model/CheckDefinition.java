package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * How a check is run, as registered. Durations are Go duration strings ("10s"), as Consul stores and
 * reports them; "" means unset. An empty definition belongs to a check whose status is set from outside.
 */
public record CheckDefinition(String http, String method, Map<String, List<String>> header, String body,
                              boolean tlsSkipVerify, String tcp, List<String> args, String ttl,
                              String interval, String timeout, String deregisterCriticalServiceAfter) {

    public static final CheckDefinition NONE =
            new CheckDefinition("", "", Map.of(), "", false, "", List.of(), "", "", "", "");

    public CheckDefinition {
        requireNonNull(http, "http");
        requireNonNull(method, "method");
        header = Map.copyOf(requireNonNull(header, "header"));
        requireNonNull(body, "body");
        requireNonNull(tcp, "tcp");
        args = List.copyOf(requireNonNull(args, "args"));
        requireNonNull(ttl, "ttl");
        requireNonNull(interval, "interval");
        requireNonNull(timeout, "timeout");
        requireNonNull(deregisterCriticalServiceAfter, "deregisterCriticalServiceAfter");
    }

    /** The check type Consul reports: http, tcp, ttl, script, or "" for an externally set check. */
    public String type() {
        if (!http.isEmpty()) {
            return "http";
        }
        if (!tcp.isEmpty()) {
            return "tcp";
        }
        if (!ttl.isEmpty()) {
            return "ttl";
        }
        if (!args.isEmpty()) {
            return "script";
        }
        return "";
    }
}
