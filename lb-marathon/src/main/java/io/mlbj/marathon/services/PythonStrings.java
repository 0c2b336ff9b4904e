package io.mlbj.marathon.services;

import java.util.Comparator;

/** The few Python string behaviours marathon-lb's output depends on (code-point order, {@code re.sub} naming). */
public final class PythonStrings {
    /** Python's {@code str} ordering: by Unicode code point. */
    public static final Comparator<String> ORDER = PythonStrings::compareCodePoints;

    private PythonStrings() {}

    /** {@code re.sub(r'[^a-zA-Z0-9\-]', '_', s)}: every character but ASCII letters, digits and '-' becomes '_'. */
    public static String sanitize(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!keep && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                // a surrogate pair is one Python character, so it becomes one '_'
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
                out.append(keep ? c : '_');
            }
        }
        return out == null ? s : out.toString();
    }

    /** Python's {@code s.lower() in ["true", "t", "yes", "y"]}. */
    public static boolean toBool(String s) {
        String v = s.toLowerCase(java.util.Locale.ROOT);
        return v.equals("true") || v.equals("t") || v.equals("yes") || v.equals("y");
    }

    /** Python's {@code int(s)} for base-10 text; throws {@link NumberFormatException} with a readable message. */
    public static int parseInt(String s) {
        String t = s.strip();
        if (!t.matches("[+-]?[0-9]+(_[0-9]+)*")) {
            throw new NumberFormatException("'" + s + "' is not an integer");
        }
        try {
            return Integer.parseInt(t.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + s + "' is out of range");
        }
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
