package dev.signpost.raft;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few regular files of a snapshot archive as a POSIX ustar stream (what {@code tar tf} lists): each
 * file a 512-byte header and its content padded to 512 bytes, then two zero blocks. Only plain files with
 * short names; reading refuses anything else, a bad header checksum and a stream that ends early.
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    /** Files, in order, as a tar stream. */
    static byte[] write(Map<String, byte[]> files, long mtimeSeconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            out.writeBytes(header(name, content.length, mtimeSeconds));
            out.writeBytes(content);
            out.writeBytes(new byte[padding(content.length)]);
        });
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    private static byte[] header(String name, long size, long mtime) {
        byte[] h = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length > 99) {
            throw new IllegalArgumentException("tar name too long: " + name);
        }
        System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = '0';
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        String sum = String.format("%06o", checksum(h));
        put(h, 148, sum);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    /** The files of a tar stream, by name; throws {@link IOException} saying what is wrong. */
    static Map<String, byte[]> read(InputStream in, long maxFileSize) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        while (true) {
            byte[] h = in.readNBytes(BLOCK);
            if (h.length < BLOCK) {
                throw new IOException("the archive ends inside a tar header");
            }
            if (allZero(h)) {
                return files;
            }
            long stored = parseOctal(h, 148, 8);
            Arrays.fill(h, 148, 156, (byte) ' ');
            if (stored != checksum(h)) {
                throw new IOException("bad tar header checksum");
            }
            if (h[156] != '0' && h[156] != 0) {
                throw new IOException("unexpected tar entry type '" + (char) h[156] + "'");
            }
            String name = text(h, 0, 100);
            long size = parseOctal(h, 124, 12);
            if (size > maxFileSize) {
                throw new IOException(name + " is larger than " + maxFileSize + " bytes");
            }
            byte[] content = in.readNBytes((int) size);
            if (content.length < size || in.readNBytes(padding((int) size)).length < padding((int) size)) {
                throw new IOException("the archive ends inside " + name);
            }
            files.put(name, content);
        }
    }

    private static int padding(int size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static long checksum(byte[] header) {
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        return sum;
    }

    private static void octal(byte[] h, int at, int width, long value) {
        put(h, at, String.format("%0" + (width - 1) + "o", value));
    }

    private static void put(byte[] h, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, at, bytes.length);
    }

    private static long parseOctal(byte[] h, int at, int width) throws IOException {
        String digits = text(h, at, width).strip();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("bad number in tar header: \"" + digits + "\"");
        }
    }

    private static String text(byte[] h, int at, int width) {
        int end = at;
        while (end < at + width && h[end] != 0) {
            end++;
        }
        return new String(h, at, end - at, StandardCharsets.US_ASCII);
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
