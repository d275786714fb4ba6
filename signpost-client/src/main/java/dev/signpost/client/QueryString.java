package dev.signpost.client;

import java.nio.charset.StandardCharsets;

/** Builds a path with percent-encoded segments and a query string. Not thread-safe; one per request. */
final class QueryString {

    private final StringBuilder query = new StringBuilder();

    QueryString add(String name, String value) {
        query.append(query.isEmpty() ? '?' : '&').append(encode(name, false));
        query.append('=').append(encode(value, false));
        return this;
    }

    /** The query with a leading {@code ?}, or empty. */
    @Override
    public String toString() {
        return query.toString();
    }

    /** Percent-encodes {@code text} for a URI path ({@code keepSlash}) or a query component. */
    static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && (c == '/' || c == ':'));
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** One path segment: everything but unreserved characters and {@code :} encoded (service IDs keep colons). */
    static String segment(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty path segment");
        }
        return encode(text, false).replace("%3A", ":");
    }
}
