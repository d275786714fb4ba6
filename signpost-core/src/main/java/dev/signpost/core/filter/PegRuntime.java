package dev.signpost.core.filter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * The part of the pigeon parser generator's runtime that a grammar's messages depend on: positions as pigeon counts
 * them (line, column in characters from 1, offset in UTF-8 bytes from 0), literal, character-class and any-character
 * matchers, {@code !} and {@code &} predicates, the farthest failure with what was expected there, grammar errors
 * named after the innermost rule, and rule results memoised per position and predicate polarity. Not thread-safe.
 */
abstract class PegRuntime {
    /** A rule or matcher that did not match. */
    static final Object FAIL = new Object();

    private final int[] text;
    private final int[] lines;
    private final int[] columns;
    private final int[] offsets;
    int pos;
    private boolean inverted;
    private int farthest;
    private final List<String> expected = new ArrayList<>();
    private final Deque<String> rules = new ArrayDeque<>();
    private final Set<String> errors = new LinkedHashSet<>();
    private final Map<Long, Object[]> memo = new HashMap<>();

    PegRuntime(String input) {
        text = input.codePoints().toArray();
        lines = new int[text.length + 1];
        columns = new int[text.length + 1];
        offsets = new int[text.length + 1];
        // pigeon counts columns in runes from 1, offsets in UTF-8 bytes from 0; a newline is column 0 of the next line.
        int line = 1;
        int column = 0;
        int offset = 0;
        for (int i = 0; i <= text.length; i++) {
            column++;
            if (i < text.length && text[i] == '\n') {
                line++;
                column = 0;
            }
            lines[i] = line;
            columns[i] = column;
            offsets[i] = offset;
            if (i < text.length) {
                offset += text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : text[i] < 0x10000 ? 3 : 4;
            }
        }
    }

    /** Runs the start rule and turns what went wrong into pigeon's message. */
    final Object run(Supplier<Object> start) {
        Object result = rule(0, "Input", start);
        if (result == FAIL && errors.isEmpty()) {
            Set<String> wants = new TreeSet<>(expected);
            boolean eof = wants.remove("!.");
            List<String> list = new ArrayList<>(wants);
            if (eof) {
                list.add("EOF");
            }
            errors.add(position(farthest) + ": no match found, expected: " + listJoin(list));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        return result;
    }

    private static String listJoin(List<String> list) {
        if (list.size() <= 1) {
            return String.join("", list);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    private String position(int at) {
        return lines[at] + ":" + columns[at] + " (" + offsets[at] + ")";
    }

    /** Records an error of the grammar at a position, named after the innermost rule. */
    final void error(String message, int at) {
        errors.add(position(at) + ": rule " + rules.peek() + ": " + message);
    }

    // ---- pigeon's matchers and bookkeeping

    final void failAt(boolean matched, int at, String want) {
        if (matched != inverted || at < farthest) {
            return;
        }
        if (at > farthest) {
            farthest = at;
            expected.clear();
        }
        expected.add(inverted ? "!" + want : want);
    }

    final Object rule(int id, String displayName, Supplier<Object> body) {
        long key = ((long) id * (text.length + 1) + pos) * 2 + (inverted ? 1 : 0);
        Object[] saved = memo.get(key);
        if (saved != null) {
            pos = (int) saved[1];
            return saved[0];
        }
        rules.push(displayName);
        int start = pos;
        Object result = body.get();
        rules.pop();
        if (result == FAIL) {
            pos = start;
        }
        memo.put(key, new Object[] {result, pos});
        return result;
    }

    final boolean lit(String literal) {
        int start = pos;
        int[] wanted = literal.codePoints().toArray();
        for (int c : wanted) {
            if (pos >= text.length || text[pos] != c) {
                failAt(false, start, GoText.quote(literal));
                pos = start;
                return false;
            }
            pos++;
        }
        failAt(true, start, GoText.quote(literal));
        return true;
    }

    final boolean charClass(String shown, IntPredicate accepts) {
        if (pos < text.length && accepts.test(text[pos])) {
            pos++;
            failAt(true, pos - 1, shown);
            return true;
        }
        failAt(false, pos, shown);
        return false;
    }

    final boolean any() {
        if (pos >= text.length) {
            failAt(false, pos, ".");
            return false;
        }
        pos++;
        failAt(true, pos - 1, ".");
        return true;
    }

    /** {@code !e}: succeeds where e fails; consumes nothing. */
    final boolean not(Supplier<Boolean> e) {
        int start = pos;
        inverted = !inverted;
        boolean matched = e.get();
        inverted = !inverted;
        pos = start;
        return !matched;
    }

    /** {@code &e}: succeeds where e does; consumes nothing. */
    final boolean ahead(Supplier<Boolean> e) {
        int start = pos;
        boolean matched = e.get();
        pos = start;
        return matched;
    }

    final Object back(int start) {
        pos = start;
        return FAIL;
    }

    final String textFrom(int start) {
        return new String(text, start, pos - start);
    }

}
