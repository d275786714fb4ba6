package dev.signpost.registrator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Test helper around the {@code docker} command: is Docker there (skip only when {@code CI} is unset, fail under
 * CI), run commands with a timeout, and build the seed's {@code training/webapp} image locally without a registry
 * (a static busybox root file system imported with {@code EXPOSE 5000} and {@code httpd -f -p 5000 -h /www}, as
 * shared/DESIGN.md describes). Also builds {@code signpost-test/noports}: the same file system without EXPOSE.
 * Stateless.
 */
final class DockerCli {

    static final String WEBAPP = "training/webapp";
    static final String NOPORTS = "signpost-test/noports";

    private DockerCli() {
    }

    /** Skips the calling test when Docker is unavailable and CI is unset; fails it when CI is set. */
    static void requireDocker() {
        String why = unavailable();
        if (why.isEmpty()) {
            return;
        }
        String ci = System.getenv("CI");
        if (ci == null || ci.isBlank()) {
            Assumptions.abort("Docker unavailable (" + why + ") and CI unset: skipping");
        }
        throw new AssertionError("Docker unavailable under CI=" + ci + ": " + why);
    }

    private static String unavailable() {
        try {
            Result r = run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), 20);
            return r.exit() == 0 ? "" : r.err().strip().lines().findFirst().orElse("docker info failed");
        } catch (IOException e) {
            return "no docker command: " + e.getMessage();
        }
    }

    /** What a command printed. */
    record Result(int exit, String out, String err) {
    }

    /** Runs {@code docker ARGS...}; throws when it fails. Returns stdout, stripped. */
    static String docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        try {
            Result r = run(cmd, 120);
            if (r.exit() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.err().strip());
            }
            return r.out().strip();
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + e.getMessage(), e);
        }
    }

    static Result run(List<String> cmd, int timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(cmd).start();
        try {
            p.getOutputStream().close();
            var out = p.getInputStream().readAllBytes();
            var err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    /** Builds the test images unless they exist. */
    static synchronized void ensureImages() {
        if (exists(WEBAPP) && exists(NOPORTS)) {
            return;
        }
        Path root = null;
        try {
            root = Files.createTempDirectory("signpost-rootfs");
            Files.createDirectories(root.resolve("bin"));
            Files.createDirectories(root.resolve("www"));
            Files.createDirectories(root.resolve("tmp"));
            Path busybox = Path.of("/bin/busybox");
            if (!Files.isExecutable(busybox)) {
                throw new IllegalStateException("no /bin/busybox: install busybox-static");
            }
            Files.copy(busybox, root.resolve("bin/busybox"));
            for (String applet : List.of("sh", "httpd", "test", "touch", "sleep", "rm")) {
                Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            Files.writeString(root.resolve("www/index.html"), "Hello world!\n");
            importImage(root, WEBAPP, "EXPOSE 5000");
            importImage(root, NOPORTS, "ENV SIGNPOST_TEST=1");
        } catch (IOException e) {
            throw new IllegalStateException("cannot build test images: " + e.getMessage(), e);
        } finally {
            delete(root);
        }
    }

    private static void importImage(Path root, String tag, String change) throws IOException {
        ProcessBuilder tar = new ProcessBuilder("tar", "-C", root.toString(), "-c", ".");
        ProcessBuilder imp = new ProcessBuilder("docker", "import", "-c", change,
                "-c", "CMD [\"/bin/httpd\",\"-f\",\"-p\",\"5000\",\"-h\",\"/www\"]", "-", tag)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(tar, imp));
        try {
            for (Process p : pipeline) {
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("docker import of " + tag + " failed: "
                            + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pipeline.forEach(Process::destroyForcibly);
            throw new IOException("interrupted", e);
        }
    }

    private static boolean exists(String image) {
        try {
            return run(List.of("docker", "image", "inspect", image), 30).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}
