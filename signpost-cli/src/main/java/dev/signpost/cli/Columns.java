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

    /**
     * Go's text/tabwriter with ' ' padding for text of tab-separated cells: a cell ended by a tab is padded to its
     * column's width (the widest such cell in the block of adjacent lines that have that column, plus
     * {@code padding}, at least {@code minwidth}); the text after a line's last tab is not.
     */
    static String tabwriter(String text, int minwidth, int padding) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int start = 0;
        while (start < lines.length) {
            int end = start;
            while (end < lines.length && lines[end].contains("\t")) {
                end++;
            }
            if (end == start) {
                out.append(lines[start]).append(start < lines.length - 1 ? "\n" : "");
                start++;
                continue;
            }
            List<Integer> widths = new ArrayList<>();
            for (int i = start; i < end; i++) {
                String[] cells = lines[i].split("\t", -1);
                for (int c = 0; c < cells.length - 1; c++) {
                    int w = Math.max(minwidth, cells[c].length() + padding);
                    if (c >= widths.size()) {
                        widths.add(w);
                    } else if (w > widths.get(c)) {
                        widths.set(c, w);
                    }
                }
            }
            for (int i = start; i < end; i++) {
                String[] cells = lines[i].split("\t", -1);
                for (int c = 0; c < cells.length - 1; c++) {
                    out.append(cells[c]).append(" ".repeat(widths.get(c) - cells[c].length()));
                }
                out.append(cells[cells.length - 1]).append(i < lines.length - 1 ? "\n" : "");
            }
            start = end;
        }
        return out.toString();
    }
}
