package io.mlbj.core.haproxy;

/** HAProxy's ACL pattern-matching methods ({@code -m str}, {@code path_beg}, ...). */
public enum MatchMethod {
    /** Exact string. */
    STR,
    /** Prefix. */
    BEG,
    /** Suffix. */
    END,
    /** Substring. */
    SUB,
    /** Delimited domain part ({@code / ? . :}). */
    DOM,
    /** Delimited directory part ({@code / ?}). */
    DIR,
    /** Regular expression, searched anywhere. */
    REG,
    /** String length equals a number. */
    LEN,
    /** The sample exists. */
    FOUND,
    /** A boolean sample is true. */
    BOOL,
    /** An integer compared with numbers, ranges or {@code eq/ge/gt/le/lt N}. */
    INT,
    /** An address in one of the networks. */
    IP;

    /** The method named by {@code -m NAME} or an ACL suffix, or null. */
    static MatchMethod named(String name) {
        return switch (name) {
            case "str" -> STR;
            case "beg" -> BEG;
            case "end" -> END;
            case "sub" -> SUB;
            case "dom" -> DOM;
            case "dir" -> DIR;
            case "reg", "regex" -> REG;
            case "len" -> LEN;
            case "found" -> FOUND;
            case "bool" -> BOOL;
            case "int" -> INT;
            case "ip" -> IP;
            default -> null;
        };
    }
}
