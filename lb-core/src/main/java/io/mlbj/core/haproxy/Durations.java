package io.mlbj.core.haproxy;

import java.time.Duration;

/** HAProxy time values: a number with an optional unit {@code us ms s m h d} (milliseconds when none). */
final class Durations {
    private Durations() {}

    static Duration parse(String text) throws CompileError {
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 12) {
            throw new CompileError("'" + text + "' is not a time (expected: a number with us, ms, s, m, h or d)");
        }
        long n = Long.parseLong(text.substring(0, i));
        return switch (text.substring(i)) {
            case "", "ms" -> Duration.ofMillis(n);
            case "us" -> Duration.ofNanos(n * 1000);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new CompileError(
                    "'" + text + "' has an unknown time unit (expected: us, ms, s, m, h or d)");
        };
    }

    static int integer(String text, int min, int max, String what) throws CompileError {
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CompileError(what + ": '" + text + "' (expected: " + min + ".." + max + ")");
    }
}
