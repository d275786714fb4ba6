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
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.append('-');
                texts.add(a.get(i));
                i++;
            } else {
                ops.append('+');
                texts.add(b.get(j));
                j++;
            }
        }
        hunks(ops, texts, out);
        return out;
    }

    private static void hunks(CharSequence ops, List<String> texts, List<String> out) {
        int total = ops.length();
        // Line numbers before each op, in the old and the new text.
        int[] oldAt = new int[total + 1];
        int[] newAt = new int[total + 1];
        oldAt[0] = 1;
        newAt[0] = 1;
        for (int x = 0; x < total; x++) {
            oldAt[x + 1] = oldAt[x] + (ops.charAt(x) != '+' ? 1 : 0);
            newAt[x + 1] = newAt[x] + (ops.charAt(x) != '-' ? 1 : 0);
        }
        int k = 0;
        while (k < total) {
            if (ops.charAt(k) == ' ') {
                k++;
                continue;
            }
            int last = k;
            for (int x = k + 1; x < total && x - last <= 2 * CONTEXT; x++) {
                if (ops.charAt(x) != ' ') {
                    last = x;
                }
            }
            int start = Math.max(0, k - CONTEXT);
            int end = Math.min(total, last + CONTEXT + 1);
            int oldCount = oldAt[end] - oldAt[start];
            int newCount = newAt[end] - newAt[start];
            out.add("@@ -" + range(oldAt[start], oldCount) + " +" + range(newAt[start], newCount) + " @@");
            for (int x = start; x < end; x++) {
                out.add(ops.charAt(x) + texts.get(x));
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
