package dev.signpost.client;

/**
 * No Consul agent answered: connection refused, connect timeout, no answer within the request timeout, or the
 * connection broke. The message reads like {@code cannot reach 127.0.0.1:8500: connection refused}.
 */
public class ConsulUnreachableException extends ConsulException {

    public ConsulUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
