package dev.signpost.client;

/**
 * A Consul call that failed: either the agent answered with an error status ({@link #statusCode()} is the HTTP
 * status and {@link #body()} Consul's plain-text reason, e.g. 500 "No cluster leader"), or no agent could be reached
 * ({@link ConsulUnreachableException}, status 0). The message is one line fit for a log.
 */
public class ConsulException extends RuntimeException {

    private final int statusCode;
    private final String body;

    /** An error answer from Consul. */
    public ConsulException(String message, int statusCode, String body) {
        super(message);
        this.statusCode = statusCode;
        this.body = body == null ? "" : body;
    }

    ConsulException(String message, Throwable cause) {
        super(message, cause);
        this.statusCode = 0;
        this.body = "";
    }

    /** The HTTP status Consul answered with; 0 when there was no answer. */
    public int statusCode() {
        return statusCode;
    }

    /** Consul's error text (plain text, trimmed); empty when there was no answer. */
    public String body() {
        return body;
    }

    /** True when retrying later could succeed: no answer, 5xx, or 429. */
    public boolean isTransient() {
        return statusCode == 0 || statusCode >= 500 || statusCode == 429;
    }
}
