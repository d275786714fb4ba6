package dev.signpost.agent;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import dev.signpost.core.model.HealthStatus;

/**
 * A Docker check (agent/checks CheckDocker): runs {@code Args} inside a container through the Engine API's
 * exec; exit 0 is passing, 1 warning, anything else (or no answer) critical; output capped at 4 KiB.
 */
final class DockerProbe implements Probe {
    private final Engine engine;
    private final String container;
    private final List<String> args;
    private final Duration timeout;

    DockerProbe(Engine engine, String container, List<String> args, Duration timeout) {
        this.engine = engine;
        this.container = container;
        this.args = List.copyOf(args);
        this.timeout = timeout;
    }

    @Override
    public Result run() {
        try {
            DockerClient docker = engine.client();
            String exec = docker.execCreateCmd(container).withCmd(args.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ResultCallback.Adapter<Frame> frames = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    if (out.size() < MAX_OUTPUT) {
                        out.writeBytes(frame.getPayload());
                    }
                }
            };
            if (!docker.execStartCmd(exec).exec(frames).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                frames.close();
                return new Result(HealthStatus.CRITICAL, "Timed out (" + timeout.toSeconds() + "s) running check");
            }
            Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
            String output = Probe.capped(out.toString(StandardCharsets.UTF_8));
            HealthStatus status = code == null ? HealthStatus.CRITICAL
                    : code == 0 ? HealthStatus.PASSING : code == 1 ? HealthStatus.WARNING : HealthStatus.CRITICAL;
            return new Result(status, output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(HealthStatus.CRITICAL, "interrupted");
        } catch (java.io.IOException | RuntimeException e) {
            return new Result(HealthStatus.CRITICAL, Probe.capped("docker exec in " + container + ": " + e.getMessage()));
        }
    }

    /** The Docker Engine at DOCKER_HOST (else the local socket), connected on first use and shared. */
    static final class Engine {
        private DockerClient client;

        synchronized DockerClient client() {
            if (client == null) {
                String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
                DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                        .withDockerHost(host).build();
                client = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                        .dockerHost(URI.create(host)).sslConfig(config.getSSLConfig())
                        .connectionTimeout(Duration.ofSeconds(5)).build());
            }
            return client;
        }
    }
}
