# Paired ratios of two targets of a compare.sh results.tsv: per scenario, the ratio NUM / DEN of each turn
# (or round) in which both ran, their median, and a distribution-free interval for the median ratio: the
# k-th lowest to the k-th highest ratio, which holds the true median with probability
# 1 - 2 P(Binomial(n, 1/2) <= k - 1) (the sign test); k is the largest with at least 85 %.
# Pairing by turn cancels the slow swings of a shared machine that the ratio of two medians keeps.
# Usage: awk -F'\t' -v num=ours -v den=haproxy-tuned -f paired-ratios.awk results.tsv
function turn_of(note,    m) {
    if (match(note, /(turn|round) [0-9]+/)) return substr(note, RSTART, RLENGTH)
    return ""
}
function keep(sc, t, target, metric, x) {
    if (x == "-" || x == "") return
    value[sc, t, target, metric] = x + 0
    has[sc, t, target, metric] = 1
}
NR == 1 { next }
{
    t = turn_of($10)
    keep($1, t, $2, "rate", $3); keep($1, t, $2, "p99", $5); keep($1, t, $2, "cpu", $6)
    if (!(($1, t) in seen_turn)) { seen_turn[$1, t] = 1; turn_at[$1, ++turns[$1]] = t }
    if (!($1 in seen)) { seen[$1] = 1; order[++scenarios] = $1 }
}
function sorted_ratios(sc, metric, r,    n, i, t, x, j) {
    n = 0
    for (i = 1; i <= turns[sc]; i++) {
        t = turn_at[sc, i]
        if (has[sc, t, num, metric] && has[sc, t, den, metric] && value[sc, t, den, metric] > 0)
            r[++n] = value[sc, t, num, metric] / value[sc, t, den, metric]
    }
    for (i = 2; i <= n; i++) { x = r[i]; for (j = i - 1; j >= 1 && r[j] > x; j--) r[j + 1] = r[j]; r[j + 1] = x }
    return n
}
# 1 - 2 P(B <= k - 1) for B ~ Binomial(n, 1/2)
function coverage(n, k,    i, c, tail) {
    c = 1; tail = 0
    for (i = 0; i < k; i++) { tail += c; c = c * (n - i) / (i + 1) }
    return 1 - 2 * tail / 2 ^ n
}
function summary(sc, metric,    r, n, k, med) {
    n = sorted_ratios(sc, metric, r)
    if (n == 0) return "-"
    med = (n % 2) ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
    for (k = int(n / 2); k >= 1 && coverage(n, k) < 0.85; k--) ;
    if (k < 1) return sprintf("%.2f", med)
    return sprintf("%.2f [%.2f..%.2f %.1f%%]", med, r[k], r[n + 1 - k], 100 * coverage(n, k))
}
function pairs(sc,    r) { return sorted_ratios(sc, "rate", r) }
END {
    printf "%-14s %-6s %-24s %-24s %-24s\n", "scenario", "pairs", "req/s", "p99", "cpu"
    for (i = 1; i <= scenarios; i++) {
        sc = order[i]
        if (pairs(sc) == 0) continue
        printf "%-14s %-6d %-24s %-24s %-24s\n", sc, pairs(sc), summary(sc, "rate"), summary(sc, "p99"), summary(sc, "cpu")
    }
}
