package dev.signpost.template.config;

/**
 * A configuration file or value is wrong (consul-template exits 15). The message is one line and, for files, starts
 * with {@code FILE:LINE:COLUMN:}.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
