package dev.signpost.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;


/**
 * A Docker Engine of one test's own, which the test may stop and start again without disturbing the shared daemon
 * that other tests use. Everything it makes is its own: a bridge {@code sp-brXXXXXX} on a free {@code 10.213.X.0/24},
 * and a short directory under /tmp holding the socket, data root, exec root (with the containerd dockerd starts) and
 * config. It leaves iptables, IP forwarding and masquerading alone, and runs with {@code --live-restore}, so its
 * containers outlive a daemon stop as they do when an operator restarts dockerd for an upgrade.
 *
 * <p>Why a bridge of its own: a second dockerd started with {@code --bridge=none} deleted the shared docker0, and one
 * in an {@code ip netns} cannot start ("Devices cgroup isn't mounted").
 *
 * <p>{@link #close} takes everything down, also after a test failed while the daemon was stopped: containers (through
 * the daemon, started again if need be), the daemon and any containerd or shim left under the directory (each by its
 * PID), mounts under the directory, the directory and the bridge. Not thread-safe: one test drives it.
 */
final class DedicatedDockerd implements AutoCloseable {
    private final Path dir;
    private final String bridge;
    private final Path log;
    private boolean bridgeMade;
    private Process daemon;

    private DedicatedDockerd(Path dir, String bridge, Path log) {
        this.dir = dir;
        this.bridge = bridge;
        this.log = log;
    }

    /** Skips the test on a developer's machine without root or the tools; fails it under {@code CI=true}. */
    static void require() {
        Tools.require("ip", "iproute2");
        Tools.require("dockerd", "docker.io");
        Tools.require("docker", "docker.io");
        Tools.require("busybox", "busybox-static");
        if (!Tools.run("id", "-u").strip().equals("0")) {
            Tools.unavailable("a dockerd of the test's own needs root (it creates a bridge and mounts file systems)",
                    "under CI=true run the tests as root");
        }
    }

    /** Creates the directory and the bridge; the daemon is not started. {@code log} receives dockerd's output. */
    static DedicatedDockerd create(Path log) {
        String bridge = "sp-br" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        Path dir;
        try {
            // Short on purpose: unix socket paths under the exec root must stay below ~100 characters.
            dir = Files.createTempDirectory(Path.of("/tmp"), "spd-");
            Files.writeString(dir.resolve("daemon.json"), "{}\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the dockerd directory", e);
        }
        DedicatedDockerd dockerd = new DedicatedDockerd(dir, bridge, log);
        try {
            String subnet = freeSubnet();
            ip("link", "add", bridge, "type", "bridge");
            dockerd.bridgeMade = true;
            ip("addr", "add", subnet + "1/24", "dev", bridge);
            ip("link", "set", bridge, "up");
        } catch (RuntimeException e) {
            try {
                dockerd.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return dockerd;
    }

    /** {@code unix://DIR/docker.sock}, for {@code DOCKER_HOST}. */
    String host() {
        return "unix://" + dir.resolve("docker.sock");
    }

    /** Starts dockerd (again, with the same directories) and waits until its API answers. */
    void start() {
        if (daemon != null && daemon.isAlive()) {
            throw new IllegalStateException("dockerd already runs as PID " + daemon.pid());
        }
        List<String> command = List.of("dockerd", "--live-restore", "--bridge=" + bridge, "--iptables=false",
                "--ip6tables=false", "--ip-forward=false", "--ip-masq=false", "-H", host(),
                "--data-root", dir.resolve("data").toString(), "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("docker.pid").toString(),
                "--config-file", dir.resolve("daemon.json").toString());
        try {
            daemon = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dockerd", e);
        }
        Process started = daemon;
        await("dockerd answering on " + host()).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("dockerd exited (" + started.exitValue() + "):\n" + logTail());
                    }
                    return docker("version", "--format", "{{.Server.Version}}").exitCode() == 0;
                });
    }

    /** SIGTERM to dockerd, as an init system stops it; waits until it has exited. Containers keep running. */
    void stop() {
        Process p = daemon;
        daemon = null;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping dockerd", e);
        }
    }

    /**
     * Imports the seed's {@code training/webapp} from a busybox file system, with {@code EXPOSE 5000}. Its command is
     * {@code sleep}, not httpd: with host networking two httpd would fight over port 5000, and the registrator reads
     * only the image's exposed port.
     */
    void importWebapp() {
        Path root = dir.resolve("rootfs");
        try {
            Files.createDirectories(root.resolve("bin"));
            Files.createDirectories(root.resolve("tmp"));
            Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
            for (String applet : List.of("sh", "sleep")) {
                Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                    new ProcessBuilder("tar", "-C", root.toString(), "-c", "."),
                    new ProcessBuilder("docker", "-H", host(), "import", "-c", "EXPOSE 5000",
                            "-c", "CMD [\"/bin/sleep\",\"600\"]", "-", "training/webapp").redirectErrorStream(true)));
            for (Process p : pipeline) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("importing training/webapp failed: " + out.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build training/webapp", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code docker run -d --network host --name NAME training/webapp}; returns the container ID. */
    String runWebapp(String name) {
        String id = checked("run", "-d", "--network", "host", "--name", name, "training/webapp");
        String last = id.lines().reduce((a, b) -> b).orElse("");
        if (!last.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("docker run " + name + " printed no container ID: " + id);
        }
        return last;
    }

    /** The host PID of the container's main process. */
    long containerPid(String id) {
        return Long.parseLong(checked("inspect", "--format", "{{.State.Pid}}", id));
    }

    private Tools.Result docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", host()));
        command.addAll(List.of(args));
        return Tools.exec(command);
    }

    private String checked(String... args) {
        Tools.Result r = docker(args);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + r.output().strip());
        }
        return r.output().strip();
    }

    /** The end of dockerd's output, for failure messages. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no dockerd log: " + e.getMessage() + ")";
        }
    }

    /** Takes down everything this daemon made; throws at the end, naming each step that failed. */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        if (hasContainers()) {
            // With --live-restore containers outlive a stopped daemon, and only a running one removes them with
            // everything that goes with them (processes, cgroups, shim sockets).
            step(failures, "removing containers", () -> {
                if (daemon == null || !daemon.isAlive()) {
                    start();
                }
                String ids = checked("ps", "-aq");
                if (!ids.isEmpty()) {
                    List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                    rm.addAll(ids.lines().toList());
                    checked(rm.toArray(String[]::new));
                }
            });
        }
        step(failures, "stopping dockerd", this::stop);
        step(failures, "killing processes left under " + dir, this::killLeftovers);
        step(failures, "unmounting under " + dir, this::unmountAll);
        step(failures, "deleting " + dir, this::deleteDir);
        if (bridgeMade) {
            step(failures, "deleting bridge " + bridge, () -> ip("link", "del", bridge));
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("dockerd clean-up incomplete: " + String.join("; ", failures));
        }
    }

    private boolean hasContainers() {
        Path containers = dir.resolve("data/containers");
        if (!Files.isDirectory(containers)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(containers)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    private static void step(List<String> failures, String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(what + ": " + e.getMessage());
        }
    }

    /**
     * The last resort when the daemon could not remove its containers: containerd, shims and their container
     * processes, that is every process whose command line names the directory, and what they started.
     */
    private void killLeftovers() {
        String mark = dir + "/";
        List<ProcessHandle> ours = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(mark)).orElse(false))
                .toList();
        for (ProcessHandle p : ours) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        await("processes under " + dir + " gone").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> ours.stream().noneMatch(p -> running(p.pid())));
    }

    /** Alive and not a zombie: a reparented zombie stays in /proc when this machine's init does not reap it. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** dockerd mounts its data root on itself, overlays per container and the default netns under the exec root. */
    private void unmountAll() {
        for (int round = 0; round < 5 && !mountsUnderDir().isEmpty(); round++) {
            for (String mount : mountsUnderDir()) {
                if (Tools.exec(List.of("umount", mount)).exitCode() != 0) {
                    Tools.exec(List.of("umount", "-l", mount));
                }
            }
        }
        List<String> left = mountsUnderDir();
        if (!left.isEmpty()) {
            throw new IllegalStateException("still mounted: " + left);
        }
    }

    /** Deepest first. The directory's name has no characters that /proc/mounts would escape. */
    private List<String> mountsUnderDir() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/mounts"))) {
            return lines.map(line -> line.split(" ")[1])
                    .filter(m -> m.equals(dir.toString()) || m.startsWith(dir + "/"))
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteDir() {
        if (!mountsUnderDir().isEmpty()) {
            throw new IllegalStateException("not deleted: something is still mounted under it");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 10.213.X.0/24 that no interface address or route on this machine uses; returns "10.213.X.". */
    private static String freeSubnet() {
        String used = Tools.run("ip", "-4", "-o", "addr") + Tools.run("ip", "-4", "route");
        for (int i = 0; i < 100; i++) {
            String prefix = "10.213." + ThreadLocalRandom.current().nextInt(1, 255) + ".";
            if (!used.contains(prefix)) {
                return prefix;
            }
        }
        throw new IllegalStateException("no free 10.213.X.0/24:\n" + used);
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Tools.Result r = Tools.exec(command);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + r.output().strip());
        }
    }
}
