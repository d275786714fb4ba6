package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * The Signpost image running the seed's {@code docker run} lines with only the image name changed, plus what
 * keeps them on loopback: {@code --net=host}, {@code -bind}/{@code -client} on 127.0.0.x and free ports. Host n35
 * is 127.0.0.1, host n36 127.0.0.2, each with its data directory mounted at {@code /data} as the seed mounts
 * {@code /data/docker/consul}. No traffic goes to a container bridge address.
 */
class ImageTest {
    /** The image's user (image/build). */
    private static final String SIGNPOST_UID = "8500";

    @TempDir
    Path work;
    private final AgentPorts ports = AgentPorts.free();
    private final String prefix = "sp-image-" + Long.toHexString(System.nanoTime());
    private String image;

    @BeforeEach
    void needsTheImage() {
        image = SignpostImage.require();
    }

    @AfterEach
    void removeContainers() {
        Tools.run("sh", "-c", "docker ps -aq --filter label=" + prefix + " | xargs -r docker rm -f");
        // The agents made their data directories as the image's user; hand them back so @TempDir can delete them.
        String uid = Tools.run("id", "-u").strip();
        if (!uid.equals("0") && Files.isDirectory(work)) {
            Tools.run("docker", "run", "--rm", "-v", work + ":/work", "--entrypoint", "chown", image, "-R", uid, "/work");
        }
    }

    /** {@code docker run -d --name PREFIX-NAME --label PREFIX --net=host ARGS...}; returns the container's name. */
    private String run(String name, List<String> dockerArgs, List<String> imageArgs) {
        List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--name", prefix + "-" + name,
                "--label", prefix, "--label", "signpost-e2e=1", "--net=host"));
        command.addAll(dockerArgs);
        command.add(image);
        command.addAll(imageArgs);
        Tools.Result result = Tools.exec(command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return prefix + "-" + name;
    }

    /** The seed's server line for one host, held on its loopback address. */
    private String server(String node, String address, String... seedArgs) throws Exception {
        Path data = Files.createDirectories(work.resolve(node));
        List<String> args = new ArrayList<>(List.of("-server", "-advertise", address));
        args.addAll(List.of(seedArgs));
        args.addAll(List.of("-node", node, "-bind", address, "-client", address));
        args.addAll(List.of("-http-port", Integer.toString(ports.http()), "-dns-port", Integer.toString(ports.dns()),
                "-server-port", Integer.toString(ports.server()), "-serf-lan-port", Integer.toString(ports.serfLan())));
        return run(node, List.of("--restart=always", "-v", data + ":/data"), args);
    }

    private URI uri(String address, String path) {
        return URI.create("http://" + address + ":" + ports.http() + path);
    }

    private static String logs(String container) {
        return Tools.run("docker", "logs", container);
    }

    private static String inspect(String format, String container) {
        return Tools.run("docker", "inspect", "-f", format, container).strip();
    }

    /** The user ID the container's main process runs as. */
    private static String uidOf(String container) {
        String status = Tools.run("docker", "exec", container, "cat", "/proc/1/status");
        return status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
    }

    /** {@code docker stop} (SIGTERM, then SIGKILL after Docker's 10 s); returns how long it took. */
    private static Duration stop(String container) {
        long start = System.nanoTime();
        Tools.run("docker", "stop", container);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void awaitValue(String address, String key, String value) {
        await(address + " serving " + key).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> Http.get(uri(address, "/v1/kv/" + key + "?raw")).body().equals(value));
    }

    @Test
    void theSeedsServerLines_formACluster_leaveOnDockerStop_andComeBackWithTheirRaftData() throws Exception {
        assertThat(SignpostImage.size(image)).as("image size in bytes").isLessThan(120_000_000L);
        String n35 = server("n35", "127.0.0.1", "-bootstrap-expect", "2");
        String n36 = server("n36", "127.0.0.2", "-join", "127.0.0.1");
        await("a leader").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> Http.put(uri("127.0.0.1", "/v1/kv/seed"), "n35").statusCode() == 200);
        awaitValue("127.0.0.2", "seed", "n35");

        // docker logs: the seed's lines; the agents run as the image's user, on the mounted /data.
        assertThat(logs(n35)).contains("serf: EventMemberJoin: n36 127.0.0.2")
                .contains("consul: adding server n36 (Addr: 127.0.0.2:" + ports.server() + ") (DC: dc1)")
                .containsPattern("consul: New leader elected: n3[56]");
        assertThat(uidOf(n35)).isEqualTo(SIGNPOST_UID);
        assertThat(work.resolve("n35/raft")).isDirectory();
        await("HEALTHCHECK healthy").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> inspect("{{.State.Health.Status}}", n35).equals("healthy"));

        // docker stop: SIGTERM, a graceful leave well inside Docker's 10 s, and the other server sees it leave.
        Duration stopping = stop(n36);
        assertThat(stopping).isLessThan(Duration.ofSeconds(10));
        assertThat(inspect("{{.State.ExitCode}}", n36)).isEqualTo("0");
        assertThat(logs(n36)).contains("agent: Caught signal: terminated").contains("agent: Graceful leave complete");
        await("n35 seeing n36 leave").atMost(Duration.ofSeconds(10))
                .until(() -> logs(n35).contains("serf: EventMemberLeave: n36 127.0.0.2"));
        assertThat(Http.put(uri("127.0.0.1", "/v1/kv/while-n36-was-away"), "yes").statusCode()).isEqualTo(200);

        // docker start: n36 comes back from its Raft data and catches up.
        Tools.run("docker", "start", n36);
        awaitValue("127.0.0.2", "while-n36-was-away", "yes");
        assertThat(logs(n36)).contains("consul: Raft data found, disabling bootstrap mode");

        // docker restart of the seed's first server, which has no -join: it left on the stop, and comes back by
        // rejoining the servers of its Raft configuration (the image's rejoin_after_leave).
        Tools.run("docker", "restart", n35);
        await("n36 leading alone").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> Http.put(uri("127.0.0.2", "/v1/kv/while-n35-was-away"), "yes").statusCode() == 200);
        awaitValue("127.0.0.1", "while-n35-was-away", "yes");
        assertThat(logs(n35)).contains("serf: Re-joined to previously known node at 127.0.0.2:" + ports.serfLan());

        // --restart=always: n35's process dies; Docker starts it again, and it keeps its data.
        if (!Tools.run("id", "-u").strip().equals("0")) {
            Tools.unavailable("killing the agent's process (user 8500) needs root", "under CI=true run the tests as root");
        }
        String pid = inspect("{{.State.Pid}}", n35);
        Tools.run("kill", "-9", pid);
        await("n35 restarted by Docker").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !inspect("{{.RestartCount}}", n35).equals("0")
                        && inspect("{{.State.Status}}", n35).equals("running"));
        awaitValue("127.0.0.1", "while-n36-was-away", "yes");
    }

    @Test
    void theSeedsRegistratorAndTemplateLines_registerAndRenderAWebapp_andALoneServerRestartsWithItsData() throws Exception {
        Tools.require("dig", "dnsutils");
        String agent = server("n35", "127.0.0.1", "-bootstrap");
        await("a leader").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> Http.put(uri("127.0.0.1", "/v1/kv/kept"), "yes").statusCode() == 200);
        // The seed's mount: the Docker socket at /tmp/docker.sock.
        String socket = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock").replaceFirst("^unix://", "");
        String registrator = run("registrator", List.of("-v", socket + ":/tmp/docker.sock"), List.of("registrator",
                "-ip", "127.0.0.1", "-only-label", prefix + "=webapp", "consul://127.0.0.1:" + ports.http()));
        String webapp = prefix + "-z002";
        String id = Docker.runWebapp(webapp, prefix + "=webapp");
        int port = Docker.publishedPort(webapp);

        await("webapp registered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> Http.json(Http.get(uri("127.0.0.1", "/v1/catalog/service/webapp"))).size() == 1);
        JsonNode instance = Http.json(Http.get(uri("127.0.0.1", "/v1/catalog/service/webapp"))).get(0);
        assertThat(instance.get("ServiceAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(instance.get("ServicePort").asInt()).isEqualTo(port);
        // The registrator logs "added:" once the agent answered the registration, so the catalog may show it first.
        String added = "added: " + id.substring(0, 12) + " \\S+:" + webapp + ":5000";
        await("registrator logged the webapp").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> java.util.regex.Pattern.compile(added).matcher(logs(registrator)).find());
        assertThat(logs(registrator)).contains("Listening for Docker events ...").containsPattern(added);
        assertThat(uidOf(registrator)).isEqualTo(SIGNPOST_UID);
        assertThat(Tools.dig(ports.dns(), "webapp.service.consul", "SRV")).contains("ANSWER: 1");
        assertThat(Http.get(URI.create("http://127.0.0.1:" + port + "/")).body()).startsWith("Hello world!");

        // The seed's consul-template line, run from the image with /tmp mounted as the seed's paths need.
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(tmp.resolve("consul.ctmpl"), "{{range service \"webapp\"}}\nserver {{.Address}}:{{.Port}}{{end}}");
        Tools.Result template = Tools.exec(List.of("docker", "run", "--rm", "--label", prefix, "--net=host",
                "-v", tmp + ":/tmp", image, "template", "-consul", "127.0.0.1:" + ports.http(),
                "-template", "/tmp/consul.ctmpl:/tmp/consul.result", "-once"), Duration.ofSeconds(60), Map.of());
        assertThat(template.exitCode()).as(template.output()).isZero();
        assertThat(Files.readString(tmp.resolve("consul.result"))).isEqualTo("\nserver 127.0.0.1:" + port);

        Docker.removeForce(webapp);
        await("webapp deregistered").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> Http.json(Http.get(uri("127.0.0.1", "/v1/catalog/service/webapp"))).isEmpty());
        assertThat(logs(registrator)).contains("removed: " + id.substring(0, 12));

        // A lone server leaves on docker stop without trying to remove the last Raft voter, and restarts with its data.
        assertThat(stop(agent)).isLessThan(Duration.ofSeconds(10));
        assertThat(inspect("{{.State.ExitCode}}", agent)).isEqualTo("0");
        assertThat(logs(agent)).contains("agent: Graceful leave complete").doesNotContain("could not leave");
        Tools.run("docker", "restart", agent);
        awaitValue("127.0.0.1", "kept", "yes");
        assertThat(logs(agent)).contains("consul: Raft data found, disabling bootstrap mode");
    }

    @Test
    void theSeedsSingleHostLine_withItsBridgeNetwork_servesHttpAndDnsOnTheImagesDefaultPorts() throws Exception {
        Tools.require("dig", "dnsutils");
        // The seed's Q4 line as it stands (its own bridge network, /data mounted), with the ports published on
        // loopback only and the advertised address the container's own.
        Path data = Files.createDirectories(work.resolve("single"));
        String name = prefix + "-single";
        Tools.Result started = Tools.exec(List.of("docker", "run", "-d", "--restart=always", "--name", name,
                "--label", prefix, "--label", "signpost-e2e=1", "-v", data + ":/data",
                "-p", "127.0.0.1::8500", "-p", "127.0.0.1::53", "-p", "127.0.0.1::53/udp",
                image, "-server", "-advertise", "127.0.0.1", "-bootstrap"));
        assertThat(started.exitCode()).as(started.output()).isZero();
        int http = published(name, "8500/tcp");
        int dns = published(name, "53/udp");
        URI leader = URI.create("http://127.0.0.1:" + http + "/v1/status/leader");
        await("a leader").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> Http.get(leader).body().contains(":"));
        // The node is named after the container's host name, as progrium/consul's were.
        String node = inspect("{{.Config.Hostname}}", name);
        assertThat(logs(name)).contains("consul: New leader elected: " + node).contains("Data Dir: /data")
                .containsPattern("\\(HTTP: 8500, .*DNS: 53\\)");
        // The node is in the catalog once the agent synced it, a moment after the election.
        await("the node in DNS").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> Tools.dig(dns, node + ".node.consul", "A").matches("(?s).*IN\\s+A\\s+127\\.0\\.0\\.1.*"));
        assertThat(uidOf(name)).isEqualTo(SIGNPOST_UID);
    }

    private static int published(String container, String port) {
        String out = Tools.run("docker", "port", container, port).strip();
        String first = out.lines().findFirst().orElseThrow();
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    }
}
