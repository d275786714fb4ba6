package dev.signpost.template.golib;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.signpost.template.lang.FunctionException;

/**
 * Regular expressions for regexMatch and regexReplaceAll. Java's syntax is close to Go's RE2 for the patterns
 * templates use; replacement strings follow Go's Expand rules ({@code $1}, {@code ${name}}, {@code $$}, and
 * {@code $1x} meaning the group named "1x"). Compiled patterns are cached, so a template rendered on every change
 * does not recompile them. Thread-safe.
 */
public final class GoRegex {

    private static final int CACHE_SIZE = 256;

    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private GoRegex() {
    }

    public static Pattern compile(String re) {
        synchronized (CACHE) {
            Pattern p = CACHE.get(re);
            if (p != null) {
                return p;
            }
        }
        Pattern p;
        try {
            p = Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new FunctionException("error parsing regexp: " + re2Message(e, re));
        }
        synchronized (CACHE) {
            CACHE.put(re, p);
        }
        return p;
    }

    /** RE2's wording for the common syntax errors; other Java descriptions pass through. */
    private static String re2Message(PatternSyntaxException e, String re) {
        String d = e.getDescription();
        if (d.startsWith("Unclosed group")) {
            return "missing closing ): `" + re + "`";
        }
        if (d.startsWith("Unmatched closing ')'")) {
            return "unexpected ): `" + re + "`";
        }
        if (d.startsWith("Unclosed character class")) {
            int open = re.lastIndexOf('[');
            return "missing closing ]: `" + (open < 0 ? re : re.substring(open)) + "`";
        }
        if (d.startsWith("Dangling meta character")) {
            int i = Math.max(0, e.getIndex());
            return "missing argument to repetition operator: `" + (i < re.length() ? re.substring(i, i + 1) : re)
                    + "`";
        }
        int slashes = 0;
        for (int i = re.length() - 1; i >= 0 && re.charAt(i) == '\\'; i--) {
            slashes++;
        }
        if (slashes % 2 == 1) {
            return "trailing backslash at end of expression: ``";
        }
        return d + ": `" + re + "`";
    }

    /** Regexp.ReplaceAllString. */
    public static String replaceAll(Pattern p, String s, String template) {
        Matcher m = p.matcher(s);
        StringBuilder b = new StringBuilder(s.length());
        int last = 0;
        int searchFrom = 0;
        while (searchFrom <= s.length() && m.find(searchFrom)) {
            b.append(s, last, m.start());
            expand(b, template, m);
            last = m.end();
            if (m.end() == m.start()) {
                // An empty match advances by one character so the scan terminates, as Go's does.
                if (m.end() < s.length()) {
                    b.append(s, m.end(), m.end() + Character.charCount(s.codePointAt(m.end())));
                    last = m.end() + Character.charCount(s.codePointAt(m.end()));
                }
                searchFrom = m.end() + 1;
            } else {
                searchFrom = m.end();
            }
        }
        if (last < s.length()) {
            b.append(s, last, s.length());
        }
        return b.toString();
    }

    private static void expand(StringBuilder b, String template, Matcher m) {
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                b.append(c);
                continue;
            }
            char n = template.charAt(i + 1);
            if (n == '$') {
                b.append('$');
                i++;
                continue;
            }
            String name;
            int end;
            if (n == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0 || !isName(template.substring(i + 2, close))) {
                    b.append(c);
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close + 1;
            } else {
                int j = i + 1;
                while (j < template.length() && isNameChar(template.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    b.append(c);
                    continue;
                }
                name = template.substring(i + 1, j);
                end = j;
            }
            String value = group(m, name);
            if (value != null) {
                b.append(value);
            }
            i = end - 1;
        }
    }

    private static String group(Matcher m, String name) {
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                int n = Integer.parseInt(name);
                return n <= m.groupCount() ? m.group(n) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            return m.group(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isName(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> isNameChar((char) c));
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
