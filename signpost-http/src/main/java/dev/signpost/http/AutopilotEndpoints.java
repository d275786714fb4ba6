package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.client.GoDuration;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.model.AutopilotConfig;
import dev.signpost.metrics.Metrics;

/**
 * {@code /v1/operator/autopilot/configuration}, {@code /state} and {@code /health}: Consul's JSON over
 * {@link ClusterOperator}, which holds the policy. Durations travel as Go duration strings ("200ms") and are read
 * from a string or a number of nanoseconds, as Consul's ReadableDuration.
 */
final class AutopilotEndpoints {
    private static final String PARSE_ERROR = "Error parsing autopilot config: ";

    private final ClusterOperator operator;

    AutopilotEndpoints(LocalAgent agent) {
        this(agent, Metrics.none());
    }

    /** Also shows autopilot's view as Consul's {@code consul.autopilot.healthy} and {@code failure_tolerance} gauges. */
    AutopilotEndpoints(LocalAgent agent, Metrics metrics) {
        this.operator = requireNonNull(agent, "agent").operator();
        metrics.gauge("autopilot.healthy", () -> stateOrNaN(s -> s.healthy() ? 1 : 0));
        metrics.gauge("autopilot.failure_tolerance", () -> stateOrNaN(ClusterOperator.AutopilotState::failureTolerance));
    }

    /** A gauge's reading of autopilot's state; NaN while there is none to read (no leader, no configuration yet). */
    private double stateOrNaN(java.util.function.ToDoubleFunction<ClusterOperator.AutopilotState> reading) {
        try {
            return reading.applyAsDouble(operator.autopilotState(true));
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    void addTo(Routes routes) {
        Guard operatorRead = Guard.needs(Resource.OPERATOR, Access.READ);
        Guard operatorWrite = Guard.needs(Resource.OPERATOR, Access.WRITE);
        routes.exact("GET", "/v1/operator/autopilot/configuration", operatorRead, this::configuration)
                .exact("PUT", "/v1/operator/autopilot/configuration", operatorWrite, this::setConfiguration)
                .exact("GET", "/v1/operator/autopilot/state", operatorRead, this::state)
                .exact("GET", "/v1/operator/autopilot/health", operatorRead, this::health);
    }

    record ConfigurationJson(boolean CleanupDeadServers, String LastContactThreshold, long MaxTrailingLogs,
                             int MinQuorum, String ServerStabilizationTime, String RedundancyZoneTag,
                             boolean DisableUpgradeMigration, String UpgradeVersionTag, long CreateIndex,
                             long ModifyIndex) {
    }

    private ApiResponse configuration(ApiRequest request) {
        AutopilotConfig c = operator.autopilotConfiguration(request.has("stale"));
        return ApiResponse.json(Json.write(new ConfigurationJson(c.cleanupDeadServers(),
                GoDuration.format(c.lastContactThreshold()), c.maxTrailingLogs(), c.minQuorum(),
                GoDuration.format(c.serverStabilizationTime()), c.redundancyZoneTag(), c.disableUpgradeMigration(),
                c.upgradeVersionTag(), c.createIndex(), c.modifyIndex()), request.has("pretty")));
    }

    /** Consul's answer is {@code true}, or with {@code ?cas=} whether the check-and-set applied. */
    private ApiResponse setConfiguration(ApiRequest request) {
        AutopilotConfig config = parse(request.body());
        boolean cas = request.has("cas");
        long casIndex = 0;
        if (cas) {
            String text = request.param("cas").orElse("");
            try {
                casIndex = Long.parseUnsignedLong(text);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Error parsing cas value: strconv.ParseUint: parsing \"" + text
                        + "\": invalid syntax");
            }
        }
        boolean applied = operator.setAutopilotConfiguration(config, cas, casIndex);
        return ApiResponse.json(Json.write(!cas || applied, false));
    }

    /** A body over Consul's defaults (api.NewAutopilotConfiguration): absent fields keep their default. */
    static AutopilotConfig parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest(PARSE_ERROR + "EOF");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest(PARSE_ERROR + "invalid character in the JSON body");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(PARSE_ERROR + "json: cannot unmarshal " + kind(node)
                    + " into Go value of type api.AutopilotConfiguration");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        // Go's encoding/json matches field names without regard to case
        node.properties().forEach(e -> fields.putIfAbsent(e.getKey().toLowerCase(java.util.Locale.ROOT),
                e.getValue()));
        AutopilotConfig d = AutopilotConfig.defaults();
        try {
            return new AutopilotConfig(bool(fields, "CleanupDeadServers", d.cleanupDeadServers()),
                    duration(fields, "LastContactThreshold", d.lastContactThresholdNanos()),
                    unsigned(fields, "MaxTrailingLogs", d.maxTrailingLogs(), "uint64"),
                    (int) unsigned(fields, "MinQuorum", d.minQuorum(), "uint"),
                    duration(fields, "ServerStabilizationTime", d.serverStabilizationTimeNanos()),
                    text(fields, "RedundancyZoneTag"), bool(fields, "DisableUpgradeMigration", false),
                    text(fields, "UpgradeVersionTag"), 0, 0);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(PARSE_ERROR + e.getMessage());
        }
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        return node.isArray() ? "array" : node.isTextual() ? "string" : node.isNumber() ? "number" : "bool";
    }

    private static IllegalArgumentException typeError(JsonNode value, String field, String type) {
        String shown = value.isNumber() ? "number " + value.asText() : kind(value);
        return new IllegalArgumentException("json: cannot unmarshal " + shown
                + " into Go struct field AutopilotConfiguration." + field + " of type " + type);
    }

    private static boolean bool(Map<String, JsonNode> fields, String name, boolean fallback) {
        JsonNode v = fields.get(name.toLowerCase(java.util.Locale.ROOT));
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw typeError(v, name, "bool");
        }
        return v.asBoolean();
    }

    private static String text(Map<String, JsonNode> fields, String name) {
        JsonNode v = fields.get(name.toLowerCase(java.util.Locale.ROOT));
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw typeError(v, name, "string");
        }
        return v.asText();
    }

    private static long unsigned(Map<String, JsonNode> fields, String name, long fallback, String type) {
        JsonNode v = fields.get(name.toLowerCase(java.util.Locale.ROOT));
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < 0 || (type.equals("uint") && v.asLong() > Integer.MAX_VALUE)) {
            throw typeError(v, name, type);
        }
        return v.asLong();
    }

    /** Consul's ReadableDuration: a Go duration string, or a number of nanoseconds. */
    private static long duration(Map<String, JsonNode> fields, String name, long fallback) {
        JsonNode v = fields.get(name.toLowerCase(java.util.Locale.ROOT));
        if (v == null || v.isNull()) {
            return fallback;
        }
        long nanos;
        if (v.isNumber()) {
            nanos = (long) v.asDouble();
        } else if (v.isTextual()) {
            nanos = GoDuration.parse(v.asText()).toNanos();
        } else {
            throw typeError(v, name, "api.ReadableDuration");
        }
        if (nanos < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + GoDuration.format(
                    Duration.ofNanos(nanos)));
        }
        return nanos;
    }

    record ServerJson(String ID, String Name, String Address, String NodeStatus, String Version, String LastContact,
                      long LastTerm, long LastIndex, boolean Healthy, String StableSince, boolean ReadReplica,
                      String Status, Map<String, String> Meta, String NodeType) {
    }

    record StateJson(boolean Healthy, int FailureTolerance, int OptimisticFailureTolerance,
                     Map<String, ServerJson> Servers, String Leader, List<String> Voters) {
    }

    private ApiResponse state(ApiRequest request) {
        ClusterOperator.AutopilotState state = operator.autopilotState(request.has("stale"));
        Map<String, ServerJson> servers = new LinkedHashMap<>();
        state.servers().forEach(s -> servers.put(s.id(), new ServerJson(s.id(), s.name(), s.address(),
                s.nodeStatus(), s.version(), GoDuration.format(Duration.ofMillis(s.lastContactMillis())),
                s.lastTerm(), s.lastIndex(), s.healthy(), s.stableSince().toString(), false, s.status(), s.meta(),
                "voter")));
        return ApiResponse.json(Json.write(new StateJson(state.healthy(), state.failureTolerance(),
                state.optimisticFailureTolerance(), servers, state.leader(), state.voters()), request.has("pretty")));
    }

    record ServerHealthJson(String ID, String Name, String Address, String SerfStatus, String Version, boolean Leader,
                            String LastContact, long LastTerm, long LastIndex, boolean Healthy, boolean Voter,
                            String StableSince) {
    }

    record HealthJson(boolean Healthy, int FailureTolerance, List<ServerHealthJson> Servers) {
    }

    /**
     * Autopilot's server health (what {@code consul operator raft list-peers} reads): the same judgement as
     * {@code /state}, under the replicated configuration; 429 when any server is unhealthy.
     */
    private ApiResponse health(ApiRequest request) {
        ClusterOperator.AutopilotState state = operator.autopilotState(request.has("stale"));
        List<ServerHealthJson> servers = state.servers().stream().map(s -> new ServerHealthJson(s.id(), s.name(),
                s.address(), s.nodeStatus(), s.version(), s.status().equals("leader"),
                GoDuration.format(Duration.ofMillis(s.lastContactMillis())), s.lastTerm(), s.lastIndex(),
                s.healthy(), s.voter(), roundToSecond(s.stableSince()))).toList();
        HealthJson health = new HealthJson(state.healthy(), state.failureTolerance(), servers);
        return ApiResponse.json(Json.write(health, request.has("pretty"))).withStatus(state.healthy() ? 200 : 429);
    }

    /** Consul rounds StableSince to the second here (Go's Round: half up). */
    private static String roundToSecond(Instant at) {
        Instant rounded = at.plusMillis(500).truncatedTo(ChronoUnit.SECONDS);
        return rounded.toString();
    }
}
