package dev.signpost.template.config;

import java.time.Duration;

import dev.signpost.client.GoDuration;

import static java.util.Objects.requireNonNull;

/**
 * Quiescence bounds ({@code -wait MIN[:MAX]}, {@code wait { min max }}): after a change, render once nothing changed
 * for {@code min}, but no later than {@code max} after the first change. Both zero means disabled.
 */
public record WaitConfig(Duration min, Duration max) {

    public static final WaitConfig DISABLED = new WaitConfig(Duration.ZERO, Duration.ZERO);

    public WaitConfig {
        requireNonNull(min, "min");
        requireNonNull(max, "max");
        if (min.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("wait: cannot be negative");
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("wait: min must be less than max");
        }
    }

    /**
     * consul-template's {@code ParseWaitConfig}: "5s" means 5s:20s (max is four times min), "5s:10s" both; space
     * around either bound is trimmed, as there.
     */
    public static WaitConfig parse(String text) {
        String[] parts = text.strip().split(":", -1);
        try {
            switch (parts.length) {
                case 1 -> {
                    Duration min = GoDuration.parse(parts[0].strip());
                    return new WaitConfig(min, min.multipliedBy(4));
                }
                case 2 -> {
                    return new WaitConfig(GoDuration.parse(parts[0].strip()), GoDuration.parse(parts[1].strip()));
                }
                default -> throw new IllegalArgumentException("wait: invalid format: \"" + text + "\"");
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("wait: out of range: \"" + text + "\"", e);
        }
    }

    public boolean enabled() {
        return min.isPositive() || max.isPositive();
    }

    @Override
    public String toString() {
        return GoDuration.format(min) + ":" + GoDuration.format(max);
    }
}
