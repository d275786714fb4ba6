package dev.signpost.template.funcs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.signpost.template.golib.GoRegex;
import dev.signpost.template.golib.GoText;
import dev.signpost.template.golib.GoTime;
import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.GoInt;
import dev.signpost.template.lang.GoMap;
import dev.signpost.template.lang.GoSlice;
import dev.signpost.template.lang.GoStrings;
import dev.signpost.template.lang.TemplateFunction;
import dev.signpost.template.lang.TemplateFunction.ArgType;

/**
 * consul-template's string helpers: env, mustEnv, envOrDefault, indent, join, split, splitToMap, trim, trimPrefix,
 * trimSuffix, trimSpace, toLower, toUpper, toTitle, replaceAll, regexMatch, regexReplaceAll, timestamp, the base64
 * codecs, the hashes and parseBool/Int/Uint/Float, with consul-template's argument order (the piped string last)
 * and error texts. Stateless.
 */
final class StringFunctions {

    private StringFunctions() {
    }

    private static String str(List<Object> a, int i) {
        return (String) a.get(i);
    }

    static void register(Map<String, TemplateFunction> m) {
        m.put("env", TemplateFunction.of((inv, a) -> env(inv, str(a, 0)).orElse(""), ArgType.STRING));
        m.put("mustEnv", TemplateFunction.of((inv, a) -> {
            String v = env(inv, str(a, 0)).orElse("");
            if (v.isEmpty()) {
                throw new FunctionException("required environment variable " + str(a, 0) + " is empty");
            }
            return v;
        }, ArgType.STRING));
        m.put("envOrDefault", TemplateFunction.of((inv, a) -> env(inv, str(a, 0)).orElse(str(a, 1)),
                ArgType.STRING, ArgType.STRING));
        m.put("indent", TemplateFunction.of((inv, a) -> indent((Long) a.get(0), str(a, 1)), ArgType.INT,
                ArgType.STRING));
        m.put("join", TemplateFunction.of((inv, a) -> {
            StringBuilder b = new StringBuilder();
            List<?> items = (List<?>) a.get(1);
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    b.append(str(a, 0));
                }
                b.append((String) items.get(i));
            }
            return b.toString();
        }, ArgType.STRING, ArgType.STRING_SLICE));
        m.put("split", TemplateFunction.of((inv, a) -> {
            String s = GoText.trimSpace(str(a, 1));
            return GoSlice.ofStrings(s.isEmpty() ? List.of() : GoText.split(s, str(a, 0)));
        }, ArgType.STRING, ArgType.STRING));
        m.put("splitToMap", TemplateFunction.of((inv, a) -> splitToMap(str(a, 0), str(a, 1), str(a, 2)),
                ArgType.STRING, ArgType.STRING, ArgType.STRING));
        m.put("trim", TemplateFunction.of((inv, a) -> GoText.trim(str(a, 1), str(a, 0)), ArgType.STRING,
                ArgType.STRING));
        m.put("trimPrefix", TemplateFunction.of((inv, a) -> str(a, 1).startsWith(str(a, 0))
                ? str(a, 1).substring(str(a, 0).length()) : str(a, 1), ArgType.STRING, ArgType.STRING));
        m.put("trimSuffix", TemplateFunction.of((inv, a) -> str(a, 1).endsWith(str(a, 0))
                ? str(a, 1).substring(0, str(a, 1).length() - str(a, 0).length()) : str(a, 1),
                ArgType.STRING, ArgType.STRING));
        m.put("trimSpace", TemplateFunction.of((inv, a) -> GoText.trimSpace(str(a, 0)), ArgType.STRING));
        m.put("toLower", TemplateFunction.of((inv, a) -> GoText.toLower(str(a, 0)), ArgType.STRING));
        m.put("toUpper", TemplateFunction.of((inv, a) -> GoText.toUpper(str(a, 0)), ArgType.STRING));
        m.put("toTitle", TemplateFunction.of((inv, a) -> GoText.toTitle(str(a, 0)), ArgType.STRING));
        m.put("replaceAll", TemplateFunction.of((inv, a) -> str(a, 2).replace(str(a, 0), str(a, 1)),
                ArgType.STRING, ArgType.STRING, ArgType.STRING));
        m.put("regexMatch", TemplateFunction.of((inv, a) -> GoRegex.compile(str(a, 0)).matcher(str(a, 1)).find(),
                ArgType.STRING, ArgType.STRING));
        m.put("regexReplaceAll", TemplateFunction.of(
                (inv, a) -> GoRegex.replaceAll(GoRegex.compile(str(a, 0)), str(a, 2), str(a, 1)),
                ArgType.STRING, ArgType.STRING, ArgType.STRING));
        m.put("timestamp", TemplateFunction.variadic((inv, a) -> {
            RenderContext ctx = RenderContext.of(inv);
            return switch (a.size()) {
                case 0 -> GoTime.format(ctx.clock.instant(), GoTime.RFC3339);
                case 1 -> str(a, 0).equals("unix") ? Long.toString(ctx.clock.instant().getEpochSecond())
                        : GoTime.format(ctx.clock.instant(), str(a, 0));
                default -> throw new FunctionException(
                        "timestamp: wrong number of arguments, expected 0 or 1, but got " + a.size());
            };
        }, ArgType.STRING));
        m.put("base64Encode", TemplateFunction.of((inv, a) -> Base64.getEncoder().encodeToString(bytes(str(a, 0))),
                ArgType.STRING));
        m.put("base64URLEncode", TemplateFunction.of(
                (inv, a) -> Base64.getUrlEncoder().encodeToString(bytes(str(a, 0))), ArgType.STRING));
        m.put("base64Decode", TemplateFunction.of((inv, a) -> decode(str(a, 0), false, "base64Decode"),
                ArgType.STRING));
        m.put("base64URLDecode", TemplateFunction.of((inv, a) -> decode(str(a, 0), true, "base64URLDecode"),
                ArgType.STRING));
        m.put("sha256Hex", TemplateFunction.of((inv, a) -> hex(digest("SHA-256", bytes(str(a, 0)))),
                ArgType.STRING));
        m.put("md5sum", TemplateFunction.of((inv, a) -> hex(digest("MD5", bytes(str(a, 0)))), ArgType.STRING));
        m.put("hmacSHA256Hex", TemplateFunction.of((inv, a) -> hmac(str(a, 0), str(a, 1)), ArgType.STRING,
                ArgType.STRING));
        m.put("parseBool", TemplateFunction.of((inv, a) -> parseBool(str(a, 0)), ArgType.STRING));
        m.put("parseInt", TemplateFunction.of((inv, a) -> GoInt.int64(parseInt(str(a, 0), "parseInt")),
                ArgType.STRING));
        m.put("parseUint", TemplateFunction.of((inv, a) -> GoInt.uint64(parseUint(str(a, 0))), ArgType.STRING));
        m.put("parseFloat", TemplateFunction.of((inv, a) -> parseFloat(str(a, 0)), ArgType.STRING));
    }

    private static java.util.Optional<String> env(TemplateFunction.Invocation inv, String name) {
        return java.util.Optional.ofNullable(RenderContext.of(inv).env.get(name));
    }

    static String indent(long spaces, String s) {
        if (spaces < 0) {
            throw new FunctionException("indent value must be a positive integer");
        }
        String prefix = " ".repeat((int) Math.min(spaces, 1 << 20));
        StringBuilder b = new StringBuilder(s.length() + 16);
        boolean atLineStart = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (atLineStart && c != '\n') {
                b.append(prefix);
            }
            b.append(c);
            atLineStart = c == '\n';
        }
        return b.toString();
    }

    private static Object splitToMap(String sep1, String sep2, String s) {
        s = GoText.trimSpace(s);
        Map<String, String> m = new LinkedHashMap<>();
        if (!s.isEmpty()) {
            for (String part : GoText.split(s, sep1)) {
                int i = part.indexOf(sep2);
                if (i >= 0) {
                    m.put(part.substring(0, i), part.substring(i + sep2.length()));
                }
            }
        }
        return GoMap.ofStrings(m);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String decode(String s, boolean url, String fn) {
        String alphabet = url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        try {
            byte[] out = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(s);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            int at = 0;
            while (at < s.length() && alphabet.indexOf(s.charAt(at)) >= 0) {
                at++;
            }
            throw new FunctionException(fn + ": illegal base64 data at input byte " + at);
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String hmac(String message, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty key is legal for HMAC but not for SecretKeySpec; HMAC pads keys to the block size anyway.
            byte[] k = bytes(key);
            mac.init(new SecretKeySpec(k.length == 0 ? new byte[64] : k, "HmacSHA256"));
            return hex(mac.doFinal(bytes(message)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static Object parseBool(String s) {
        return switch (s) {
            case "" -> false;
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new FunctionException("parseBool: strconv.ParseBool: parsing " + GoStrings.quote(s)
                    + ": invalid syntax");
        };
    }

    static long parseInt(String s, String fn) {
        if (s.isEmpty()) {
            return 0;
        }
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new FunctionException(fn + ": strconv.ParseInt: parsing " + GoStrings.quote(s) + ": invalid syntax");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new FunctionException(fn + ": strconv.ParseInt: parsing " + GoStrings.quote(s)
                    + ": value out of range");
        }
    }

    static long parseUint(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        if (!s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new FunctionException("parseUint: strconv.ParseUint: parsing " + GoStrings.quote(s)
                    + ": invalid syntax");
        }
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new FunctionException("parseUint: strconv.ParseUint: parsing " + GoStrings.quote(s)
                    + ": value out of range");
        }
    }

    static double parseFloat(String s) {
        if (s.isEmpty()) {
            return 0.0;
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        switch (unsigned) {
            case "inf", "infinity" -> {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        boolean syntaxOk = !unsigned.isEmpty() && unsigned.chars().allMatch(
                c -> (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == '+' || c == '-' || c == 'x' || c == 'p'
                        || (c >= 'a' && c <= 'f') || c == '_');
        if (syntaxOk) {
            try {
                double d = Double.parseDouble(s.replace("_", ""));
                if (Double.isInfinite(d)) {
                    throw new FunctionException("parseFloat: strconv.ParseFloat: parsing " + GoStrings.quote(s)
                            + ": value out of range");
                }
                return d;
            } catch (NumberFormatException e) {
                // fall through to Go's syntax error
            }
        }
        throw new FunctionException("parseFloat: strconv.ParseFloat: parsing " + GoStrings.quote(s)
                + ": invalid syntax");
    }
}
