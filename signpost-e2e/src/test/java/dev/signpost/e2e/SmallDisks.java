package dev.signpost.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small file systems (tmpfs) mounted where agents keep their data, so a test can fill one up and free it again.
 * Skips the test (fails it under CI) when this machine cannot mount. {@link #close} unmounts every one; stop the
 * agents first. Used from one thread.
 */
final class SmallDisks implements AutoCloseable {
    private static final String FILLER = "filler";
    private final List<Path> mounted = new ArrayList<>();

    /** Mounts a tmpfs of {@code megabytes} at each directory (made if missing). */
    static SmallDisks mount(List<Path> dirs, int megabytes) {
        if (!"root".equals(System.getProperty("user.name"))) {
            Tools.unavailable("mounting a small file system needs root", "CI runs as root");
        }
        SmallDisks disks = new SmallDisks();
        try {
            for (Path dir : dirs) {
                Files.createDirectories(dir);
                run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString());
                disks.mounted.add(dir);
            }
        } catch (IOException | RuntimeException e) {
            disks.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return disks;
    }

    /** Writes a file into {@code dir} until the file system has only {@code leaveMegabytes} free (or none). */
    static void fill(Path dir, int leaveMegabytes) {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(dir.resolve(FILLER), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            while (Files.getFileStore(dir).getUsableSpace() > (long) leaveMegabytes << 20) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // ENOSPC: as full as it gets
        }
    }

    /** Removes what {@link #fill} wrote. */
    static void free(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(FILLER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Path dir : mounted) {
            try {
                run("umount", dir.toString());
            } catch (RuntimeException e) {
                run("umount", "-l", dir.toString());
            }
        }
        mounted.clear();
    }

    private static void run(String... command) {
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
