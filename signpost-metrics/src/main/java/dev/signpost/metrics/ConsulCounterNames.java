package dev.signpost.metrics;

import java.util.HashSet;
import java.util.Set;

/**
 * Gives counters in a Prometheus scrape the names Consul's have. Consul's agent exposes go-metrics through the Go
 * Prometheus client, which writes a counter under its own name ({@code consul_raft_apply 3}), and Consul's
 * documented dashboards query it so ({@code rate(consul_raft_apply[5m])}); the Java client always adds
 * {@code _total} to a counter's samples. In the text format 0.0.4 the suffix is dropped from the family (its
 * {@code # HELP} and {@code # TYPE}) and its samples. In OpenMetrics a counter's samples must end in {@code _total},
 * so a counter family is written as an {@code unknown} one (OpenMetrics' type for a metric of no declared kind) with
 * Consul's name: a Prometheus that negotiates OpenMetrics, as Prometheus does first, stores the name Consul's
 * dashboards query, and {@code rate()} reads it as it reads a counter. Signpost's own counters ({@code signpost_*},
 * which Consul does not have) keep the Prometheus convention.
 */
final class ConsulCounterNames {
    private static final String TOTAL = "_total";
    private static final String OWN = "signpost_";

    private ConsulCounterNames() {
    }

    /** The scrape with Consul's counter names; {@code openMetrics} says which format {@code scrape} is in. */
    static String apply(String scrape, boolean openMetrics) {
        Set<String> counters = new HashSet<>();
        for (String line : scrape.split("\n", -1)) {
            String[] type = typeLine(line);
            if (type != null && type[1].equals("counter") && !type[0].startsWith(OWN)) {
                // OpenMetrics names the family without the suffix, the text format with it.
                counters.add(type[0].endsWith(TOTAL) ? type[0].substring(0, type[0].length() - TOTAL.length())
                        : type[0]);
            }
        }
        if (counters.isEmpty()) {
            return scrape;
        }
        StringBuilder out = new StringBuilder(scrape.length());
        for (String line : scrape.split("\n", -1)) {
            out.append(rename(line, counters, openMetrics)).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String rename(String line, Set<String> counters, boolean openMetrics) {
        String[] type = typeLine(line);
        if (type != null && type[1].equals("counter") && !type[0].startsWith(OWN)) {
            String family = type[0].endsWith(TOTAL) ? type[0].substring(0, type[0].length() - TOTAL.length()) : type[0];
            return "# TYPE " + family + (openMetrics ? " unknown" : " counter");
        }
        if (line.startsWith("# HELP ")) {
            int end = line.indexOf(' ', "# HELP ".length());
            String name = end < 0 ? line.substring("# HELP ".length()) : line.substring("# HELP ".length(), end);
            if (name.endsWith(TOTAL) && counters.contains(name.substring(0, name.length() - TOTAL.length()))) {
                return "# HELP " + name.substring(0, name.length() - TOTAL.length())
                        + (end < 0 ? "" : line.substring(end));
            }
            return line;
        }
        if (line.startsWith("#")) {
            return line;
        }
        int end = sampleNameEnd(line);
        String name = line.substring(0, end);
        if (name.endsWith(TOTAL) && counters.contains(name.substring(0, name.length() - TOTAL.length()))) {
            return name.substring(0, name.length() - TOTAL.length()) + line.substring(end);
        }
        return line;
    }

    /** {name, type} of a {@code # TYPE name type} line, else null. */
    private static String[] typeLine(String line) {
        if (!line.startsWith("# TYPE ")) {
            return null;
        }
        String[] parts = line.substring("# TYPE ".length()).split(" ");
        return parts.length == 2 ? parts : null;
    }

    private static int sampleNameEnd(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '{' || c == ' ') {
                return i;
            }
        }
        return line.length();
    }
}
