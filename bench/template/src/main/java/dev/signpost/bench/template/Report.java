package dev.signpost.bench.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.util.Version;

/**
 * Runs {@link TemplateBench} with JMH and the GC profiler, then prints a Markdown table: each figure next to its
 * StringBuilder baseline from the same run and the ratio, for time (the best measurement iteration, the median beside
 * it: on a shared machine contention only adds time) and for bytes allocated per operation (the median), with the
 * machine it ran on.
 *
 * <p>Arguments are JMH's own and replace the short defaults for a busy 2-core machine
 * ({@code -f 1 -wi 3 -w 2s -i 5 -r 2s -jvmArgsAppend "-Xms1g -Xmx1g"}); a regex picks benchmarks, e.g. {@code large}.
 */
public final class Report {

    private static final String TARGET_BENCHMARK = "largeRender";
    private static final double TARGET_NS = 20_000_000;

    /** Engine benchmarks in table order, with the label printed and the baseline they compare to. */
    private static final List<String[]> ROWS = List.of(
            new String[] {"largeParseRender", "large parse+render (1,000 services x 10 instances)", "largeBaseline"},
            new String[] {"largeRender", "large render only", "largeBaseline"},
            new String[] {"smallParseRender", "small parse+render (seed, 3 instances)", "smallBaseline"},
            new String[] {"smallRender", "small render only", "smallBaseline"});

    private Report() {
    }

    public static void main(String[] args) throws CommandLineOptionException, RunnerException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder b = new OptionsBuilder();
        b.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            b.include(TemplateBench.class.getName());
        }
        if (!cli.getForkCount().hasValue()) {
            b.forks(1);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            b.warmupIterations(3);
        }
        if (!cli.getWarmupTime().hasValue()) {
            b.warmupTime(TimeValue.seconds(2));
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            b.measurementIterations(5);
        }
        if (!cli.getMeasurementTime().hasValue()) {
            b.measurementTime(TimeValue.seconds(2));
        }
        if (!cli.getJvmArgsAppend().hasValue()) {
            b.jvmArgsAppend("-Xms1g", "-Xmx1g");
        }
        if (cli.getProfilers().stream().noneMatch(p -> p.getKlass().equals("gc")
                || p.getKlass().equals(GCProfiler.class.getName()))) {
            b.addProfiler(GCProfiler.class);
        }
        if (cli.getProfilers().stream().noneMatch(p -> p.getKlass().equals(CpuTimeProfiler.class.getName()))) {
            b.addProfiler(CpuTimeProfiler.class);
        }
        Options options = b.build();

        String loadBefore = loadAverage();
        Collection<RunResult> results = new Runner(options).run();
        String loadAfter = loadAverage();

        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            byName.put(name.substring(name.lastIndexOf('.') + 1), r);
        }

        StringBuilder out = new StringBuilder();
        out.append("\n## bench/template\n\n");
        out.append(String.format(Locale.ROOT, "Machine: %d cores (%s), %s, JDK %s (%s), load average %s before and %s after"
                        + " the run.%n", Runtime.getRuntime().availableProcessors(), cpuModel(), memory(),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), loadBefore,
                loadAfter));
        out.append(String.format(Locale.ROOT, "JMH %s, average time: %s fork(s), %d x %s warm-up, %d x %s measurement,"
                        + " -prof gc, CPU time per op. Times: the best measurement iteration (the median in brackets); the machine is"
                        + " shared, and contention only ever adds time, so the ratio compares bests. CPU/op: the JVM's"
                        + " CPU time (all threads, GC and JIT included) per operation, the median; it does not count time"
                        + " spent waiting for a core. B/op: the median (allocation does not depend on load). The baseline is a StringBuilder loop writing the same"
                        + " output from the same lists, in the same run.%n%n",
                jmhVersion(), options.getForkCount().orElse(1), options.getWarmupIterations().orElse(3),
                options.getWarmupTime().orElse(TimeValue.seconds(2)), options.getMeasurementIterations().orElse(5),
                options.getMeasurementTime().orElse(TimeValue.seconds(2))));
        out.append("| benchmark | template, best (median) | baseline, best (median) | ratio"
                + " | template CPU/op | baseline CPU/op | CPU ratio | template B/op | baseline B/op | B/op ratio |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String[] row : ROWS) {
            RunResult engine = byName.get(row[0]);
            if (engine == null) {
                continue;
            }
            RunResult base = byName.get(row[2]);
            Statistics t = engine.getPrimaryResult().getStatistics();
            Statistics tb = base == null ? null : base.getPrimaryResult().getStatistics();
            Statistics a = secondary(engine, "gc.alloc.rate.norm");
            Statistics ab = base == null ? null : secondary(base, "gc.alloc.rate.norm");
            Statistics c = secondary(engine, CpuTimeProfiler.LABEL);
            Statistics cb = base == null ? null : secondary(base, CpuTimeProfiler.LABEL);
            out.append("| ").append(row[1])
                    .append(" | ").append(best(t, engine)).append(" (").append(median(t, engine)).append(')')
                    .append(" | ").append(tb == null ? "-" : best(tb, base) + " (" + median(tb, base) + ")")
                    .append(" | ").append(tb == null ? "-" : ratio(t.getMin(), tb.getMin()))
                    .append(" | ").append(c == null ? "-" : formatNanos(c.getPercentile(50)))
                    .append(" | ").append(cb == null ? "-" : formatNanos(cb.getPercentile(50)))
                    .append(" | ").append(c == null || cb == null ? "-" : ratio(c.getPercentile(50), cb.getPercentile(50)))
                    .append(" | ").append(bytes(a))
                    .append(" | ").append(bytes(ab))
                    .append(" | ").append(a == null || ab == null ? "-" : ratio(a.getPercentile(50), ab.getPercentile(50)))
                    .append(" |\n");
        }
        RunResult target = byName.get(TARGET_BENCHMARK);
        if (target != null) {
            Statistics s = target.getPrimaryResult().getStatistics();
            double ns = nanos(target, s.getMin());
            out.append(String.format(Locale.ROOT, "%nTarget: the large render under 20 ms: %s (best %s, median %s).%n",
                    ns < TARGET_NS ? "met" : "NOT met", formatNanos(ns), formatNanos(nanos(target, s.getPercentile(50)))));
        }
        System.out.print(out);
    }

    private static Statistics secondary(RunResult r, String label) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith(label)) {
                return e.getValue().getStatistics();
            }
        }
        return null;
    }

    private static double nanos(RunResult r, double score) {
        String unit = r.getPrimaryResult().getScoreUnit();
        TimeUnit tu = switch (unit.substring(0, unit.indexOf('/'))) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            default -> throw new IllegalStateException("unexpected unit " + unit + " (use average time mode)");
        };
        return score * tu.toNanos(1);
    }

    private static String best(Statistics s, RunResult r) {
        return formatNanos(nanos(r, s.getMin()));
    }

    private static String median(Statistics s, RunResult r) {
        return formatNanos(nanos(r, s.getPercentile(50)));
    }

    private static String formatNanos(double ns) {
        String unit = unitOf(ns);
        return number(ns, unit) + " " + unit;
    }

    private static String unitOf(double ns) {
        return ns >= 1_000_000 ? "ms" : ns >= 10_000 ? "us" : "ns";
    }

    private static String number(double ns, String unit) {
        return switch (unit) {
            case "ms" -> String.format(Locale.ROOT, "%.2f", ns / 1_000_000);
            case "us" -> String.format(Locale.ROOT, "%.1f", ns / 1_000);
            default -> String.format(Locale.ROOT, "%,.0f", ns);
        };
    }

    private static String bytes(Statistics s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%,.0f", s.getPercentile(50));
    }

    private static String ratio(double value, double base) {
        return base <= 0 ? "-" : String.format(Locale.ROOT, "%.1fx", value / base);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> String.format(Locale.ROOT, "%.0f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0))
                    .findFirst().orElse("unknown memory");
        } catch (IOException | RuntimeException e) {
            return "unknown memory";
        }
    }

    private static String jmhVersion() {
        return Version.getPlainVersion();
    }
}
