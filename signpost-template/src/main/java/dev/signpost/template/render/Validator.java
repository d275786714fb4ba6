package dev.signpost.template.render;

import java.nio.file.Path;
import java.util.Optional;

/** Runs a template's {@code check_command} against a staged file; returns why it failed, or empty when it passed. */
@FunctionalInterface
public interface Validator {

    Optional<String> validate(String command, Path staged);
}
