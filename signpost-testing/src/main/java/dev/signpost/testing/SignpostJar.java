package dev.signpost.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the built {@code signpost.jar} and the java that runs it, so end-to-end tests start the real
 * program as a user would.
 */
public final class SignpostJar {
    private SignpostJar() {
    }

    /** The jar: {@code -Dsignpost.jar=PATH}, else {@code signpost-cli/target/signpost.jar} beside the module. */
    public static Path path() {
        String given = System.getProperty("signpost.jar");
        Path jar = given != null ? Path.of(given)
                : Path.of("").toAbsolutePath().getParent().resolve("signpost-cli/target/signpost.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("signpost.jar not found at " + jar + ": build it with bin/test or "
                    + "mvn -pl signpost-cli -am package");
        }
        return jar;
    }

    /** {@code java [jvm options] -jar signpost.jar ARGS...} with the java running this test. */
    public static List<String> command(List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xms64m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-jar");
        command.add(path().toString());
        command.addAll(args);
        return command;
    }
}
