package dev.signpost.template.lang;

import java.nio.charset.StandardCharsets;

/**
 * The escapers behind the html, js and urlquery builtins (template.HTMLEscapeString, template.JSEscapeString,
 * url.QueryEscape), byte-for-byte as Go writes them. Stateless.
 */
final class Escapers {

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private Escapers() {
    }

    static String html(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\0' -> "\uFFFD";
                case '"' -> "&#34;";
                case '\'' -> "&#39;";
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            if (rep == null) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            b.append(rep);
        }
        return b == null ? s : b.toString();
    }

    static String js(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            switch (r) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '"' -> b.append("\\\"");
                case '<' -> b.append("\\u003C");
                case '>' -> b.append("\\u003E");
                case '&' -> b.append("\\u0026");
                case '=' -> b.append("\\u003D");
                default -> {
                    if (r < ' ') {
                        b.append("\\u00").append(UPPER_HEX[r >> 4]).append(UPPER_HEX[r & 0xF]);
                    } else if (r < 0x80 || GoStrings.isPrint(r)) {
                        b.appendCodePoint(r);
                    } else {
                        String hex = Integer.toHexString(r).toUpperCase(java.util.Locale.ROOT);
                        b.append("\\u").append("0".repeat(Math.max(0, 4 - hex.length()))).append(hex);
                    }
                }
            }
        }
        return b.toString();
    }

    /** url.QueryEscape: unreserved bytes stay, space becomes '+', everything else %XX. */
    static String queryEscape(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(bytes.length + 8);
        for (byte raw : bytes) {
            int c = raw & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                b.append((char) c);
            } else if (c == ' ') {
                b.append('+');
            } else {
                b.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xF]);
            }
        }
        return b.toString();
    }
}
