package dev.signpost.core.coordinate;

import java.time.Duration;

/**
 * The tuning of a Vivaldi client, with Serf's names and defaults ({@link #serf()}).
 *
 * @param dimensionality the dimensions of the Euclidean part of a coordinate
 * @param vivaldiErrorMax the largest error a node may report, and the error it starts with
 * @param vivaldiCE how fast the error estimate follows new samples (Vivaldi's c_e)
 * @param vivaldiCC how far a sample moves the coordinate (Vivaldi's c_c)
 * @param adjustmentWindowSize how many samples the adjustment averages; 0 turns adjustments off
 * @param heightMin the smallest height, in seconds
 * @param latencyFilterSize how many of each node's latest round-trip times the median is taken over
 * @param gravityRho how strongly coordinates are pulled back to the origin, in seconds: smaller pulls harder
 */
public record CoordinateConfig(int dimensionality, double vivaldiErrorMax, double vivaldiCE, double vivaldiCC,
                               int adjustmentWindowSize, double heightMin, int latencyFilterSize, double gravityRho) {

    public CoordinateConfig {
        if (dimensionality < 1 || latencyFilterSize < 1 || adjustmentWindowSize < 0) {
            throw new IllegalArgumentException("dimensionality and latency filter size must be at least 1, the "
                    + "adjustment window at least 0");
        }
    }

    /** Serf's DefaultConfig: 8 dimensions, error max 1.5, c_e and c_c 0.25, window 20, 10 µs, 3 samples, rho 150. */
    public static CoordinateConfig serf() {
        return new CoordinateConfig(8, 1.5, 0.25, 0.25, 20, Duration.ofNanos(10_000).toNanos() / 1.0e9, 3, 150.0);
    }
}
