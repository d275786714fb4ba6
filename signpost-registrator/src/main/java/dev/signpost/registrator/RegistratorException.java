package dev.signpost.registrator;

/**
 * The registrator cannot go on: the backend stayed unreachable for all start-up attempts, or Docker cannot be
 * reached at start. The message is one line (the CLI prints it and exits 1, as upstream's {@code log.Fatal}).
 */
public class RegistratorException extends RuntimeException {

    public RegistratorException(String message, Throwable cause) {
        super(message, cause);
    }
}
