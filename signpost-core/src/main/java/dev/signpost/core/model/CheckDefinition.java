package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * How a check is run, as registered. Durations are Go duration strings ("10s"), as Consul stores and
 * reports them; "" means unset. An empty definition belongs to a check whose status is set from outside.
 *
 * @param successBeforePassing consecutive passing results before the status turns passing (0: at once)
 * @param failuresBeforeCritical consecutive failing results before the status turns warning/critical
 * @param aliasService the service whose health an alias check mirrors; "" for other kinds
 * @param aliasNode the node of the aliased service ("" is this agent's node)
 * @param dockerContainerId the container a Docker check runs {@code args} in; "" for other kinds
 */
public record CheckDefinition(String http, String method, Map<String, List<String>> header, String body,
                              boolean tlsSkipVerify, String tcp, List<String> args, String ttl,
                              String interval, String timeout, String deregisterCriticalServiceAfter,
                              int successBeforePassing, int failuresBeforeCritical, String aliasService,
                              String aliasNode, String dockerContainerId) {

    public static final CheckDefinition NONE =
            new CheckDefinition("", "", Map.of(), "", false, "", List.of(), "", "", "", "");

    /** A definition without thresholds or alias. */
    public CheckDefinition(String http, String method, Map<String, List<String>> header, String body,
                           boolean tlsSkipVerify, String tcp, List<String> args, String ttl, String interval,
                           String timeout, String deregisterCriticalServiceAfter) {
        this(http, method, header, body, tlsSkipVerify, tcp, args, ttl, interval, timeout,
                deregisterCriticalServiceAfter, 0, 0, "", "", "");
    }

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
        if (successBeforePassing < 0 || failuresBeforeCritical < 0) {
            throw new IllegalArgumentException("thresholds must not be negative");
        }
        // absent in definitions saved before alias checks existed
        aliasService = aliasService == null ? "" : aliasService;
        aliasNode = aliasNode == null ? "" : aliasNode;
        dockerContainerId = dockerContainerId == null ? "" : dockerContainerId;
    }

    /** The check type Consul reports: http, tcp, ttl, docker, script, alias, or "" for an externally set check. */
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
        if (!dockerContainerId.isEmpty()) {
            return "docker";
        }
        if (!args.isEmpty()) {
            return "script";
        }
        if (!aliasService.isEmpty()) {
            return "alias";
        }
        return "";
    }
}
