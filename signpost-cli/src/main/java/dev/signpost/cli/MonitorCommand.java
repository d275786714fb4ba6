package dev.signpost.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.signpost.client.ConsulAddress;
import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.ConsulUnreachableException;

/**
 * {@code consul monitor}: streams the agent's log lines ({@code GET /v1/agent/monitor}) until interrupted (exit 0)
 * or until the agent goes away (Consul's "Remote side ended the monitor!" and exit 1).
 */
@Command(name = "monitor", description = "Shows recent log messages of the agent and streams new ones.")
final class MonitorCommand extends ApiCommand {
    @Option(names = "-log-level", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "Log level of the messages to show: trace, debug, info, warn or err (default INFO).")
    String logLevel;
    @Option(names = "-log-json", arity = "0..1", description = "Show the messages as Consul's JSON lines.")
    boolean logJson;

    @Override
    int run(ConsulClient client) throws IOException {
        ConsulAddress address = client.currentAddress();
        if (address.isUnix()) {
            err().println(errorPrefix() + "streaming over a unix socket is not supported; use an http address");
            return 1;
        }
        String path = "/v1/agent/monitor?loglevel=" + encode(logLevel) + (logJson ? "&logjson" : "");
        noteCall("GET", path);
        String host = address.host().contains(":") ? "[" + address.host() + "]" : address.host();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(address.scheme() + "://" + host + ":" + address.port() + path));
        String tok = token != null ? token : ConsulClient.tokenFromEnvironment();
        if (!tok.isEmpty()) {
            request.header("X-Consul-Token", tok);
        }
        HttpResponse<InputStream> response;
        try {
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new ConsulUnreachableException("connection refused", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                String body = String.join("\n", lines.lines().toList());
                throw new ConsulException("monitor", response.statusCode(), body);
            }
            Signals.onInterruptOrTerminate(interrupt -> {
                out().flush();
                Runtime.getRuntime().halt(0); // consul monitor: an interrupt ends it with 0
            });
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out().println(line);
                out().flush();
            }
        } catch (IOException e) {
            // the agent closed the connection: told below
        }
        out().println("Remote side ended the monitor! This usually means that the");
        out().println("remote side has exited or crashed.");
        return 1;
    }

    @Override
    String errorPrefix() {
        return "Error starting monitor: ";
    }
}
