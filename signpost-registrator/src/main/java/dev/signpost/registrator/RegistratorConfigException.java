package dev.signpost.registrator;

/** A bad registrator command line or registry URI; the message is one line saying why (the CLI exits 2). */
public class RegistratorConfigException extends IllegalArgumentException {

    public RegistratorConfigException(String message) {
        super(message);
    }
}
