#!/usr/bin/env bash
# Side-by-side comparison on one machine, loopback only: the same load, with the same haproxy.cfg, through
#   ours            lb-core.jar --config, -Xmx128m -XX:+UseSerialGC (server keep-alive: option http-keep-alive)
#   ours-default    lb-core.jar --config with marathon-lb's default (option http-server-close)
#   haproxy-default HAProxy with marathon-lb's default (option http-server-close)
#   haproxy-tuned   HAProxy with server keep-alive (option http-keep-alive)
#   direct          straight to the backends (the ceiling)
#   ours-alt        only when asked for with -t: OURS_ALT_COMMAND (another build, JVM or flags) with ours's config;
#                   the table then also gives the ratios ours-alt / ours
# in front of fixed nginx backends. Prints one table (req/s, p50/p99, proxy CPU s per 100k requests, peak RSS)
# and the ratios ours / haproxy-tuned; with -r or -i also the ratios paired turn by turn, with an interval for
# their median (compare/paired-ratios.awk). Every process it starts is stopped on exit.
#
# Usage: lb-bench/compare.sh [-d SECONDS] [-w SECONDS] [-r ROUNDS | -i TURNS] [-s "SCENARIOS"] [-t "TARGETS"] [-o DIR]
#   -d  measured seconds per run (default 10)      -w  warm-up seconds per run (default 8)
#   -r  rounds (default 1): every scenario/target runs once per round, targets in reverse order in even
#       rounds; the ratios are then of the medians over the rounds
#   -i  interleaved turns instead of rounds: per scenario, every target is started once, on its own ports,
#       warmed up once (-w), then measured TURNS times in turns of -d seconds (the order rotating each
#       turn), so slow swings of a shared machine fall on all targets alike; ratios of the medians over
#       the turns (idle-10k still runs once per target, alone); TURN_WARMUP (default 8) s of warm-up before
#       later turns, for the load tool's fresh JVM
#   -s  scenarios (default: all) http-1k http-100k sticky-1k tls-ka-1k tls-new-conn idle-10k
#   -t  targets (default: all)   direct haproxy-default haproxy-tuned ours ours-default (and ours-alt)
#   -o  directory for the results (default lb-bench/target/compare-<UTC time>)
# Needs: java 17+, nginx, haproxy, openssl (installed with apt-get when missing and run as root),
# lb-bench/target/benchmarks.jar and lb-core/target/lb-core.jar (built with Maven when missing).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
duration=10
warmup=8
rounds=1
turns=0
scenarios="http-1k http-100k sticky-1k tls-ka-1k tls-new-conn idle-10k"
targets="direct haproxy-default haproxy-tuned ours ours-default"
out=""
while getopts "d:w:r:i:s:t:o:h" opt; do
    case $opt in
        d) duration=$OPTARG ;;
        w) warmup=$OPTARG ;;
        r) rounds=$OPTARG ;;
        i) turns=$OPTARG ;;
        s) scenarios=$OPTARG ;;
        t) targets=$OPTARG ;;
        o) out=$OPTARG ;;
        *) sed -n '2,25p' "$0"; exit 2 ;;
    esac
done
out=${out:-$root/lb-bench/target/compare-$(date -u +%Y%m%dT%H%M%SZ)}

# Fixed loopback ports (override with the environment if they are taken).
LB_HTTP_PORT=${LB_HTTP_PORT:-18080}
LB_STICKY_PORT=${LB_STICKY_PORT:-18090}
LB_HTTPS_PORT=${LB_HTTPS_PORT:-18443}
BACKEND_A_PORT=${BACKEND_A_PORT:-18081}
BACKEND_B_PORT=${BACKEND_B_PORT:-18082}
DIRECT_TLS_PORT=${DIRECT_TLS_PORT:-18444}
CONNECTIONS=${CONNECTIONS:-50}
TURN_WARMUP=${TURN_WARMUP:-8}
HANDSHAKE_CONNECTIONS=${HANDSHAKE_CONNECTIONS:-10}

bench_jar=$root/lb-bench/target/benchmarks.jar
core_jar=$root/lb-core/target/lb-core.jar
tool_java_opts=${LOAD_TOOL_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}
# The container's default flags (docker/run: bounded heap, serial collector), unless LB_JAVA_OPTS names its own
# heap size or collector; LB_JAVA_OPTS comes last.
default_heap_opts="-Xmx128m"
default_gc_opts="-XX:+UseSerialGC"
lb_java_opts=${LB_JAVA_OPTS:-}
case " $lb_java_opts " in *" -Xmx"* | *MaxHeapSize* | *MaxRAMPercentage* | *"MaxRAM="*) ;; *) lb_java_opts="$default_heap_opts $lb_java_opts" ;; esac
case " $lb_java_opts " in *-XX:+Use*GC*) ;; *) lb_java_opts="$default_gc_opts $lb_java_opts" ;; esac
# How "ours" is started (the config file is appended as "--config FILE"); override to compare another build.
ours_command=${OURS_COMMAND:-java $lb_java_opts -jar $core_jar}
ours_alt_command=${OURS_ALT_COMMAND:-}

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "compare.sh: $*"; exit 1; }
listening() { ss -Htln "sport = :$1" | grep -q .; }  # listening PORT: whether any process listens on it

# ---- prerequisites --------------------------------------------------------------------------------------
need_packages=()
command -v nginx >/dev/null || need_packages+=(nginx)
command -v haproxy >/dev/null || need_packages+=(haproxy)
command -v openssl >/dev/null || need_packages+=(openssl)
if ((${#need_packages[@]})); then
    [ "$(id -u)" = 0 ] || die "missing ${need_packages[*]}; install them (apt-get install -y ${need_packages[*]})"
    log "installing ${need_packages[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${need_packages[@]}" >/dev/null
fi
command -v java >/dev/null || die "java not found"
if [ ! -f "$bench_jar" ] || [ ! -f "$core_jar" ]; then
    log "building lb-core.jar and benchmarks.jar"
    (cd "$root" && mvn -B -q -o -pl lb-core,lb-bench -am package -DskipTests) || die "build failed"
fi

mkdir -p "$out"
work=$(mktemp -d /tmp/mlbj-compare.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $LB_HTTP_PORT $LB_STICKY_PORT $LB_HTTPS_PORT $BACKEND_A_PORT $BACKEND_B_PORT $DIRECT_TLS_PORT; do
    if listening "$port"; then die "port $port is in use (set its variable, see the script head)"; fi
done

# HAProxy refuses to start when it cannot get 2 x maxconn file descriptors (strict-limits); marathon-lb's
# global maxconn 50000 needs a limit above 100,000. Under a lower hard limit the largest allowed value is used,
# and the idle scenario holds as many connections as every process may open.
fd_limit=$(ulimit -Hn)
[ "$fd_limit" = unlimited ] && fd_limit=1048576
ulimit -n "$fd_limit"
global_maxconn=$(( (fd_limit - 100) / 2 ))
(( global_maxconn > 50000 )) && global_maxconn=50000
idle_connections=$(( global_maxconn - 50 ))
(( idle_connections > 10000 )) && idle_connections=10000

# ---- files ----------------------------------------------------------------------------------------------
cert=$work/cert.pem
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 30 \
    -keyout "$work/key.pem" -out "$work/crt.pem" 2>/dev/null
cat "$work/crt.pem" "$work/key.pem" > "$cert"
chmod 644 "$cert"
mkdir -p "$work/www/sticky" "$work/nginx-tmp"
head -c 1024 /dev/zero | tr '\0' x > "$work/www/1k"
head -c 102400 /dev/zero | tr '\0' x > "$work/www/100k"
cp "$work/www/1k" "$work/www/sticky/1k"
chmod -R a+rX "$work"

# render TEMPLATE OUT [sed expressions...]
render() {
    local template=$1 dest=$2
    shift 2
    sed -e "s#@WORK@#$work#g" -e "s#@CERT@#$cert#g" \
        -e "s/@LB_HTTP_PORT@/$LB_HTTP_PORT/g" -e "s/@LB_STICKY_PORT@/$LB_STICKY_PORT/g" \
        -e "s/@LB_HTTPS_PORT@/$LB_HTTPS_PORT/g" -e "s/@BACKEND_A_PORT@/$BACKEND_A_PORT/g" \
        -e "s/@BACKEND_B_PORT@/$BACKEND_B_PORT/g" -e "s/@DIRECT_TLS_PORT@/$DIRECT_TLS_PORT/g" \
        -e "s/@GLOBAL_MAXCONN@/$global_maxconn/g" -e "s/@DEFAULTS_MAXCONN@/$global_maxconn/g" \
        "$@" "$template" > "$dest"
}
render "$here/compare/nginx.conf.in" "$work/nginx.conf"
base_ports=("$LB_HTTP_PORT" "$LB_STICKY_PORT" "$LB_HTTPS_PORT")
# use_ports K: the frontend ports of the K-th target of an interleaved run (K=0: the ones given)
use_ports() {
    LB_HTTP_PORT=$(( base_ports[0] + 1000 * $1 ))
    LB_STICKY_PORT=$(( base_ports[1] + 1000 * $1 ))
    LB_HTTPS_PORT=$(( base_ports[2] + 1000 * $1 ))
}
port_sets=0
(( turns > 0 )) && port_sets=$(wc -w <<< "$targets")
for mode in http-server-close http-keep-alive; do
    render "$here/compare/haproxy.cfg.in" "$work/$mode.cfg" -e "s/@SERVER_CONNECTION_MODE@/$mode/" \
        -e "s/@CLIENT_TIMEOUT@/30s/" -e "s/@KEEPALIVE_TIMEOUT@/1s/"
    for ((k = 1; k <= port_sets; k++)); do
        use_ports "$k"
        render "$here/compare/haproxy.cfg.in" "$work/$mode-p$k.cfg" -e "s/@SERVER_CONNECTION_MODE@/$mode/" \
            -e "s/@CLIENT_TIMEOUT@/30s/" -e "s/@KEEPALIVE_TIMEOUT@/1s/"
    done
    use_ports 0
    # Idle connections must outlive the run: only the two timeouts differ.
    render "$here/compare/haproxy.cfg.in" "$work/$mode-idle.cfg" -e "s/@SERVER_CONNECTION_MODE@/$mode/" \
        -e "s/@CLIENT_TIMEOUT@/120s/" -e "s/@KEEPALIVE_TIMEOUT@/120s/"
done
cp "$work"/*.cfg "$work/nginx.conf" "$out/"

# ---- processes ------------------------------------------------------------------------------------------
wait_port() {  # wait_port PORT PID
    local i
    for i in $(seq 1 300); do
        if listening "$1"; then return 0; fi
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

start_backends() {
    nginx -p "$work" -c "$work/nginx.conf" > "$out/nginx.log" 2>&1 &
    nginx_pid=$!
    pids+=("$nginx_pid")
    wait_port "$BACKEND_B_PORT" "$nginx_pid" || die "nginx did not start: $(cat "$out/nginx.log" "$work/nginx-error.log" 2>/dev/null)"
    nginx_worker=$(pgrep -P "$nginx_pid" | head -1)
}

proxy_pid=""
# start_proxy TARGET SCENARIO [CONFIG_SUFFIX]: starts a fresh proxy process (so its peak RSS belongs to one
# scenario), with the config of the current ports (suffix -pK in interleaved runs)
start_proxy() {
    local target=$1 scenario=$2 suffix=${3:-} cfg
    [ "$scenario" = idle-10k ] && suffix=-idle
    case $target in
        ours|ours-alt|haproxy-tuned) cfg=$work/http-keep-alive$suffix.cfg ;;
        ours-default|haproxy-default) cfg=$work/http-server-close$suffix.cfg ;;
        direct) proxy_pid=""; return 0 ;;
    esac
    # A port held by another process would pass wait_port below while the target itself failed to bind.
    local port
    for port in "$LB_HTTP_PORT" "$LB_STICKY_PORT" "$LB_HTTPS_PORT"; do
        if listening "$port"; then
            log "$target not started: port $port is in use by another process (see the script head for the ports)"
            echo "port $port in use by another process" > "$out/$target-$scenario.log"
            proxy_pid=""
            return 1
        fi
    done
    case $target in
        haproxy-*) haproxy -db -f "$cfg" > "$out/$target-$scenario.log" 2>&1 & ;;
        # shellcheck disable=SC2086
        ours-alt) [ -n "$ours_alt_command" ] || { log "ours-alt needs OURS_ALT_COMMAND"; return 1; }
                  $ours_alt_command --config "$cfg" > "$out/$target-$scenario.log" 2>&1 & ;;
        # shellcheck disable=SC2086
        ours*) $ours_command --config "$cfg" > "$out/$target-$scenario.log" 2>&1 & ;;
    esac
    proxy_pid=$!
    pids+=("$proxy_pid")
    wait_port "$LB_HTTPS_PORT" "$proxy_pid" && wait_port "$LB_STICKY_PORT" "$proxy_pid" \
        || { log "$target did not start: $(tail -5 "$out/$target-$scenario.log")"; proxy_pid=""; return 1; }
}

stop_proxy() {
    if [ -n "$proxy_pid" ]; then
        kill "$proxy_pid" 2>/dev/null || true
        wait "$proxy_pid" 2>/dev/null || true
        proxy_pid=""
    fi
}

cpu_ticks() {  # "utime stime" of a process, in clock ticks; the command name may contain spaces
    local stat
    stat=$(cat "/proc/$1/stat") || { echo "0 0"; return; }
    stat=${stat##*) }
    awk '{ print $12, $13 }' <<< "$stat"
}
status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
ticks_per_second=$(getconf CLK_TCK)

# The load tool; started as a simple command so that "$!" is the JVM itself (a function or subshell in the
# background would leave the JVM running when its pid is killed).
# shellcheck disable=SC2206
tool=(java $tool_java_opts -cp "$bench_jar" io.mlbj.bench.load.LoadToolMain)

# ---- one measured run -----------------------------------------------------------------------------------
results=$out/results.tsv
printf 'scenario\ttarget\treq_per_s\tp50_ms\tp99_ms\tcpu_s_per_100k\tpeak_rss_mib\tkib_per_idle_conn\terrors\tnote\n' > "$results"

# measure SCENARIO TARGET NOTE_KIND URL TOOL_ARGS...: warm-up and measured period in one tool run; the proxy's
# CPU is sampled when the tool prints its first "measuring" line and after the run.
measure() {
    local scenario=$1 target=$2 kind=$3 url=$4
    shift 4
    local base=$out/$scenario-$target$round_tag
    "${tool[@]}" run --url "$url" --label "$target" --warmup "${warmup}s" -d "${duration}s" --json "$base.json" "$@" \
        > "$base.out" 2> "$base.progress" &
    local tool_pid=$! cpu0="" total0=0 line
    pids+=("$tool_pid")
    while kill -0 "$tool_pid" 2>/dev/null; do
        if [ -z "$cpu0" ] && line=$(grep -m1 ' measuring ' "$base.progress" 2>/dev/null); then
            [ -n "$proxy_pid" ] && cpu0=$(cpu_ticks "$proxy_pid") || cpu0="0 0"
            total0=$(sed -E 's/.* total +([0-9]+).*/\1/' <<< "$line")
        fi
        sleep 0.1
    done
    wait "$tool_pid" || { log "$scenario/$target: load tool failed: $(tail -3 "$base.progress")"; \
        printf '%s\t%s\t-\t-\t-\t-\t-\t-\t-\tload tool failed\n' "$scenario" "$target" >> "$results"; return; }
    local rate p50 p99 errors responses cpu="-" rss="-" note=""
    rate=$(jq -r '.rate.responsesPerSecond' "$base.json")
    p50=$(jq -r '.latencyMs.p50' "$base.json")
    p99=$(jq -r '.latencyMs.p99' "$base.json")
    errors=$(jq -r '.counts.errors' "$base.json")
    responses=$(jq -r '.counts.responses' "$base.json")
    if [ -n "$proxy_pid" ] && [ -n "$cpu0" ] && (( responses > total0 )); then
        local cpu1 user
        cpu1=$(cpu_ticks "$proxy_pid")
        read -r cpu user < <(awk -v a="$cpu0" -v b="$cpu1" -v n=$((responses - total0)) -v hz="$ticks_per_second" \
            'BEGIN { split(a, x, " "); split(b, y, " "); u = y[1] - x[1]; t = u + y[2] - x[2]
                     printf "%.2f %.0f\n", t / hz / n * 100000, (t > 0 ? 100 * u / t : 0) }')
        # Where a difference in CPU lies: user space (the proxy's own code) or the kernel (syscalls, TCP).
        note="user $user %"
        rss=$(awk -v k="$(status_kib "$proxy_pid" VmHWM)" 'BEGIN { printf "%.0f", k / 1024 }')
    fi
    if [ "$kind" = sticky ]; then
        note="${note:+$note; }sticky switches $(jq -r '.sticky.switches' "$base.json"), missing $(jq -r '.sticky.missing' "$base.json")"
    fi
    if (( errors > 0 )); then
        note="${note:+$note; }errors: $(jq -r '.errors | to_entries | map("\(.key)=\(.value)") | join(" ")' "$base.json")"
    fi
    printf '%s\t%s\t%.0f\t%.3f\t%.3f\t%s\t%s\t-\t%s\t%s\n' "$scenario" "$target" "$rate" "$p50" "$p99" "$cpu" "$rss" \
        "$errors" "$round_note${round_note:+${note:+; }}$note" >> "$results"
    log "$scenario/$target: $(printf '%.0f' "$rate") req/s p50 $p50 p99 $p99 ms cpu $cpu s/100k rss $rss MiB $note"
}

# idle SCENARIO TARGET PORT: opens $idle_connections keep-alive connections (one request each, then one more
# every 10 s), and reports the proxy's resident memory per connection once all are open.
idle() {
    local scenario=$1 target=$2 port=$3 pid=${proxy_pid:-$nginx_worker}
    local base=$out/$scenario-$target$round_tag
    "${tool[@]}" run --url "http://127.0.0.1:$port/1k" -c 20 -d 2s > /dev/null 2>&1 || true
    sleep 1
    local rss0 rss1 held=0 best=0 best_rss=0 i
    rss0=$(status_kib "$pid" VmRSS)
    local rate=$(( idle_connections / 10 ))
    "${tool[@]}" run --url "http://127.0.0.1:$port/1k" -c "$idle_connections" -R "$rate" -d 60s --timeout 30s \
        > "$base.out" 2> "$base.progress" &
    local tool_pid=$!
    pids+=("$tool_pid")
    for i in $(seq 1 30); do
        sleep 1
        held=$(ss -Htn state established "sport = :$port" | wc -l)
        rss1=$(status_kib "$pid" VmRSS)
        if (( held > best )); then best=$held; best_rss=$rss1; fi
        if (( held >= idle_connections )); then sleep 1; best_rss=$(status_kib "$pid" VmRSS); break; fi
    done
    kill "$tool_pid" 2>/dev/null || true
    wait "$tool_pid" 2>/dev/null || true
    local per_conn="-" hwm
    hwm=$(awk -v k="$(status_kib "$pid" VmHWM)" 'BEGIN { printf "%.0f", k / 1024 }')
    if (( best > 0 )); then
        per_conn=$(awk -v a="$rss0" -v b="$best_rss" -v n="$best" 'BEGIN { printf "%.1f", (b - a) / n }')
    fi
    local who="proxy"
    [ "$target" = direct ] && who="nginx (backends)"
    printf '%s\t%s\t-\t-\t-\t-\t%s\t%s\t-\t%s%s idle connections held; %s RSS %s -> %s MiB\n' \
        "$scenario" "$target" "$hwm" "$per_conn" "${round_note:+$round_note; }" "$best" "$who" "$((rss0 / 1024))" "$((best_rss / 1024))" >> "$results"
    log "$scenario/$target: $best connections, $per_conn KiB/connection, peak RSS $hwm MiB"
}

# ---- the run --------------------------------------------------------------------------------------------
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
log "results in $out; load average at start: $load_start"
start_backends
have_ours=1
if [ -z "${OURS_COMMAND:-}" ]; then
    java -jar "$core_jar" --help > "$out/lb-core-help.txt" 2>&1 || have_ours=0
    grep -q -- --config "$out/lb-core-help.txt" || have_ours=0
fi

# run_target SCENARIO TARGET: the load of SCENARIO through TARGET (started, on the current ports)
run_target() {
    local scenario=$1 target=$2 size port
    case $scenario in
        http-1k|http-100k)
            size=${scenario#http-}
            port=$LB_HTTP_PORT; [ "$target" = direct ] && port=$BACKEND_A_PORT
            measure "$scenario" "$target" plain "http://127.0.0.1:$port/$size" -c "$CONNECTIONS" ;;
        sticky-1k)
            port=$LB_STICKY_PORT; [ "$target" = direct ] && port=$BACKEND_A_PORT
            measure "$scenario" "$target" sticky "http://127.0.0.1:$port/sticky/1k" -c "$CONNECTIONS" \
                --cookies --sticky-check --server-header X-Server ;;
        tls-ka-1k)
            port=$LB_HTTPS_PORT; [ "$target" = direct ] && port=$DIRECT_TLS_PORT
            measure "$scenario" "$target" plain "https://localhost:$port/1k" --connect-to 127.0.0.1 \
                -c "$CONNECTIONS" ;;
        tls-new-conn)
            port=$LB_HTTPS_PORT; [ "$target" = direct ] && port=$DIRECT_TLS_PORT
            measure "$scenario" "$target" plain "https://localhost:$port/1k" --connect-to 127.0.0.1 \
                -c "$HANDSHAKE_CONNECTIONS" --new-connection-per-request ;;
        idle-10k)
            port=$LB_HTTP_PORT; [ "$target" = direct ] && port=$BACKEND_A_PORT
            idle "$scenario" "$target" "$port" ;;
        *) die "unknown scenario $scenario" ;;
    esac
}

not_run() {  # not_run SCENARIO TARGET WHY
    printf '%s\t%s\t-\t-\t-\t-\t-\t-\t-\tnot run (%s)\n' "$1" "$2" "$3" >> "$results"
}

# run_alone SCENARIO TARGET: a fresh proxy for one run
run_alone() {
    if [ "$have_ours" = 0 ] && [[ $2 == ours* ]]; then not_run "$1" "$2" "lb-core.jar has no --config"; return; fi
    start_proxy "$2" "$1" || { not_run "$1" "$2" "$2 did not start, see $2-$1.log"; return; }
    run_target "$1" "$2"
    stop_proxy
}

# run_interleaved SCENARIO: every target started at once on its own ports, then measured in turns
run_interleaved() {
    local scenario=$1 target k turn full_warmup=$warmup
    local -A pid_of=() ports_of=() warm=()
    k=0
    for target in $targets; do
        k=$((k + 1))
        ports_of[$target]=$k
        if [ "$have_ours" = 0 ] && [[ $target == ours* ]]; then not_run "$scenario" "$target" "lb-core.jar has no --config"; continue; fi
        use_ports "$k"
        if start_proxy "$target" "$scenario" "-p$k"; then
            pid_of[$target]=$proxy_pid
        else
            not_run "$scenario" "$target" "$target did not start, see $target-$scenario.log"
        fi
    done
    local -a order
    read -r -a order <<< "$targets"
    for ((turn = 1; turn <= turns; turn++)); do
        round_note="turn $turn"
        round_tag="-t$turn"
        for target in "${order[@]}"; do
            [ "$target" = direct ] || [ -n "${pid_of[$target]:-}" ] || continue
            use_ports "${ports_of[$target]}"
            proxy_pid=${pid_of[$target]:-}
            # The first turn warms the proxy up; later ones warm up the load tool's fresh JVM (3 s left its
            # TLS client cold: handshake rates of every target fell by a third).
            warmup=$full_warmup
            [ -n "${warm[$target]:-}" ] && warmup=$TURN_WARMUP
            warm[$target]=1
            run_target "$scenario" "$target"
        done
        order=("${order[@]:1}" "${order[0]}")
    done
    warmup=$full_warmup
    for target in "${!pid_of[@]}"; do
        proxy_pid=${pid_of[$target]}
        stop_proxy
    done
    use_ports 0
}

round_tag=""
round_note=""
repeat_word=round
if (( turns > 0 )); then
    repeat_word=turn
    rounds=$turns
    for scenario in $scenarios; do
        if [ "$scenario" = idle-10k ]; then
            round_note=""; round_tag=""
            for target in $targets; do run_alone "$scenario" "$target"; done
        else
            run_interleaved "$scenario"
        fi
    done
else
for ((round = 1; round <= rounds; round++)); do
if (( rounds > 1 )); then
    round_note="round $round"
    (( round > 1 )) && round_tag="-r$round"
fi
# Even rounds take the targets in reverse order, so no target always runs right after the same other one.
round_targets=$targets
(( round % 2 == 0 )) && round_targets=$(tr ' ' '\n' <<< "$targets" | tac | tr '\n' ' ')
for scenario in $scenarios; do
    for target in $round_targets; do
        run_alone "$scenario" "$target"
    done
done
done
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# ratios NUMERATOR DENOMINATOR: the ratios of two targets' medians per scenario, as a small table
ratios() {
    if (( rounds > 1 )); then
        echo "# ratios of the medians over $rounds ${repeat_word}s, $1 / $2 (req/s: higher is better; p99, cpu, rss: lower is better)"
    else
        echo "# ratios $1 / $2 (req/s: higher is better; p99, cpu, rss: lower is better)"
    fi
    awk -F'\t' -v num="$1" -v den="$2" '
        NR == 1 { next }
        function add(k, t, m, x) { if (x == "-" || x == "") return; c = ++cnt[k, t, m]; val[k, t, m, c] = x + 0 }
        { key = $1; add(key, $2, "rate", $3); add(key, $2, "p99", $5); add(key, $2, "cpu", $6); add(key, $2, "rss", $7)
          add(key, $2, "idle", $8)
          if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
        function median(k, t, m,    c, i, j, x, a) {
            c = cnt[k, t, m]; if (c == 0) return "-"
            for (i = 1; i <= c; i++) a[i] = val[k, t, m, i]
            for (i = 2; i <= c; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
            return (c % 2) ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2 }
        function r(a, b) { return (a == "-" || b == "-" || a == "" || b == "" || b + 0 == 0) ? "-" : sprintf("%.2f", a / b) }
        END {
            for (i = 1; i <= n; i++) { k = order[i]
                split("rate p99 cpu rss idle", ms, " ")
                for (j = 1; j <= 5; j++) { v[k, num, ms[j]] = median(k, num, ms[j])
                    v[k, den, ms[j]] = median(k, den, ms[j]) } }
            printf "%-14s %-8s %-8s %-8s %-8s %-10s\n", "scenario", "req/s", "p99", "cpu", "rss", "KiB/conn"
            for (i = 1; i <= n; i++) { k = order[i]
                printf "%-14s %-8s %-8s %-8s %-8s %-10s\n", k, r(v[k, num, "rate"], v[k, den, "rate"]),
                    r(v[k, num, "p99"], v[k, den, "p99"]), r(v[k, num, "cpu"], v[k, den, "cpu"]),
                    r(v[k, num, "rss"], v[k, den, "rss"]),
                    r(v[k, num, "idle"], v[k, den, "idle"]) } }' "$results"
}

# paired_ratios NUMERATOR DENOMINATOR: the same ratios turn by turn, their median and an interval for it
paired_ratios() {
    (( rounds > 1 )) || return 0
    echo
    echo "# ratios $1 / $2 paired by ${repeat_word}: median [k-th lowest..k-th highest, the chance that the interval" \
        "holds the true median ratio (sign test)]; an interval that includes 1.00 is a difference within this run's noise"
    awk -F'\t' -v num="$1" -v den="$2" -f "$here/compare/paired-ratios.awk" "$results"
}

# ---- the table ------------------------------------------------------------------------------------------
{
    if (( turns > 0 )); then
        echo "# lb-bench/compare.sh -i $turns, $started, interleaved: per scenario all targets running at once on their own" \
            "ports, each warmed up ${warmup} s once, then $turns turns of ${duration} s each (${TURN_WARMUP} s of load-tool warm-up before later turns)"
    else
        echo "# lb-bench/compare.sh, $started, ${duration} s measured after ${warmup} s warm-up per run, $rounds round(s)"
    fi
    echo "# machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
        "$(java -version 2>&1 | head -1), $(haproxy -v | head -1 | cut -d' ' -f1-3), $(nginx -v 2>&1 | cut -d' ' -f3)"
    echo "# load average (1/5/15 min) at start: $load_start; at end: $load_end"
    echo "# ours: $ours_command${ours_alt_command:+; ours-alt: $ours_alt_command}"
    echo "# closed loop, $CONNECTIONS connections ($HANDSHAKE_CONNECTIONS for tls-new-conn), one load-tool event loop;" \
        "cpu = proxy process CPU seconds per 100k responses; rss = proxy peak RSS (VmHWM)," \
        "$( (( turns > 0 )) && echo "one process per scenario and target" || echo "fresh process per run")"
    echo "# fd hard limit $fd_limit: global maxconn $global_maxconn, idle scenario holds up to $idle_connections connections"
    echo
    column -t -s $'\t' "$results"
    echo
    ratios ours haproxy-tuned
    paired_ratios ours haproxy-tuned
    if grep -q $'\tours-alt\t' "$results"; then
        echo
        ratios ours-alt ours
        paired_ratios ours-alt ours
    fi
} | tee "$out/table.txt"
