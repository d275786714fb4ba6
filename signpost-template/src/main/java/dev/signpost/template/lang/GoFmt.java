package dev.signpost.template.lang;

import java.util.List;
import java.util.Map;

/**
 * Go's fmt package as templates use it: {@code Sprint}, {@code Sprintln} and {@code Sprintf} with Go's verbs, flags,
 * width, precision, argument indexes and its in-band error forms ({@code %!d(string=x)}, {@code %!v(MISSING)},
 * {@code %!(EXTRA int=1)}, {@code %!(NOVERB)}, {@code %!(BADWIDTH)}, {@code %!(BADPREC)}, {@code %!v(BADINDEX)}).
 *
 * <p>Not supported: {@code %p}, {@code %w}, hexadecimal float verbs and Stringer/error methods. One instance
 * formats one call; not thread-safe. The static entry points are.
 *
 * <p>Long because it mirrors fmt's print.go and format.go: the verb dispatch, flags and padding interact, and
 * keeping them together is what makes the output match Go's.
 */
public final class GoFmt {

    private static final String LDIGITS = "0123456789abcdefx";
    private static final String UDIGITS = "0123456789ABCDEFX";

    private final StringBuilder buf = new StringBuilder();
    private boolean plus;
    private boolean minus;
    private boolean sharp;
    private boolean space;
    private boolean zero;
    private boolean plusV;
    private boolean sharpV;
    private boolean widPresent;
    private boolean precPresent;
    private int wid;
    private int prec;
    private boolean goodArgNum;
    private boolean reordered;

    private GoFmt() {
    }

    /** fmt.Sprint: operands formatted with %v, a space between two operands when neither is a string. */
    public static String sprint(List<Object> args) {
        GoFmt p = new GoFmt();
        boolean prevString = false;
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            boolean isString = arg instanceof String;
            if (i > 0 && !isString && !prevString) {
                p.buf.append(' ');
            }
            p.printArg(arg, 'v');
            prevString = isString;
        }
        return p.buf.toString();
    }

    /** fmt.Sprintln: operands with %v separated by spaces, plus a newline. */
    public static String sprintln(List<Object> args) {
        GoFmt p = new GoFmt();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                p.buf.append(' ');
            }
            p.printArg(args.get(i), 'v');
        }
        return p.buf.append('\n').toString();
    }

    /** fmt.Sprint of a single value. */
    public static String print(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Long l) {
            return Long.toString(l);
        }
        if (v instanceof GoInt g) {
            return g.toString();
        }
        GoFmt p = new GoFmt();
        p.printArg(v, 'v');
        return p.buf.toString();
    }

    /**
     * What a template action prints for a value (exec.go printableValue then fmt.Fprint): invalid values print
     * {@code <no value>} and pointers to structs are followed, so no {@code &} appears.
     */
    public static String printAction(Object v) {
        if (v == null) {
            return "<no value>";
        }
        if (v instanceof GoStruct s && s.isPointer()) {
            GoFmt p = new GoFmt();
            p.printStruct(s, 'v', 1, false);
            return p.buf.toString();
        }
        return print(v);
    }

    /** fmt.Sprintf. */
    public static String sprintf(String format, List<Object> args) {
        GoFmt p = new GoFmt();
        p.doPrintf(format, args);
        return p.buf.toString();
    }

    private void clearFlags() {
        plus = minus = sharp = space = zero = plusV = sharpV = widPresent = precPresent = false;
        wid = prec = 0;
    }

    private void doPrintf(String format, List<Object> a) {
        int end = format.length();
        int argNum = 0;
        boolean afterIndex;
        reordered = false;
        formatLoop:
        for (int i = 0; i < end; ) {
            goodArgNum = true;
            int lasti = i;
            while (i < end && format.charAt(i) != '%') {
                i++;
            }
            if (i > lasti) {
                buf.append(format, lasti, i);
            }
            if (i >= end) {
                break;
            }
            i++;
            clearFlags();
            simpleFormat:
            for (; i < end; i++) {
                char c = format.charAt(i);
                switch (c) {
                    case '#' -> sharp = true;
                    case '0' -> zero = !minus;
                    case '+' -> plus = true;
                    case '-' -> {
                        minus = true;
                        zero = false;
                    }
                    case ' ' -> space = true;
                    default -> {
                        if (c >= 'a' && c <= 'z' && argNum < a.size()) {
                            if (c == 'v') {
                                sharpV = sharp;
                                sharp = false;
                                plusV = plus;
                                plus = false;
                            }
                            printArg(a.get(argNum), c);
                            argNum++;
                            i++;
                            continue formatLoop;
                        }
                        break simpleFormat;
                    }
                }
            }
            int[] r = argNumber(argNum, format, i, a.size());
            argNum = r[0];
            i = r[1];
            afterIndex = r[2] == 1;
            if (i < end && format.charAt(i) == '*') {
                i++;
                Integer w = intFromArg(a, argNum);
                argNum++;
                if (argNum > a.size()) {
                    argNum = a.size();
                }
                widPresent = w != null;
                wid = w == null ? 0 : w;
                if (!widPresent) {
                    buf.append("%!(BADWIDTH)");
                }
                if (wid < 0) {
                    wid = -wid;
                    minus = true;
                    zero = false;
                }
                afterIndex = false;
            } else {
                int[] n = parseNum(format, i, end);
                wid = n[0];
                widPresent = n[1] == 1;
                i = n[2];
                if (afterIndex && widPresent) {
                    goodArgNum = false;
                }
            }
            if (i + 1 < end && format.charAt(i) == '.') {
                i++;
                if (afterIndex) {
                    goodArgNum = false;
                }
                r = argNumber(argNum, format, i, a.size());
                argNum = r[0];
                i = r[1];
                afterIndex = r[2] == 1;
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    Integer pr = intFromArg(a, argNum);
                    argNum = Math.min(argNum + 1, a.size());
                    precPresent = pr != null;
                    prec = pr == null ? 0 : pr;
                    if (prec < 0) {
                        prec = 0;
                        precPresent = false;
                    }
                    if (pr == null) {
                        buf.append("%!(BADPREC)");
                    }
                    afterIndex = false;
                } else {
                    int[] n = parseNum(format, i, end);
                    prec = n[0];
                    precPresent = n[1] == 1;
                    i = n[2];
                    if (!precPresent) {
                        prec = 0;
                        precPresent = true;
                    }
                }
            }
            if (!afterIndex) {
                r = argNumber(argNum, format, i, a.size());
                argNum = r[0];
                i = r[1];
            }
            if (i >= end) {
                buf.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                buf.append('%');
            } else if (!goodArgNum) {
                buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
            } else if (argNum >= a.size()) {
                buf.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                if (verb == 'v') {
                    sharpV = sharp;
                    sharp = false;
                    plusV = plus;
                    plus = false;
                }
                printArg(a.get(argNum), verb);
                argNum++;
            }
        }
        if (!reordered && argNum < a.size()) {
            clearFlags();
            buf.append("%!(EXTRA ");
            for (int i = argNum; i < a.size(); i++) {
                if (i > argNum) {
                    buf.append(", ");
                }
                Object arg = a.get(i);
                if (arg == null) {
                    buf.append("<nil>");
                } else {
                    buf.append(GoValues.typeName(arg)).append('=');
                    printArg(arg, 'v');
                }
            }
            buf.append(')');
        }
    }

    /** Returns {newArgNum, newI, found}. */
    private int[] argNumber(int argNum, String format, int i, int numArgs) {
        if (format.length() <= i || format.charAt(i) != '[') {
            return new int[] {argNum, i, 0};
        }
        reordered = true;
        String f = format.substring(i);
        int index = 0;
        int width = 1;
        boolean ok = false;
        if (f.length() >= 3) {
            for (int k = 1; k < f.length(); k++) {
                if (f.charAt(k) == ']') {
                    int[] n = parseNum(f, 1, k);
                    if (n[1] == 1 && n[2] == k) {
                        index = n[0] - 1;
                        ok = true;
                    }
                    width = k + 1;
                    break;
                }
            }
        }
        if (ok && index >= 0 && index < numArgs) {
            return new int[] {index, i + width, 1};
        }
        goodArgNum = false;
        return new int[] {argNum, i + width, ok ? 1 : 0};
    }

    /** Returns {num, isNum, newI}. */
    private static int[] parseNum(String s, int start, int end) {
        if (start >= end) {
            return new int[] {0, 0, end};
        }
        int num = 0;
        boolean isNum = false;
        int i = start;
        for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            if (num > 1_000_000 || num < -1_000_000) {
                return new int[] {0, 0, end};
            }
            num = num * 10 + (s.charAt(i) - '0');
            isNum = true;
        }
        return new int[] {num, isNum ? 1 : 0, i};
    }

    private static Integer intFromArg(List<Object> a, int argNum) {
        if (argNum >= a.size()) {
            return null;
        }
        Long l = GoInt.intValue(a.get(argNum));
        if (l != null && l <= 1_000_000 && l >= -1_000_000) {
            return (int) (long) l;
        }
        return null;
    }

    private void printArg(Object arg, int verb) {
        arg = GoValues.normalize(arg);
        if (arg == null) {
            if (verb == 'T' || verb == 'v') {
                padString("<nil>");
            } else {
                badVerb(null, verb);
            }
            return;
        }
        if (verb == 'T') {
            padString(GoValues.typeName(arg));
            return;
        }
        printValue(arg, verb, 0);
    }

    private void printValue(Object arg, int verb, int depth) {
        switch (arg) {
            case null -> {
                if (verb == 'v') {
                    padString("<nil>");
                } else {
                    badVerb(null, verb);
                }
            }
            case Boolean b -> {
                if (verb == 't' || verb == 'v') {
                    padString(b ? "true" : "false");
                } else {
                    badVerb(arg, verb);
                }
            }
            case Long l -> fmtInteger(l, verb, arg);
            case GoInt g -> fmtInteger(g.value(), verb, arg);
            case Double d -> fmtFloat(d, verb, arg);
            case GoComplex c -> fmtComplex(c, verb, arg);
            case String s -> fmtString(s, verb, arg);
            case List<?> l -> {
                if (sharpV) {
                    buf.append(GoValues.typeName(l)).append('{');
                    for (int i = 0; i < l.size(); i++) {
                        if (i > 0) {
                            buf.append(", ");
                        }
                        printValue(l.get(i), verb, depth + 1);
                    }
                    buf.append('}');
                    return;
                }
                buf.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        buf.append(' ');
                    }
                    printValue(GoValues.normalize(l.get(i)), verb, depth + 1);
                }
                buf.append(']');
            }
            case Map<?, ?> m -> {
                buf.append(sharpV ? GoValues.typeName(m) + "{" : "map[");
                boolean first = true;
                for (Map.Entry<?, ?> e : sortedEntries(m)) {
                    if (!first) {
                        buf.append(sharpV ? ", " : " ");
                    }
                    first = false;
                    printValue(e.getKey(), verb, depth + 1);
                    buf.append(':');
                    printValue(GoValues.normalize(e.getValue()), verb, depth + 1);
                }
                buf.append(sharpV ? '}' : ']');
            }
            case GoStruct s -> {
                if (s.isPointer() && depth > 0) {
                    fmtPointer(verb, arg);
                    return;
                }
                printStruct(s, verb, depth + 1, s.isPointer());
            }
            case GoNil n -> {
                if (verb == 'v') {
                    padString(sharpV ? "(" + n.goTypeName() + ")(nil)" : "<nil>");
                } else {
                    badVerb(arg, verb);
                }
            }
            default -> fmtPointer(verb, arg);
        }
    }

    private void printStruct(GoStruct s, int verb, int depth, boolean ampersand) {
        if (ampersand) {
            buf.append('&');
        }
        if (sharpV) {
            buf.append(s.goTypeName().replace("*", ""));
        }
        buf.append('{');
        List<String> names = s.fieldNames();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                buf.append(sharpV ? ", " : " ");
            }
            if (plusV || sharpV) {
                buf.append(names.get(i)).append(':');
            }
            printValue(GoValues.normalize(s.field(names.get(i))), verb, depth);
        }
        buf.append('}');
    }

    private static List<Map.Entry<?, ?>> sortedEntries(Map<?, ?> m) {
        List<Map.Entry<?, ?>> entries = new java.util.ArrayList<>(m.entrySet());
        if (!(m instanceof GoMap<?>)) {
            entries.sort((x, y) -> compareKeys(x.getKey(), y.getKey()));
        }
        return entries;
    }

    static int compareKeys(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return GoValues.KEY_ORDER.compare(x, y);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private void fmtPointer(int verb, Object arg) {
        if (verb == 'v') {
            padString("0xc000010000");
        } else {
            badVerb(arg, verb);
        }
    }

    private void badVerb(Object arg, int verb) {
        boolean savedPlusV = plusV;
        boolean savedSharpV = sharpV;
        buf.append("%!").appendCodePoint(verb).append('(');
        if (arg != null) {
            buf.append(GoValues.typeName(arg)).append('=');
            clearFlags();
            printValue(arg, 'v', 0);
        } else {
            buf.append("<nil>");
        }
        buf.append(')');
        plusV = savedPlusV;
        sharpV = savedSharpV;
    }

    private void padString(String s) {
        if (!widPresent || wid == 0) {
            buf.append(s);
            return;
        }
        int width = wid - s.codePointCount(0, s.length());
        if (minus) {
            buf.append(s);
            pad(width, ' ');
        } else {
            pad(width, zero ? '0' : ' ');
            buf.append(s);
        }
    }

    private void pad(int n, char c) {
        for (int i = 0; i < n; i++) {
            buf.append(c);
        }
    }

    private void fmtString(String s, int verb, Object arg) {
        switch (verb) {
            case 'v' -> {
                if (sharpV) {
                    padString(GoStrings.quote(s));
                } else {
                    padString(truncate(s));
                }
            }
            case 's' -> padString(truncate(s));
            case 'x' -> fmtHex(s, LDIGITS);
            case 'X' -> fmtHex(s, UDIGITS);
            case 'q' -> {
                String t = truncate(s);
                if (sharp && t.indexOf('`') < 0 && canBackquote(t)) {
                    padString("`" + t + "`");
                } else {
                    padString(plus ? GoStrings.quoteAscii(t) : GoStrings.quote(t));
                }
            }
            default -> badVerb(arg, verb);
        }
    }

    private static boolean canBackquote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7F || c == 0xFEFF) {
                return false;
            }
        }
        return true;
    }

    private String truncate(String s) {
        if (precPresent && s.codePointCount(0, s.length()) > prec) {
            return s.substring(0, s.offsetByCodePoints(0, prec));
        }
        return s;
    }

    private void fmtHex(String s, String digits) {
        byte[] b = GoStrings.bytes(s);
        int length = b.length;
        if (precPresent && prec < length) {
            length = prec;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (space && i > 0) {
                out.append(' ');
            }
            if (sharp && (space || i == 0)) {
                out.append('0').append(digits.charAt(16));
            }
            out.append(digits.charAt((b[i] >> 4) & 0xF)).append(digits.charAt(b[i] & 0xF));
        }
        padString(out.toString());
    }

    private void fmtInteger(long v, int verb, Object arg) {
        switch (verb) {
            case 'v', 'd' -> fmtInteger(v, 10, verb, LDIGITS);
            case 'b' -> fmtInteger(v, 2, verb, LDIGITS);
            case 'o', 'O' -> fmtInteger(v, 8, verb, LDIGITS);
            case 'x' -> fmtInteger(v, 16, verb, LDIGITS);
            case 'X' -> fmtInteger(v, 16, verb, UDIGITS);
            case 'c' -> padString(new String(Character.toChars(validRune(v))));
            case 'q' -> padString(plus ? GoStrings.quoteRuneAscii(validRune(v)) : GoStrings.quoteRune(validRune(v)));
            case 'U' -> {
                String hex = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
                int digits = precPresent && prec > 4 ? prec : 4;
                StringBuilder s = new StringBuilder("U+");
                s.append("0".repeat(Math.max(0, digits - hex.length()))).append(hex);
                if (sharp && v >= 0 && v <= 0x10FFFF && GoStrings.isPrint((int) v)) {
                    s.append(" '").appendCodePoint((int) v).append('\'');
                }
                boolean savedZero = zero;
                zero = false;
                padString(s.toString());
                zero = savedZero;
            }
            case 'e', 'E', 'f', 'F', 'g', 'G', 's', 't' -> badVerb(arg, verb);
            default -> badVerb(arg, verb);
        }
    }

    private static int validRune(long v) {
        return v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : (int) v;
    }

    private void fmtInteger(long v, int base, int verb, String digits) {
        if (base == 10 && !widPresent && !precPresent && !plus && !space) {
            buf.append(v);
            return;
        }
        boolean negative = v < 0;
        java.math.BigInteger u = java.math.BigInteger.valueOf(v).abs();
        int precision = 0;
        if (precPresent) {
            precision = prec;
            if (precision == 0 && v == 0) {
                boolean saved = zero;
                zero = false;
                pad(wid, ' ');
                zero = saved;
                return;
            }
        } else if (zero && !minus && widPresent) {
            precision = wid;
            if (negative || plus || space) {
                precision--;
            }
        }
        String body = u.toString(base);
        if (digits == UDIGITS) {
            body = body.toUpperCase(java.util.Locale.ROOT);
        }
        StringBuilder s = new StringBuilder();
        for (int i = body.length(); i < precision; i++) {
            s.append('0');
        }
        s.append(body);
        if (sharp) {
            switch (base) {
                case 2 -> s.insert(0, "0b");
                case 8 -> {
                    if (s.charAt(0) != '0') {
                        s.insert(0, '0');
                    }
                }
                case 16 -> s.insert(0, "0" + digits.charAt(16));
                default -> {
                }
            }
        }
        if (verb == 'O') {
            s.insert(0, "0o");
        }
        if (negative) {
            s.insert(0, '-');
        } else if (plus) {
            s.insert(0, '+');
        } else if (space) {
            s.insert(0, ' ');
        }
        boolean saved = zero;
        zero = false;
        padString(s.toString());
        zero = saved;
    }

    private void fmtFloat(double v, int verb, Object arg) {
        switch (verb) {
            case 'v' -> fmtFloat(v, 'g', -1);
            case 'g', 'G' -> fmtFloat(v, (char) verb, -1);
            case 'f', 'e', 'E', 'F' -> fmtFloat(v, (char) verb, 6);
            default -> badVerb(arg, verb);
        }
    }

    private void fmtFloat(double v, char verb, int precision) {
        if (precPresent) {
            precision = prec;
        }
        String num = GoFloats.format(v, verb, precision);
        if (num.charAt(0) != '-' && num.charAt(0) != '+') {
            num = "+" + num;
        }
        if (space && num.charAt(0) == '+' && !plus) {
            num = " " + num.substring(1);
        }
        if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
            boolean saved = zero;
            zero = false;
            if (num.charAt(1) == 'N' && !space && !plus) {
                num = num.substring(1);
            }
            padString(num);
            zero = saved;
            return;
        }
        if (plus || num.charAt(0) != '+') {
            if (zero && !minus && widPresent && wid > num.length()) {
                buf.append(num.charAt(0));
                pad(wid - num.length(), '0');
                buf.append(num, 1, num.length());
                return;
            }
            padString(num);
            return;
        }
        padString(num.substring(1));
    }

    private void fmtComplex(GoComplex c, int verb, Object arg) {
        switch (verb) {
            case 'v', 'b', 'g', 'G', 'x', 'X', 'f', 'F', 'e', 'E' -> {
                char f = verb == 'v' ? 'g' : (char) verb;
                int precision = verb == 'v' || verb == 'g' || verb == 'G' ? -1 : 6;
                boolean savedPlus = plus;
                buf.append('(');
                fmtFloat(c.real(), f, precision);
                plus = true;
                fmtFloat(c.imag(), f, precision);
                buf.append("i)");
                plus = savedPlus;
            }
            default -> badVerb(arg, verb);
        }
    }
}
