package dev.signpost.core.model;

import java.util.Collection;
import java.util.Locale;

/** A check's status, with Consul's wire names and its aggregation order. */
public enum HealthStatus {
    PASSING("passing"),
    WARNING("warning"),
    CRITICAL("critical"),
    MAINTENANCE("maintenance");

    private final String wireName;

    HealthStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name Consul puts on the wire. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name, case-insensitively; rejects anything else with the value quoted. */
    public static HealthStatus parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "passing" -> PASSING;
            case "warning" -> WARNING;
            case "critical" -> CRITICAL;
            case "maintenance" -> MAINTENANCE;
            default -> throw new IllegalArgumentException("Invalid check status: '" + text + "'");
        };
    }

    /** Consul's aggregation (api/health.go): maintenance beats critical beats warning beats passing. */
    public static HealthStatus aggregate(Collection<HealthStatus> statuses) {
        HealthStatus worst = PASSING;
        for (HealthStatus s : statuses) {
            if (s.ordinal() > worst.ordinal()) {
                worst = s;
            }
        }
        return worst;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
