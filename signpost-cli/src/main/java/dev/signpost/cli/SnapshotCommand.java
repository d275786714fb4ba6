package dev.signpost.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;
import dev.signpost.core.InvalidRequestException;
import dev.signpost.raft.SnapshotArchive;

/** {@code snapshot save|restore|inspect FILE}, as {@code consul snapshot}. */
@Command(name = "snapshot", description = "Saves, restores and inspects snapshots of the whole state.",
        subcommands = {SnapshotCommand.Save.class, SnapshotCommand.Restore.class, SnapshotCommand.Inspect.class})
final class SnapshotCommand extends ParentCommand {

    @Command(name = "save", description = "Saves a snapshot of the cluster's state to FILE.")
    static final class Save extends ApiCommand {
        @Parameters(arity = "0..1", paramLabel = "FILE")
        Path file;
        @Option(names = "-stale", arity = "0..1", description = "Any server may answer, without a leader.")
        boolean stale;

        @Override
        String errorPrefix() {
            return "Error saving snapshot: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            if (file == null) {
                err().println("Missing FILE argument");
                return 1;
            }
            byte[] archive = call(client, "GET", "/v1/snapshot" + (stale ? "?stale" : ""), new byte[0]).body();
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, archive);
            SnapshotArchive.Meta meta;
            try {
                meta = SnapshotArchive.inspect(Files.readAllBytes(temp));
            } catch (InvalidRequestException e) {
                Files.deleteIfExists(temp);
                err().println("Error verifying snapshot file: " + e.getMessage());
                return 1;
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            out().println("Saved and verified snapshot to index " + meta.Index());
            return 0;
        }
    }

    @Command(name = "restore", description = "Restores the cluster's state from a snapshot FILE.")
    static final class Restore extends ApiCommand {
        @Parameters(arity = "0..1", paramLabel = "FILE")
        Path file;

        @Override
        String errorPrefix() {
            return "Error restoring snapshot: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            if (file == null) {
                err().println("Missing FILE argument");
                return 1;
            }
            byte[] archive;
            try {
                archive = Files.readAllBytes(file);
            } catch (IOException e) {
                err().println("Error opening snapshot file: " + e.getMessage());
                return 1;
            }
            call(client, "PUT", "/v1/snapshot", archive);
            out().println("Restored snapshot");
            return 0;
        }
    }

    @Command(name = "inspect", description = "Shows the metadata of a snapshot FILE.")
    static final class Inspect implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = {"-h", "-help", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;
        @Parameters(arity = "0..1", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            if (file == null) {
                spec.commandLine().getErr().println("Missing FILE argument");
                return 1;
            }
            byte[] archive;
            try {
                archive = Files.readAllBytes(file);
            } catch (IOException e) {
                spec.commandLine().getErr().println("Error opening snapshot file: " + e.getMessage());
                return 1;
            }
            SnapshotArchive.Content content;
            try {
                content = SnapshotArchive.open(archive);
            } catch (InvalidRequestException e) {
                spec.commandLine().getErr().println("Error reading snapshot: " + e.getMessage());
                return 1;
            }
            spec.commandLine().getOut().println(SnapshotStats.format(content));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
