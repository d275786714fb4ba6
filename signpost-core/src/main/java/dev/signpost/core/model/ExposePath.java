package dev.signpost.core.model;

/** A path a proxy exposes without mTLS (Consul's {@code structs.ExposePath}). */
public record ExposePath(int listenerPort, String path, int localPathPort, String protocol, boolean parsedFromCheck) {
    public ExposePath {
        path = path == null ? "" : path;
        protocol = protocol == null ? "" : protocol;
    }
}
