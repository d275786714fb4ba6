package dev.signpost.core;

/** No leader can serve the request: Consul's 500 "No cluster leader". */
public final class NoLeaderException extends RuntimeException {
    public NoLeaderException() {
        super("No cluster leader");
    }

    public NoLeaderException(String detail) {
        super("No cluster leader: " + detail);
    }
}
