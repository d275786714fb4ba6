package dev.signpost.core;

/**
 * A request that breaks a rule of its own (a TTL out of range, a check without an interval). The message is the
 * text Consul answers with; the HTTP API maps this to 400 in one place.
 */
public final class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
