package dev.signpost.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Network partitions between agents on 127.0.0.x. Every outgoing connection on loopback leaves from 127.0.0.1,
 * whichever address the process bound, so a rule cannot tell the sender by its address. Each agent therefore runs
 * in a cgroup of its own (its launcher moves it there before the JVM starts), and a rule drops what one agent's
 * cgroup sends to another agent's address and agent ports. The test's own clients are in no such cgroup: a cut
 * between agents never cuts them off from the HTTP API.
 *
 * <p>All rules live in one chain of this object's own, hooked into OUTPUT on {@code lo}; {@link #close} unhooks and
 * deletes it and removes the cgroups, also when the test failed, and so does a shutdown hook when the test JVM is
 * stopped before that. Used from one thread (and that hook).
 */
final class FaultNet implements AutoCloseable {
    private final Path cgroupRoot;
    private final String chain;
    private final String prefix;
    private final List<Integer> peerPorts;
    private final Map<Integer, Path> groups = new TreeMap<>();
    private boolean hooked;
    private final Thread onExit = new Thread(this::close, "fault-net-cleanup");

    private FaultNet(Path cgroupRoot, String name, List<Integer> peerPorts) {
        this.cgroupRoot = cgroupRoot;
        this.chain = "SIGNPOST-" + name.toUpperCase(Locale.ROOT);
        this.prefix = "signpost-" + name;
        this.peerPorts = List.copyOf(peerPorts);
    }

    /**
     * Partitions for agents that use {@code peerPorts} (server RPC, LAN, HTTP) on their own 127.0.0.x. Skips the test
     * (fails it under CI) when this machine cannot: not root, no iptables, no cgroup v2.
     */
    static FaultNet create(List<Integer> peerPorts) {
        Tools.require("iptables", "iptables");
        if (!"root".equals(System.getProperty("user.name"))) {
            Tools.unavailable("partitions need root (iptables and cgroups)", "CI runs as root");
        }
        Path root = cgroup2Mount();
        String name = "faults-" + ProcessHandle.current().pid();
        FaultNet net = new FaultNet(root, name, peerPorts);
        net.hook();
        // A test JVM stopped before its clean-up (Ctrl-C, a killed Maven) must not leave loopback cut for the machine.
        Runtime.getRuntime().addShutdownHook(net.onExit);
        return net;
    }

    private static Path cgroup2Mount() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[2].equals("cgroup2")) {
                    return Path.of(f[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tools.unavailable("no cgroup v2 file system is mounted", "CI needs /sys/fs/cgroup or /sys/fs/cgroup/unified");
        throw new IllegalStateException("unreachable");
    }

    private void hook() {
        iptables("-N", chain);
        iptables("-I", "OUTPUT", "-o", "lo", "-j", chain);
        hooked = true;
    }

    /** The command that starts host HOST's agent inside its own cgroup: it must exec the agent's command after it. */
    synchronized List<String> launcher(int host) {
        Path group = groups.computeIfAbsent(host, h -> {
            Path dir = cgroupRoot.resolve(prefix + "-" + h);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make cgroup " + dir, e);
            }
            return dir;
        });
        return List.of("sh", "-c", "echo $$ > '" + group.resolve("cgroup.procs") + "' && exec \"$@\"", "sh");
    }

    /** Nothing between host A and host B gets through, either way. */
    synchronized void cut(int a, int b) {
        drop(a, b);
        drop(b, a);
    }

    /** Drops what host FROM's agent sends to host TO's agent ports. */
    private void drop(int from, int to) {
        String ports = String.join(",", peerPorts.stream().map(String::valueOf).toList());
        iptables("-A", chain, "-m", "cgroup", "--path", cgroupRoot.relativize(groups.get(from)).toString(),
                "-d", "127.0.0." + to, "-p", "tcp", "-m", "multiport", "--dports", ports, "-j", "DROP");
    }

    /** Every cut removed. */
    synchronized void heal() {
        iptables("-F", chain);
    }

    @Override
    public synchronized void close() {
        if (hooked) {
            iptables("-D", "OUTPUT", "-o", "lo", "-j", chain);
            iptables("-F", chain);
            iptables("-X", chain);
            hooked = false;
        }
        for (Path group : groups.values()) {
            removeGroup(group);
        }
        groups.clear();
        if (Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway, and finds nothing left to do
            }
        }
    }

    /** A cgroup can go only once its processes have: the agents are stopped before this runs, give them a moment. */
    private static void removeGroup(Path group) {
        for (int i = 0; i < 50; i++) {
            try {
                Files.deleteIfExists(group);
                return;
            } catch (IOException busy) {
                try {
                    Thread.sleep(100); // waiting for the kernel to let go of exited processes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        System.err.println("faults: could not remove cgroup " + group + " (a process still in it?)");
    }

    private static void iptables(String... args) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
