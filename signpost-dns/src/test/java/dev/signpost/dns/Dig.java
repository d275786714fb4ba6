package dev.signpost.dns;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code dig} (Debian's dnsutils) and what it prints: the status line, flags and sections, with runs of
 * blanks collapsed to one space. Missing dig skips the test on a developer machine and fails it under CI.
 */
final class Dig {
    private static final Pattern STATUS = Pattern.compile("status: (\\w+)");
    private static final Pattern FLAGS = Pattern.compile(";; flags: ([a-z ]*);");

    private final String executable;

    private Dig(String executable) {
        this.executable = executable;
    }

    /** The dig on PATH; skips when there is none and CI is unset, fails when CI is set. */
    static Dig require() {
        return require(System.getenv());
    }

    static Dig require(Map<String, String> environment) {
        Optional<String> found = Stream.of(environment.getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> new File(dir, "dig")).filter(File::canExecute)
                .map(File::getPath).findFirst();
        if (found.isEmpty()) {
            if (environment.get("CI") != null) {
                fail("dig is not installed but CI is set: apt-get install -y dnsutils");
            }
            Assumptions.abort("dig is not installed (apt-get install -y dnsutils); skipped outside CI");
        }
        return new Dig(found.get());
    }

    /** Runs {@code dig @127.0.0.1 -p PORT ARGS...} from 127.0.0.1, once, with a short timeout and no retries. */
    Output run(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable, "@127.0.0.1", "-p", String.valueOf(port),
                "-b", "127.0.0.1", "+tries=1", "+time=3"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                fail("dig did not finish within 15 s: " + command);
            }
            return new Output(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    /** What dig printed. */
    record Output(String text) {
        String status() {
            Matcher m = STATUS.matcher(text);
            return m.find() ? m.group(1) : "(no status in: " + text + ")";
        }

        List<String> flags() {
            Matcher m = FLAGS.matcher(text);
            return m.find() ? List.of(m.group(1).trim().split(" ")) : List.of();
        }

        List<String> answer() {
            return section("ANSWER");
        }

        List<String> authority() {
            return section("AUTHORITY");
        }

        List<String> additional() {
            return section("ADDITIONAL");
        }

        /** The lines of ";; NAME SECTION:" up to the next blank line. */
        List<String> section(String name) {
            List<String> lines = new ArrayList<>();
            boolean inside = false;
            for (String line : text.split("\n")) {
                if (line.startsWith(";; " + name + " SECTION:")) {
                    inside = true;
                } else if (inside && line.isBlank()) {
                    break;
                } else if (inside) {
                    lines.add(line.trim().replaceAll("\\s+", " "));
                }
            }
            return lines;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
