package dev.signpost.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The one door to metrics: modules ask it once for a {@link Counter}, {@link Sample} or gauge by Consul's dotted
 * name (keep the handle; asking again for the same name and labels returns the same one) and record into it on
 * their hot paths without allocating. Behind it, Micrometer's Prometheus registry keeps the cumulative values
 * scraped as Prometheus text or OpenMetrics, and an {@link Aggregate} per meter keeps go-metrics' in-memory
 * intervals (10 s, Consul's) for the JSON of {@code /v1/agent/metrics}.
 *
 * <p>Names: {@code counter("raft.apply")} is {@code consul.raft.apply} in JSON and {@code consul_raft_apply} in a
 * Prometheus scrape, as Consul's (see {@link ConsulCounterNames}). Gauges get the host name after
 * the prefix unless {@code disable_hostname}, as go-metrics does. {@link #own()} names Signpost's own metrics
 * under {@code signpost}, never with a host name. Thread-safe.
 */
public final class Metrics {
    /** Consul's in-memory sink interval (go-metrics' {@code NewInmemSink(10*time.Second, time.Minute)}). */
    public static final Duration INTERVAL = Duration.ofSeconds(10);
    /** What {@code Accept} names to get OpenMetrics instead of the Prometheus text format. */
    public static final String OPENMETRICS = "application/openmetrics-text";
    private static final String OPENMETRICS_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Counts; in JSON each interval's Count, Sum and Rate. */
    public interface Counter {
        void increment();

        void add(double amount);
    }

    /** Samples (go-metrics' AddSample); durations in milliseconds, as Consul's timers. */
    public interface Sample {
        void add(double value);

        /** The milliseconds since {@code startNanos} (a {@link System#nanoTime()}), as go-metrics' MeasureSince. */
        default void since(long startNanos) {
            add((System.nanoTime() - startNanos) / 1_000_000.0);
        }
    }

    private static final Counter NO_COUNTER = new Counter() {
        @Override
        public void increment() {
        }

        @Override
        public void add(double amount) {
        }
    };
    private static final Sample NO_SAMPLE = value -> { };

    private final Shared shared;
    private final String prefix;
    private final java.util.Optional<String> hostname;

    /** What a Consul-named view and its {@link #own()} view share. */
    private static final class Shared {
        final Telemetry telemetry;
        final Clock clock;
        final PrometheusMeterRegistry registry; // null: records nothing
        final Map<String, Object> handles = new ConcurrentHashMap<>();
        final List<Tracked> tracked = new CopyOnWriteArrayList<>();
        final Map<String, GaugeEntry> gauges = new ConcurrentHashMap<>();
        volatile Instant current;
        volatile Instant previous; // null until the first interval has ended

        Shared(Telemetry telemetry, Clock clock, boolean recording) {
            this.telemetry = telemetry;
            this.clock = clock;
            this.registry = recording ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : null;
            this.current = truncate(clock.instant());
        }
    }

    private record GaugeEntry(String name, Map<String, String> labels, DoubleSupplier value) {
    }

    private Metrics(Shared shared, String prefix, java.util.Optional<String> hostname) {
        this.shared = shared;
        this.prefix = prefix;
        this.hostname = hostname;
    }

    /** Metrics under these settings, with a daemon thread that starts a new interval every 10 s. */
    public static Metrics create(Telemetry telemetry) {
        Metrics metrics = manual(telemetry, Clock.systemUTC());
        ScheduledExecutorService rotation = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("metrics-interval").daemon().factory());
        long delay = INTERVAL.toMillis() - metrics.shared.clock.millis() % INTERVAL.toMillis();
        rotation.scheduleAtFixedRate(metrics::rotate, delay, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return metrics;
    }

    /** Metrics whose intervals end only when {@link #rotate()} is called: for tests. */
    public static Metrics manual(Telemetry telemetry, Clock clock) {
        Shared shared = new Shared(requireNonNull(telemetry, "telemetry"), requireNonNull(clock, "clock"), true);
        return new Metrics(shared, telemetry.prefix(), telemetry.hostname());
    }

    /** Metrics that record nothing: for code run without an agent around it (tests, tools). */
    public static Metrics none() {
        return new Metrics(new Shared(Telemetry.defaults("none"), Clock.systemUTC(), false), "consul",
                java.util.Optional.empty());
    }

    /** The same metrics, naming Signpost's own under {@code signpost} (no Consul counterpart, no host name). */
    public Metrics own() {
        return new Metrics(shared, "signpost", java.util.Optional.empty());
    }

    /** The settings these metrics follow. */
    public Telemetry telemetry() {
        return shared.telemetry;
    }

    /** A counter; {@code labels} are name/value pairs. */
    public Counter counter(String name, String... labels) {
        return shared.registry == null ? NO_COUNTER : tracked(true, name, labels);
    }

    /** A sample (a timer in milliseconds, or any measured value); {@code labels} are name/value pairs. */
    public Sample sample(String name, String... labels) {
        return shared.registry == null ? NO_SAMPLE : tracked(false, name, labels);
    }

    private Tracked tracked(boolean counter, String name, String[] labels) {
        String full = prefix + "." + name;
        return (Tracked) shared.handles.computeIfAbsent(key(counter ? "c" : "s", full, labels), k -> {
            Tracked made = new Tracked(shared.registry, shared.telemetry.prometheusRetention(), shared.clock.instant(),
                    full, labels(labels), counter);
            shared.tracked.add(made);
            return made;
        });
    }

    /** A gauge read when metrics are shown; registering the same name and labels again replaces the value's source. */
    public void gauge(String name, DoubleSupplier value, String... labels) {
        if (shared.registry == null) {
            return;
        }
        String full = prefix + hostname.map(h -> "." + h).orElse("") + "." + name;
        Map<String, String> tags = labels(labels);
        String key = key("g", full, labels);
        boolean fresh = shared.gauges.put(key, new GaugeEntry(full, tags, value)) == null;
        if (fresh) {
            io.micrometer.core.instrument.Gauge.builder(full, () -> read(key)).tags(tagArray(tags))
                    .register(shared.registry);
        }
    }

    private double read(String key) {
        GaugeEntry entry = shared.gauges.get(key);
        try {
            return entry == null ? Double.NaN : entry.value().getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN; // a source that cannot answer now (a stopped Raft server) shows no value
        }
    }

    /** Ends the current interval: it becomes the one {@link #summary()} shows, and idle Prometheus series expire. */
    public void rotate() {
        Instant now = shared.clock.instant();
        for (Tracked t : shared.tracked) {
            t.rotate(now);
        }
        shared.previous = shared.current;
        shared.current = truncate(now);
    }

    /**
     * The most recent finished interval, or the current one while none has finished: what go-metrics'
     * {@code DisplayMetrics} shows. Entries sorted by name, then labels.
     */
    public Summary summary() {
        Instant previous = shared.previous;
        boolean finished = previous != null;
        List<Summary.Gauge> gauges = new ArrayList<>();
        for (Map.Entry<String, GaugeEntry> e : shared.gauges.entrySet()) {
            double value = read(e.getKey());
            if (!Double.isNaN(value)) {
                gauges.add(new Summary.Gauge(e.getValue().name(), value, e.getValue().labels()));
            }
        }
        gauges.sort(Comparator.comparing(Summary.Gauge::name).thenComparing(g -> g.labels().toString()));
        List<Summary.Sampled> counters = new ArrayList<>();
        List<Summary.Sampled> samples = new ArrayList<>();
        double seconds = INTERVAL.toMillis() / 1000.0;
        for (Tracked t : shared.tracked) {
            Aggregate shown = finished ? t.previous : t.current;
            if (shown != null && shown.count() > 0) {
                (t.counter ? counters : samples).add(shown.summarize(t.name, t.labels, seconds));
            }
        }
        Comparator<Summary.Sampled> order = Comparator.comparing(Summary.Sampled::name)
                .thenComparing(s -> s.labels().toString());
        counters.sort(order);
        samples.sort(order);
        return new Summary(finished ? previous : shared.current, gauges, List.of(), counters, samples);
    }

    /** The Prometheus exposition: OpenMetrics when {@code accept} asks for it, else the text format 0.0.4. */
    public Exposition prometheus(String accept) {
        if (shared.registry == null) {
            return new Exposition(PROMETHEUS_TYPE, "");
        }
        String type = accept != null && accept.toLowerCase(Locale.ROOT).contains(OPENMETRICS)
                ? OPENMETRICS_TYPE : PROMETHEUS_TYPE;
        return new Exposition(type, ConsulCounterNames.apply(shared.registry.scrape(type), type == OPENMETRICS_TYPE));
    }

    /** A Prometheus scrape's answer. */
    public record Exposition(String contentType, String body) {
    }

    private static Instant truncate(Instant instant) {
        long millis = instant.toEpochMilli();
        return Instant.ofEpochMilli(millis - millis % INTERVAL.toMillis()).truncatedTo(ChronoUnit.MILLIS);
    }

    private static String key(String kind, String name, String[] labels) {
        return labels.length == 0 ? kind + name : kind + name + String.join("\u0000", labels);
    }

    private static Map<String, String> labels(String[] pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs: " + String.join(",", pairs));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    static String[] tagArray(Map<String, String> labels) {
        List<String> tags = new ArrayList<>();
        labels.forEach((k, v) -> {
            tags.add(k);
            tags.add(v);
        });
        return tags.toArray(String[]::new);
    }
}
