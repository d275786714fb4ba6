package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Consul's autopilot configuration, replicated so every server applies the same one: whether dead servers are
 * cleaned up, how long a server may go without the leader's contact and how far it may trail the leader's log
 * before it is unhealthy, the fewest voters clean-up may leave, and how long a server must be healthy to count as
 * stable. The three enterprise fields are kept as given, as Consul's open-source servers keep them.
 *
 * @param lastContactThresholdNanos Go's time.Duration: nanoseconds
 * @param serverStabilizationTimeNanos nanoseconds
 */
public record AutopilotConfig(boolean cleanupDeadServers, long lastContactThresholdNanos, long maxTrailingLogs,
                              int minQuorum, long serverStabilizationTimeNanos, String redundancyZoneTag,
                              boolean disableUpgradeMigration, String upgradeVersionTag, long createIndex,
                              long modifyIndex) {

    public AutopilotConfig {
        requireNonNull(redundancyZoneTag, "redundancyZoneTag");
        requireNonNull(upgradeVersionTag, "upgradeVersionTag");
        if (lastContactThresholdNanos < 0 || serverStabilizationTimeNanos < 0 || maxTrailingLogs < 0 || minQuorum < 0) {
            throw new IllegalArgumentException("autopilot durations and counts cannot be negative");
        }
    }

    /** Consul's defaults (api.NewAutopilotConfiguration): clean-up on, 200ms, 250 entries, no minimum, 10s. */
    public static AutopilotConfig defaults() {
        return new AutopilotConfig(true, Duration.ofMillis(200).toNanos(), 250, 0, Duration.ofSeconds(10).toNanos(),
                "", false, "", 0, 0);
    }

    public Duration lastContactThreshold() {
        return Duration.ofNanos(lastContactThresholdNanos);
    }

    public Duration serverStabilizationTime() {
        return Duration.ofNanos(serverStabilizationTimeNanos);
    }

    /** This configuration as written at an index: created there unless it replaces one created earlier. */
    public AutopilotConfig writtenAt(long createdAt, long index) {
        return new AutopilotConfig(cleanupDeadServers, lastContactThresholdNanos, maxTrailingLogs, minQuorum,
                serverStabilizationTimeNanos, redundancyZoneTag, disableUpgradeMigration, upgradeVersionTag, createdAt,
                index);
    }
}
