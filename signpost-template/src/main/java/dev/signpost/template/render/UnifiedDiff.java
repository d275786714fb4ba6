package dev.signpost.template.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u} shape, 3 lines of context) of two texts, line by line, from a longest common
 * subsequence. Inputs beyond {@link #MAX_CELLS} line pairs are summarised instead of compared. Stateless.
 */
public final class UnifiedDiff {

    /** Above this many line pairs the quadratic comparison is skipped. */
    static final long MAX_CELLS = 4_000_000L;
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff of {@code before} and {@code after} labelled with {@code name}; empty when they are equal. */
    public static List<String> diff(String name, String before, String after) {
        List<String> a = before.isEmpty() ? List.of() : before.lines().toList();
        List<String> b = after.isEmpty() ? List.of() : after.lines().toList();
        List<String> out = new ArrayList<>();
        if (a.equals(b)) {
            return out;
        }
        out.add("--- " + name);
        out.add("+++ " + name);
        if ((long) a.size() * b.size() > MAX_CELLS) {
            out.add("@@ -1," + a.size() + " +1," + b.size() + " @@ (too large to compare line by line)");
            return out;
        }
        // ops: ' ' keep, '-' delete, '+' insert, in order.
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder ops = new StringBuilder();
        List<String> texts = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.append(' ');
                texts.add(a.get(i));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.append('+');
                texts.add(b.get(j));
                j++;
            } else {
                ops.append('-');
                texts.add(a.get(i));
                i++;
            }
        }
        hunks(ops, texts, out);
        return out;
    }

    private static void hunks(CharSequence ops, List<String> texts, List<String> out) {
        int k = 0;
        int total = ops.length();
        int oldLine = 1;
        int newLine = 1;
        while (k < total) {
            if (ops.charAt(k) == ' ') {
                k++;
                oldLine++;
                newLine++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // Extend while changes are within 2*CONTEXT of each other.
            int lastChange = k;
            while (end < total) {
                if (ops.charAt(end) != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(total, lastChange + CONTEXT + 1);
            int oldStart = oldLine - (k - start);
            int newStart = newLine - (k - start);
            int oldCount = 0;
            int newCount = 0;
            List<String> body = new ArrayList<>();
            for (int x = start; x < end; x++) {
                char op = ops.charAt(x);
                body.add(op + texts.get(x));
                if (op != '+') {
                    oldCount++;
                }
                if (op != '-') {
                    newCount++;
                }
            }
            out.add("@@ -" + range(oldStart, oldCount) + " +" + range(newStart, newCount) + " @@");
            out.addAll(body);
            for (int x = k; x < end; x++) {
                char op = ops.charAt(x);
                if (op != '+') {
                    oldLine++;
                }
                if (op != '-') {
                    newLine++;
                }
            }
            k = end;
        }
    }

    private static String range(int start, int count) {
        if (count == 0) {
            return (start - 1) + ",0";
        }
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }
}
