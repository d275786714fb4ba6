package dev.signpost.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;

/**
 * The Signpost image of the jar under test, built once per test run with {@code bin/signpost image} and tagged
 * {@code signpost-e2e:<first 12 hex digits of the jar's SHA-256>}: a later run with the same jar finds it ready (the
 * build skips when the image's inputs label matches), so the images are kept as a cache, under that one name.
 * Images of other jars made more than an hour ago are removed (a build makes a new jar, so CI would pile them up).
 * Thread-safe.
 */
final class SignpostImage {
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration KEEP_OTHERS = Duration.ofHours(1);
    private static String tag;

    private SignpostImage() {
    }

    /** The checkout this module belongs to. */
    static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /**
     * The image's tag, built first if need be; skips the test on a developer's machine without what the build
     * needs, fails it under {@code CI=true}.
     */
    static synchronized String require() {
        Docker.require();
        Tools.require("setpriv", "util-linux");
        if (!Files.isExecutable(Path.of("/bin/busybox"))) {
            Tools.unavailable("/bin/busybox is not installed (apt-get install busybox-static)",
                    "under CI=true every tool is required");
        }
        if (tag == null) {
            String wanted = "signpost-e2e:" + sha256(root().resolve("signpost-cli/target/signpost.jar")).substring(0, 12);
            Tools.Result built = Tools.exec(List.of("bash", root().resolve("bin/signpost").toString(), "image",
                    "--tag", wanted, "--jar", root().resolve("signpost-cli/target/signpost.jar").toString()),
                    BUILD_TIMEOUT, Map.of());
            if (built.exitCode() != 0) {
                Assertions.fail("bin/signpost image failed:\n" + built.output());
            }
            removeOld("signpost-e2e", wanted);
            removeOld("signpost-e2e-haproxy", "signpost-e2e-haproxy:" + wanted.substring(wanted.indexOf(':') + 1));
            tag = wanted;
        }
        return tag;
    }

    /** The image's size in bytes, as {@code docker images} counts it. */
    static long size(String image) {
        return Long.parseLong(Tools.run("docker", "image", "inspect", "-f", "{{.Size}}", image).strip());
    }

    /** Removes images of {@code repository} other than {@code keep} made more than an hour ago (older jars). */
    private static void removeOld(String repository, String keep) {
        for (String image : Tools.run("docker", "images", repository, "--format", "{{.Repository}}:{{.Tag}}").lines()
                .map(String::strip).filter(i -> !i.isEmpty() && !i.equals(keep)).toList()) {
            Tools.Result created = Tools.exec(List.of("docker", "image", "inspect", "-f", "{{.Created}}", image));
            if (created.exitCode() == 0 && Instant.parse(created.output().strip()).isBefore(Instant.now().minus(KEEP_OTHERS))) {
                Tools.exec(List.of("docker", "rmi", image)); // fails harmlessly while a container uses it
            }
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
