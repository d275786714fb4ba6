package dev.signpost.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The values of one counter or sample within one interval, as go-metrics' {@code AggregateSample} keeps them:
 * count, sum, sum of squares, min and max. Lock-free: adders for the sums, compare-and-set only when a value
 * is a new minimum or maximum.
 */
final class Aggregate {
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();
    private final DoubleAdder sumOfSquares = new DoubleAdder();
    private final AtomicLong min = new AtomicLong(Double.doubleToRawLongBits(Double.POSITIVE_INFINITY));
    private final AtomicLong max = new AtomicLong(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));

    void add(double value) {
        count.increment();
        sum.add(value);
        sumOfSquares.add(value * value);
        long bits = min.get();
        while (value < Double.longBitsToDouble(bits) && !min.compareAndSet(bits, Double.doubleToRawLongBits(value))) {
            bits = min.get();
        }
        bits = max.get();
        while (value > Double.longBitsToDouble(bits) && !max.compareAndSet(bits, Double.doubleToRawLongBits(value))) {
            bits = max.get();
        }
    }

    long count() {
        return count.sum();
    }

    /** Consul's SampledValue of this interval; {@code rate} is the sum per second of an interval this long. */
    Summary.Sampled summarize(String name, java.util.Map<String, String> labels, double intervalSeconds) {
        long n = count.sum();
        double total = sum.sum();
        double squares = sumOfSquares.sum();
        double mean = n == 0 ? 0 : total / n;
        // go-metrics' AggregateSample.Stddev: the sample standard deviation from the running sums.
        double divisor = (double) n * (n - 1);
        double stddev = divisor == 0 ? 0 : Math.sqrt(Math.max(0, (n * squares - total * total) / divisor));
        return new Summary.Sampled(name, n, total / intervalSeconds, total,
                n == 0 ? 0 : Double.longBitsToDouble(min.get()), n == 0 ? 0 : Double.longBitsToDouble(max.get()),
                mean, stddev, labels);
    }
}
