package dev.signpost.template.render;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Puts rendered text in place the way consul-template's {@code AtomicWrite} does, plus a validation step: nothing
 * happens when the bytes on disk are already the same; otherwise the text goes to a temp file in the destination's
 * directory (created with 0755 parents unless {@code createDestDirs} is off), is fsynced, gets {@code perms}, else
 * the old file's mode, else 0644, is checked by the {@link Validator} if a check command is set (on failure the temp
 * file is removed and the old file stays), the old file is hard-linked to {@code OUT.bak} when {@code backup}, and
 * the temp file is renamed over the destination and the directory fsynced. In dry mode it prints
 * {@code > OUT} and the text to {@code dryOut} instead and touches nothing.
 *
 * <p>Thread-safe if the validator is; callers serialise writes to one destination.
 */
public final class FileRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(FileRenderer.class);
    private static final Set<PosixFilePermission> DEFAULT_MODE = PosixFilePermissions.fromString("rw-r--r--");

    /** What to write where. */
    public record Request(Path destination, byte[] contents, Optional<Integer> perms, boolean backup,
                          boolean createDestDirs, String checkCommand) {
        public Request {
            requireNonNull(destination, "destination");
            contents = contents.clone();
            requireNonNull(perms, "perms");
            requireNonNull(checkCommand, "checkCommand");
        }

        @Override
        public byte[] contents() {
            return contents.clone();
        }
    }

    /**
     * What happened: {@code wouldRender} when the content was complete (always here), {@code didRender} when the
     * file changed on disk, and the unified diff of the change (empty when nothing changed or in dry mode).
     */
    public record Outcome(boolean wouldRender, boolean didRender, List<String> diff) {
        public Outcome {
            diff = List.copyOf(diff);
        }
    }

    private final Validator validator;
    private final boolean dry;
    private final PrintStream dryOut;

    public FileRenderer(Validator validator, boolean dry, PrintStream dryOut) {
        this.validator = requireNonNull(validator, "validator");
        this.dry = dry;
        this.dryOut = requireNonNull(dryOut, "dryOut");
    }

    /**
     * Renders one file.
     *
     * @throws RenderException when the file cannot be written or the check command rejects it
     */
    public Outcome render(Request r) {
        Path dest = r.destination();
        byte[] contents = r.contents();
        Optional<byte[]> existing = read(dest);
        if (existing.isPresent() && Arrays.equals(existing.get(), contents)) {
            return new Outcome(true, false, List.of());
        }
        if (dry) {
            // consul-template's dry mode: "> " + destination, a newline, then the contents.
            synchronized (dryOut) {
                dryOut.print("> " + dest + "\n" + new String(contents, StandardCharsets.UTF_8));
                dryOut.flush();
            }
            return new Outcome(true, false, List.of());
        }
        Path dir = dest.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(dir)) {
                if (!r.createDestDirs()) {
                    throw new RenderException(dest + ": parent directory is missing", false);
                }
                Files.createDirectories(dir);
            }
            Path temp = Files.createTempFile(dir, "." + dest.getFileName() + ".", ".tmp");
            try {
                write(temp, contents);
                Files.setPosixFilePermissions(temp, mode(r.perms(), dest, existing.isPresent()));
                existing.ifPresent(e -> copyOwner(dest, temp));
                if (!r.checkCommand().isBlank()) {
                    Optional<String> failure = validator.validate(r.checkCommand(), temp);
                    if (failure.isPresent()) {
                        throw new RenderException(dest + ": check command rejected the new content, kept the old "
                                + "file: " + failure.get(), true);
                    }
                }
                if (r.backup() && existing.isPresent()) {
                    backup(dest);
                }
                move(temp, dest);
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            throw new RenderException(dest + ": " + describe(e), false);
        }
        String before = existing.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
        return new Outcome(true, true, UnifiedDiff.diff(dest.toString(), before,
                new String(contents, StandardCharsets.UTF_8)));
    }

    private static Optional<byte[]> read(Path dest) {
        try {
            return Optional.of(Files.readAllBytes(dest));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Unreadable (e.g. a directory): let the write report the real problem.
            return Optional.empty();
        }
    }

    private static void write(Path temp, byte[] contents) throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(contents);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static Set<PosixFilePermission> mode(Optional<Integer> perms, Path dest, boolean exists)
            throws IOException {
        if (perms.isPresent()) {
            return fromMode(perms.get());
        }
        if (exists) {
            return Files.getPosixFilePermissions(dest);
        }
        return DEFAULT_MODE;
    }

    /** An octal mode such as 0640 as permissions (set-id and sticky bits are not kept). */
    static Set<PosixFilePermission> fromMode(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwx";
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            for (int i = 0; i < 3; i++) {
                s.append((bits & (4 >> i)) != 0 ? rwx.charAt(i) : '-');
            }
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    private static void copyOwner(Path from, Path to) {
        try {
            PosixFileAttributes a = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributeView v = Files.getFileAttributeView(to, PosixFileAttributeView.class);
            PosixFileAttributes mine = v.readAttributes();
            if (!mine.owner().equals(a.owner())) {
                v.setOwner(a.owner());
            }
            if (!mine.group().equals(a.group())) {
                v.setGroup(a.group());
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot keep the owner of {}: {}", from, e.toString());
        }
    }

    /** consul-template keeps one backup: the old file hard-linked to OUT.bak, via OUT.old.bak so it is atomic. */
    private static void backup(Path dest) throws IOException {
        Path bak = dest.resolveSibling(dest.getFileName() + ".bak");
        Path step = dest.resolveSibling(dest.getFileName() + ".old.bak");
        Files.deleteIfExists(step);
        try {
            Files.createLink(step, dest);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(dest, step, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        }
        move(step, bak);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "file exists: " + f.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
