package dev.signpost.http;

/**
 * An error with the HTTP status and plain-text message Consul answers with. Thrown by endpoints and
 * mapped to a response in one place ({@link ApiServer}).
 */
public class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
