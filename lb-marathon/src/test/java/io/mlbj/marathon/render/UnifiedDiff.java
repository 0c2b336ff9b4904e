package io.mlbj.marathon.render;

import java.util.ArrayList;
import java.util.List;

/** A line-based unified diff (3 lines of context) for readable assertion messages. */
final class UnifiedDiff {
    private UnifiedDiff() {}

    static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                ops.add(" " + a[i++]);
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.add("+" + b[j++]);
            } else {
                ops.add("-" + a[i++]);
            }
        }
        StringBuilder out = new StringBuilder("--- expected\n+++ actual\n");
        int last = -100;
        for (int k = 0; k < ops.size(); k++) {
            if (ops.get(k).charAt(0) == ' ') {
                continue;
            }
            int from = Math.max(Math.max(0, k - 3), last + 1);
            if (from > last + 1) {
                out.append("@@ line ").append(from + 1).append(" @@\n");
            }
            for (int c = from; c <= k; c++) {
                out.append(ops.get(c).replace("\t", "\\t")).append('\n');
            }
            last = k;
            int end = Math.min(ops.size() - 1, k + 3);
            for (int c = k + 1; c <= end && ops.get(c).charAt(0) == ' '; c++) {
                out.append(ops.get(c)).append('\n');
                last = c;
            }
        }
        return out.toString();
    }
}
