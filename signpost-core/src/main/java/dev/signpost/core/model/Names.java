package dev.signpost.core.model;

/** Argument checks shared by the model records. */
final class Names {
    private Names() {
    }

    static String checkName(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("Missing " + what);
        }
        return value;
    }

    static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid port " + port + ": must be between 0 and 65535");
        }
        return port;
    }
}
