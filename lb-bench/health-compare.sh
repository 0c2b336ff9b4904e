#!/usr/bin/env bash
# Cost of active health checks, ours against HAProxy, back to back on one machine, loopback only:
# the same haproxy.cfg (B backends x S servers, "check inter 2s", spread-checks 5, TCP connect checks)
# served by lb-core.jar and by haproxy, probing the same listeners (CheckTargets, a separate process that
# counts the connections it accepts). For each process: CPU seconds per second of wall time (utime + stime
# from /proc/PID/stat, the whole process: checks, timers, GC, JIT), the user/system split, and the checks
# per second (connect() calls of the process, counted by `perf stat`: HAProxy's TCP checks are reset before
# the listener accepts them, so the listeners cannot count them). Every process it starts is stopped on exit.
#
# Usage: lb-bench/health-compare.sh [-n SERVERS] [-d SECONDS] [-w SECONDS] [-r ROUNDS] [-o DIR]
#   -n  servers (default 10000, 100 per backend)   -d  measured seconds per run (default 20)
#   -w  warm-up seconds per run (default 15)       -r  rounds of (ours, haproxy) (default 2)
#   -o  directory for the results (default lb-bench/target/health-compare-<UTC time>)
# Needs: java 17+, perf, haproxy (apt-get installs it when missing and run as root), lb-core/target/lb-core.jar
# and lb-bench/target/benchmarks.jar (built with Maven when missing).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
servers=10000
duration=20
warmup=15
rounds=2
out=""
while getopts "n:d:w:r:o:h" opt; do
    case $opt in
        n) servers=$OPTARG ;;
        d) duration=$OPTARG ;;
        w) warmup=$OPTARG ;;
        r) rounds=$OPTARG ;;
        o) out=$OPTARG ;;
        *) sed -n '2,15p' "$0"; exit 2 ;;
    esac
done
out=${out:-$root/lb-bench/target/health-compare-$(date -u +%Y%m%dT%H%M%SZ)}
TARGET_PORT=${TARGET_PORT:-18601}   # first of LISTENERS ports
LISTENERS=${LISTENERS:-8}
FRONTEND_PORT=${FRONTEND_PORT:-18690}
PER_BACKEND=100

bench_jar=$root/lb-bench/target/benchmarks.jar
core_jar=${CORE_JAR:-$root/lb-core/target/lb-core.jar}  # CORE_JAR: compare another build
lb_java_opts=${LB_JAVA_OPTS:-}

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "health-compare.sh: $*"; exit 1; }

if ! command -v haproxy >/dev/null; then
    [ "$(id -u)" = 0 ] || die "haproxy is missing; install it (apt-get install -y haproxy)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y haproxy >/dev/null
fi
command -v perf >/dev/null || die "perf is missing (apt-get install -y linux-perf)"
if [ ! -f "$bench_jar" ] || [ ! -f "$core_jar" ]; then
    log "building lb-core.jar and benchmarks.jar"
    (cd "$root" && mvn -B -q -o -pl lb-core,lb-bench -am package -DskipTests) || die "build failed"
fi
for ((p = TARGET_PORT; p < TARGET_PORT + LISTENERS; p++)); do
    if ss -Htln "sport = :$p" | grep -q .; then die "port $p is in use (set TARGET_PORT)"; fi
done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

mkdir -p "$out"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the config -----------------------------------------------------------------------------------------
cfg=$out/checks.cfg
{
    printf 'global\n    maxconn 4096\n    spread-checks 5\n\n'
    printf 'defaults\n    mode tcp\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n'
    # HAProxy does not start without a listener; this one gets no traffic.
    printf 'frontend idle\n    bind 127.0.0.1:%d\n    default_backend app0\n\n' "$FRONTEND_PORT"
    for ((b = 0; b * PER_BACKEND < servers; b++)); do
        printf 'backend app%d\n    balance roundrobin\n' "$b"
        for ((i = 0; i < PER_BACKEND && b * PER_BACKEND + i < servers; i++)); do
            printf '    server s%d 127.0.0.1:%d check inter 2s\n' "$i" $((TARGET_PORT + (b * PER_BACKEND + i) % LISTENERS))
        done
        printf '\n'
    done
} > "$cfg"

# ---- processes ------------------------------------------------------------------------------------------
java -cp "$bench_jar" io.mlbj.bench.health.CheckTargets "$TARGET_PORT" "$LISTENERS" > "$out/targets.log" 2>&1 &
target_pid=$!
pids+=("$target_pid")
for _ in $(seq 1 100); do grep -q listening "$out/targets.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$out/targets.log" || die "the listeners did not start: $(tail -5 "$out/targets.log")"

ticks_per_second=$(getconf CLK_TCK)
stat_fields() {  # utime stime of a process, in clock ticks; the command name may contain spaces
    local stat
    stat=$(cat "/proc/$1/stat") || { echo "0 0"; return; }
    stat=${stat##*) }
    awk '{ print $12, $13 }' <<< "$stat"
}

results=$out/results.tsv
printf 'round\tchecker\tcpu_s_per_s\tuser_s_per_s\tsys_s_per_s\tchecks_per_s\tus_cpu_per_check\tlisteners_cpu_s_per_s\tload\n' > "$results"

measure() {  # measure ROUND NAME COMMAND...
    local round=$1 name=$2
    shift 2
    "$@" > "$out/$name-$round.log" 2>&1 &
    local pid=$!
    pids+=("$pid")
    sleep "$warmup"
    kill -0 "$pid" 2>/dev/null || die "$name exited: $(tail -5 "$out/$name-$round.log")"
    local w0 w1 a
    read -r u0 s0 < <(stat_fields "$pid")
    read -r tu0 ts0 < <(stat_fields "$target_pid")
    w0=$(date +%s.%N)
    perf stat -x, -e syscalls:sys_enter_connect -p "$pid" -o "$out/$name-$round.perf" -- sleep "$duration"
    read -r u1 s1 < <(stat_fields "$pid")
    read -r tu1 ts1 < <(stat_fields "$target_pid")
    w1=$(date +%s.%N)
    a=$(awk -F, '/sys_enter_connect/ { print $1 + 0 }' "$out/$name-$round.perf")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    awk -v r="$round" -v n="$name" -v u="$((u1 - u0))" -v s="$((s1 - s0))" -v t="$((tu1 + ts1 - tu0 - ts0))" \
        -v a="${a:-0}" -v w0="$w0" -v w1="$w1" -v hz="$ticks_per_second" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
        'BEGIN { w = w1 - w0; cpu = (u + s) / hz / w; rate = a / w;
                 printf "%s\t%s\t%.3f\t%.3f\t%.3f\t%.0f\t%.1f\t%.3f\t%s\n", r, n, cpu, u / hz / w, s / hz / w, rate,
                        (rate > 0 ? cpu / rate * 1e6 : 0), t / hz / w, load }' | tee -a "$results"
    sleep 3  # the listeners' sockets of the last checks close
}

log "config: $servers servers, inter 2s; $rounds round(s) of ${warmup}s warm-up + ${duration}s measured; results in $out"
printf 'round\tchecker\tcpu_s_per_s\tuser_s_per_s\tsys_s_per_s\tchecks_per_s\tus_cpu_per_check\tlisteners_cpu_s_per_s\tload\n'
for ((r = 1; r <= rounds; r++)); do
    # shellcheck disable=SC2086
    measure "$r" ours java $lb_java_opts -jar "$core_jar" --config "$cfg" --log-level WARNING
    measure "$r" haproxy haproxy -db -f "$cfg"
done
awk -F'\t' 'NR > 1 { cpu[$2] += $3; n[$2]++; chk[$2] += $6 }
    END { o = cpu["ours"] / n["ours"]; h = cpu["haproxy"] / n["haproxy"];
          printf "mean CPU s/s: ours %.3f (%.0f checks/s), haproxy %.3f (%.0f checks/s), ratio ours/haproxy %.2f\n",
                 o, chk["ours"] / n["ours"], h, chk["haproxy"] / n["haproxy"], (h > 0 ? o / h : 0) }' "$results" \
    | tee "$out/summary.txt"
