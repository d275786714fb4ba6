package dev.signpost.registrator;

/** {@code -deregister}: when a dead container's services leave the registry. */
public enum DeregisterMode {
    /** On every die. */
    ALWAYS,
    /** Only when the container exited 0 or by a signal, or is gone; a failed container stays registered. */
    ON_SUCCESS;

    static DeregisterMode parse(String text) {
        return switch (text) {
            case "always" -> ALWAYS;
            case "on-success" -> ON_SUCCESS;
            default -> throw new RegistratorConfigException("-deregister must be \"always\" or \"on-success\", not \""
                    + text + "\"");
        };
    }
}
