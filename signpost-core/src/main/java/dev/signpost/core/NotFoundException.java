package dev.signpost.core;

/**
 * What a request names does not exist: an unknown service, check or session. The message is the text Consul
 * answers with; the HTTP API maps this to 404 in one place.
 */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
