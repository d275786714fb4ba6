package dev.signpost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.RawApi;

/**
 * {@code watch -type=...}, as {@code consul watch}: blocking queries on one view; without a handler the first result
 * is printed (Go's indented JSON) and the watch ends, with one the handler runs at every change with the result's
 * JSON on stdin and {@code CONSUL_INDEX} set, until it fails (exit 1) or SIGINT/SIGTERM (exit 0).
 */
@Command(name = "watch", description = "Watch for changes in Consul.")
final class WatchCommand extends ApiCommand {
    private static final Duration WAIT = Duration.ofMinutes(5);

    @Option(names = "-type", paramLabel = "TYPE",
            description = "The watch type: key, keyprefix, services, nodes, service, checks or event.")
    String type = "";
    @Option(names = "-key", paramLabel = "KEY", description = "The key to watch (type key).")
    String key = "";
    @Option(names = "-prefix", paramLabel = "PREFIX", description = "The key prefix to watch (type keyprefix).")
    String prefix = "";
    @Option(names = "-service", paramLabel = "NAME", description = "The service to watch (service; checks).")
    String service = "";
    @Option(names = "-tag", paramLabel = "TAG", description = "The service tag to filter on (service).")
    String tag = "";
    @Option(names = "-passingonly", paramLabel = "BOOL", description = "Only instances passing all checks (service).")
    String passingOnly = "";
    @Option(names = "-state", paramLabel = "STATE", description = "The check state to watch (checks).")
    String state = "";
    @Option(names = "-name", paramLabel = "NAME", description = "The event name to watch (event).")
    String name = "";
    @Option(names = "-stale", arity = "0..1", description = "Allow any server to answer.")
    boolean stale;
    @Option(names = "-shell", arity = "0..1", fallbackValue = "true", description = "Run the handler with $SHELL -c.")
    boolean shell = true;
    @Parameters(arity = "0..*", paramLabel = "HANDLER")
    List<String> handler = new ArrayList<>();

    @Override
    String errorPrefix() {
        return "Error querying Consul agent: ";
    }

    @Override
    int run(ConsulClient client) throws IOException {
        if (type.isEmpty()) {
            err().println("Watch type must be specified");
            err().println();
            spec.commandLine().usage(err());
            return 1;
        }
        Boolean passing = null;
        if (!passingOnly.isEmpty()) {
            passing = GoBool.parse(passingOnly);
            if (passing == null) {
                err().println("Failed to parse passingonly flag: strconv.ParseBool: parsing \"" + passingOnly
                        + "\": invalid syntax");
                return 1;
            }
        }
        String path;
        try {
            path = WatchPath.of(type, params(passing));
        } catch (IllegalArgumentException e) {
            err().println(e.getMessage());
            return 1;
        }
        get(client, "/v1/agent/self");
        AtomicBoolean stopped = new AtomicBoolean();
        Thread loop = Thread.currentThread();
        Runnable restoreSignals = Signals.whileRunning(() -> {
            stopped.set(true);
            loop.interrupt();
        });
        try {
            return watch(client, path, stopped);
        } finally {
            restoreSignals.run();
        }
    }

    /** The flags given, as consul's watch parameters (only those set). */
    private Map<String, Object> params(Boolean passing) {
        Map<String, Object> params = new TreeMap<>();
        put(params, "key", key);
        put(params, "prefix", prefix);
        put(params, "service", service);
        put(params, "tag", tag);
        put(params, "state", state);
        put(params, "name", name);
        if (passing != null) {
            params.put("passingonly", passing);
        }
        if (stale) {
            params.put("stale", true);
        }
        return params;
    }

    private static void put(Map<String, Object> params, String name, String value) {
        if (!value.isEmpty()) {
            params.put(name, value);
        }
    }

    /** Consul's watch plan: re-query from the last index; act when the index moved and the result changed. */
    private int watch(ConsulClient client, String path, AtomicBoolean stopped) throws IOException {
        long index = 0;
        JsonNode last = null;
        int failures = 0;
        while (!stopped.get()) {
            RawApi.Response r;
            try {
                r = client.raw().block(path, index, WAIT);
            } catch (ConsulException e) {
                if (stopped.get()) {
                    break;
                }
                failures++;
                Duration retry = Duration.ofSeconds(Math.min(5L * failures * failures, 20));
                err().println("[ERR] consul.watch: Watch (type: " + type + ") errored: " + goError(e) + ", retry in "
                        + retry.toSeconds() + "s");
                err().flush();
                if (!sleep(retry)) {
                    break;
                }
                continue;
            }
            failures = 0;
            long old = index;
            index = r.index() < old ? 0 : r.index(); // an index going backwards starts over, as Consul's plan does
            if (old != 0 && index == old) {
                continue;
            }
            JsonNode result = result(r, old);
            if (result == null || result.equals(last)) {
                continue;
            }
            last = result;
            if (handler.isEmpty()) {
                out().println(GoJson.FOUR_SPACES.writeValueAsString(result));
                return 0;
            }
            if (!runHandler(result, r.index())) {
                return 1;
            }
        }
        return 0;
    }

    /** The watch's data: null (nothing to act on) for a missing key, as consul's key watch. */
    private JsonNode result(RawApi.Response r, long lastIndex) throws IOException {
        boolean missing = r.status() == 404 || r.body().length == 0;
        return switch (type) {
            case "key" -> missing ? null : WatchPath.goKvPair(JSON.readTree(r.body()).get(0));
            case "keyprefix" -> {
                if (missing) {
                    yield JSON.nullNode();
                }
                ArrayNode pairs = JSON.createArrayNode();
                JSON.readTree(r.body()).forEach(p -> pairs.add(WatchPath.goKvPair(p)));
                yield pairs;
            }
            case "event" -> WatchPath.newEvents(missing ? JSON.createArrayNode() : JSON.readTree(r.body()),
                    lastIndex);
            default -> missing ? JSON.nullNode() : JSON.readTree(r.body());
        };
    }

    private boolean runHandler(JsonNode result, long index) {
        String sh = System.getenv().getOrDefault("SHELL", "");
        List<String> command = shell ? List.of(sh.isEmpty() ? "/bin/sh" : sh, "-c", String.join(" ", handler))
                : handler;
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CONSUL_INDEX", Long.toString(index));
        try {
            Process process = builder.start();
            Thread o = LockCommand.copy(process.getInputStream(), out());
            Thread e = LockCommand.copy(process.getErrorStream(), err());
            try (var stdin = process.getOutputStream()) {
                stdin.write((JSON.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // a handler that does not read its input
            }
            int code = process.waitFor();
            o.join(2000);
            e.join(2000);
            if (code != 0) {
                err().println("Error executing handler: exit status " + code);
                return false;
            }
            return true;
        } catch (IOException e) {
            err().println("Error starting handler: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Go's strconv.ParseBool. */
    static final class GoBool {
        private GoBool() {
        }

        static Boolean parse(String text) {
            return switch (text) {
                case "1", "t", "T", "TRUE", "true", "True" -> true;
                case "0", "f", "F", "FALSE", "false", "False" -> false;
                default -> null;
            };
        }
    }
}
