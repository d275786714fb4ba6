package dev.signpost.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines of columns as Go's columnize lays them out for {@code consul}'s tables: each column as wide as its
 * widest cell, two spaces between columns, the last column unpadded, cells trimmed.
 */
final class Columns {
    private Columns() {
    }

    static String format(List<List<String>> rows) {
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                int w = row.get(i).strip().length();
                if (i >= widths.size()) {
                    widths.add(w);
                } else if (w > widths.get(i)) {
                    widths.set(i, w);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i).strip();
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths.get(i) - cell.length() + 2));
                }
            }
            out.append(line).append('\n');
        }
        return out.isEmpty() ? "" : out.substring(0, out.length() - 1);
    }

    /** Go's tabwriter with padding 6 (what {@code snapshot inspect} and {@code kv get -detailed} use). */
    static String pairs(List<List<String>> rows) {
        int width = rows.stream().mapToInt(r -> r.get(0).length()).max().orElse(0) + 6;
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            out.append(row.get(0)).append(" ".repeat(width - row.get(0).length())).append(row.get(1)).append('\n');
        }
        return out.toString();
    }
}
