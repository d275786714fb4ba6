package dev.signpost.e2e;

import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;

/** The real Docker Engine for end-to-end tests, through the docker command line. */
final class Docker {
    private Docker() {
    }

    /** Makes sure docker answers and the seed's training/webapp image exists (built locally, no registry). */
    static void require() {
        Tools.require("docker", "docker.io");
        String info = Tools.run("docker", "info", "--format", "{{.ServerVersion}}").strip();
        if (info.isEmpty() || info.contains("Cannot connect") || info.contains("error")) {
            Tools.unavailable("no Docker Engine answers (" + info.lines().findFirst().orElse("") + "): start dockerd",
                    "under CI=true Docker is required");
        }
        if (Tools.run("docker", "images", "-q", "training/webapp").isBlank()) {
            Path script = Path.of("").toAbsolutePath().getParent()
                    .resolve("signpost-registrator/src/test/resources/build-webapp-image.sh");
            String out = Tools.run("bash", script.toString(), "training/webapp");
            if (!out.contains("built")) {
                Assertions.fail("could not build training/webapp: " + out);
            }
        }
    }

    /** {@code docker run -d --name NAME -p 127.0.0.1::5000 training/webapp}; returns the container ID. */
    static String runWebapp(String name, String... labels) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("docker", "run", "-d", "--name", name,
                "--label", "signpost-e2e=1", "-p", "127.0.0.1::5000"));
        for (String label : labels) {
            command.add("--label");
            command.add(label);
        }
        command.add("training/webapp");
        String id = Tools.run(command.toArray(String[]::new)).strip();
        if (!id.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("docker run failed: " + id);
        }
        return id;
    }

    /** The host port Docker published for the container's port 5000. */
    static int publishedPort(String container) {
        String out = Tools.run("docker", "port", container, "5000/tcp").strip();
        String first = out.lines().findFirst().orElseThrow();
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    }

    static void removeForce(String... containers) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("docker", "rm", "-f"));
        command.addAll(java.util.List.of(containers));
        Tools.run(command.toArray(String[]::new));
    }
}
