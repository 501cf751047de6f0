#!/usr/bin/env bash
# Chirp's benchmarks against mosquitto_sub and paho-mqtt, in one command:
#
#   bash benches/run.sh            # full sizes (about 30 minutes after the build; the soak is 10)
#   bash benches/run.sh --small    # every part at a tiny size, unoptimised: a smoke test (CI)
#
# Installs what it needs when missing (mosquitto, its clients, Xvfb, xdotool,
# the GL runtime, paho-mqtt), builds in release, starts its own mosquitto on
# a free loopback port and its own Xvfb display, runs the parts of
# benches/ingest.rs, then benches/frame_cost.rs and benches/search.rs, and prints one report (also saved to
# target/bench-report.txt). Cleans up its processes and temp files; exits
# non-zero, saying which part, if anything fails. Needs no network beyond
# the package installs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

small=0
for arg in "$@"; do
    case $arg in
        --small) small=1 ;;
        -h | --help)
            sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "benches/run.sh: unknown argument $arg (try --small)" >&2
            exit 2
            ;;
    esac
done

if ((small)); then
    INGEST_COUNT=2000 LATENCY_RATE=1000 LATENCY_SECONDS=0.5 MEMORY_COUNT=20000
    HISTORY=1000 STARTUP_RUNS=1 STARTUP_WARMUP=0 SETTLE_MS=500 TIMEOUT=60 ALONE_REPEAT=1
    SIGNED_DECODES=2000 SIGNED_PREPARES=200
    CPU_COUNT=2000 CPU_REPEAT=1 CPU_SETTLE_MS=300 BACKLOG_COUNT=2000 BACKLOG_REPEAT=1
    INGEST_REPEAT=1 SIGNED_REPEAT=1 MIXED_REPEAT=1 LATENCY_REPEAT=1 MEMORY_REPEAT=1
    GUI_IDLE_RUNS=1 FRAME_REPEAT=1 SEARCH_REPEAT=1
else
    INGEST_COUNT=100000 LATENCY_RATE=1000 LATENCY_SECONDS=5 MEMORY_COUNT=1000000
    HISTORY=50000 STARTUP_RUNS=5 STARTUP_WARMUP=1 SETTLE_MS=2000 TIMEOUT=180 ALONE_REPEAT=3
    SIGNED_DECODES=20000 SIGNED_PREPARES=2000
    CPU_COUNT=100000 CPU_REPEAT=3 CPU_SETTLE_MS=1000 BACKLOG_COUNT=200000 BACKLOG_REPEAT=3
    INGEST_REPEAT=3 SIGNED_REPEAT=3 MIXED_REPEAT=3 LATENCY_REPEAT=3 MEMORY_REPEAT=3
    GUI_IDLE_RUNS=3 FRAME_REPEAT=3 SEARCH_REPEAT=3
fi

say() { echo "benches/run.sh: $*" >&2; }
die() {
    echo "benches/run.sh: FAILED: $*" >&2
    exit 1
}

# --- What it needs -----------------------------------------------------------

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root or sudo to run: $*"
    fi
}

packages=(mosquitto mosquitto-clients xvfb xauth xdotool
    libegl1 libegl-mesa0 libgl1-mesa-dri libglx-mesa0 libxkbcommon-x11-0
    libx11-xcb1 libxcursor1 libxi6 libfontconfig1
    fonts-noto-color-emoji) # frame cost's colour emoji row
command -v python3 >/dev/null 2>&1 || packages+=(python3 python3-pip)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
        missing+=("$package")
done
if ((${#missing[@]})); then
    command -v apt-get >/dev/null 2>&1 || die "no apt-get; install ${missing[*]} yourself"
    say "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi
if ! python3 -c 'import paho.mqtt.client' 2>/dev/null; then
    say "installing paho-mqtt for python3"
    pip=(python3 -m pip install --quiet --disable-pip-version-check paho-mqtt)
    "${pip[@]}" 2>/dev/null || "${pip[@]}" --break-system-packages 2>/dev/null ||
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-paho-mqtt >/dev/null ||
        true
    python3 -c 'import paho.mqtt.client' || die "could not install paho-mqtt for python3"
fi
PATH=$PATH:/usr/sbin:/usr/local/sbin:/sbin
for tool in mosquitto mosquitto_sub Xvfb xdotool cargo; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done

# --- Processes and files, all cleaned up on exit --------------------------------

work=$(mktemp -d "${TMPDIR:-/tmp}/chirp-bench.XXXXXX")
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Build --------------------------------------------------------------------

# --small is a smoke test (CI runs it after the tests): it reuses the
# test build (unoptimised) instead of building everything again in release.
if ((small)); then
    profile=(--profile test)
    chirp_built=target/debug/chirp
else
    profile=(--release)
    chirp_built=target/release/chirp
fi
bench_profile=()
((small)) && bench_profile=(--profile test)
say "building (cargo build ${profile[*]}, cargo bench ${bench_profile[*]} --no-run)"
cargo build "${profile[@]}" --bin chirp --quiet || die "cargo build ${profile[*]}"
bench_exe=$(cargo bench "${bench_profile[@]}" --bench ingest --no-run --quiet --message-format=json-render-diagnostics |
    python3 -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "compiler-artifact" and message["target"]["name"] == "ingest" \
            and message.get("executable"):
        print(message["executable"])
') || die "cargo bench --bench ingest --no-run"
[ -x "$bench_exe" ] || die "no ingest bench executable was built"
# Copies: another cargo command in this target dir can't swap them mid-run.
mkdir -p "$work/bin"
cp "$chirp_built" "$work/bin/chirp"
cp "$bench_exe" "$work/bin/ingest"
chirp=$work/bin/chirp
bench=$work/bin/ingest

# --- The broker ----------------------------------------------------------------

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_broker NAME [EXTRA CONFIG LINE]: sets $port and $broker_log.
start_broker() {
    local name=$1 extra=${2:-} attempt broker_pid
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        broker_log=$work/$name.log
        rm -f "$broker_log"
        cat >"$work/$name.conf" <<EOF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 0
user root
log_dest file $broker_log
log_type error
log_type warning
log_type notice
log_type information
log_type subscribe
$extra
EOF
        mosquitto -c "$work/$name.conf" 2>"$work/$name.stderr" &
        broker_pid=$!
        pids+=("$broker_pid")
        local i
        for i in $(seq 200); do
            kill -0 "$broker_pid" 2>/dev/null || break
            if grep -q ' running' "$broker_log" 2>/dev/null &&
                (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
                return 0
            fi
            sleep 0.05
        done
        kill "$broker_pid" 2>/dev/null || true
        wait "$broker_pid" 2>/dev/null || true
        say "mosquitto did not start on port $port (attempt $attempt): $(cat "$work/$name.stderr" "$broker_log" 2>/dev/null | tail -3)"
    done
    die "mosquitto did not start"
}

start_xvfb() {
    : >"$work/display"
    # -noreset: by default Xvfb resets when its last client leaves, and a
    # window started during the reset finds no server.
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$work/display" 2>"$work/xvfb.log" &
    xvfb_pid=$!
    pids+=("$xvfb_pid")
    local i
    for i in $(seq 200); do
        if [ -s "$work/display" ]; then
            export DISPLAY=":$(head -1 "$work/display")"
            return 0
        fi
        kill -0 "$xvfb_pid" 2>/dev/null || break
        sleep 0.05
    done
    die "Xvfb did not start: $(tail -3 "$work/xvfb.log")"
}

# The broker as configured by default, and a second one with TCP_NODELAY on
# its sockets: mosquitto's default (Nagle's algorithm on) holds small
# messages back for milliseconds, which hides the clients' own latency.
start_broker nodelay "set_tcp_nodelay true"
nodelay_broker=(--port "$port" --broker-log "$broker_log" --timeout "$TIMEOUT")
nodelay_log=$broker_log
start_broker mosquitto
broker=(--port "$port" --broker-log "$broker_log" --timeout "$TIMEOUT")
start_xvfb

# --- The report ------------------------------------------------------------------

report=target/bench-report.txt
: >"$report"
out() { tee -a "$report"; }
part() {
    local name=$1
    shift
    "$@" | out || die "$name (see the messages above)"
}

mosquitto_version=$(mosquitto -h 2>/dev/null | head -1 || true)
{
    echo "Chirp benchmarks ($( ((small)) && echo 'bash benches/run.sh --small: tiny sizes, the unoptimised test build: figures not meaningful' || echo 'bash benches/run.sh'))"
    echo "date:      $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "commit:    $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
    echo "software:  ${mosquitto_version:-mosquitto ?}, $(rustc --version), $(python3 --version), paho-mqtt $(python3 -c 'import paho.mqtt; print(paho.mqtt.__version__)')"
    echo "broker:    mosquitto on 127.0.0.1:$port with max_queued_messages 0 (nothing dropped for slow subscribers), otherwise defaults"
    echo "note:      the publisher, the broker and every subscriber share these $(nproc) cores"
} | out

echo | out
echo "== 1. Ingest: Chirp's core, mosquitto_sub and paho-mqtt subscribed to one flood at once ==" | out
part "ingest (Chirp core)" "$bench" ingest "${broker[@]}" --count "$INGEST_COUNT" --paho benches/paho_sub.py \
    --repeat "$INGEST_REPEAT"
echo | out
echo "== 1b. Ingest: chirp follow --json --count N (a separate run), with the same two next to it ==" | out
part "ingest (chirp follow)" "$bench" ingest "${broker[@]}" --count "$INGEST_COUNT" \
    --paho benches/paho_sub.py --follow-bin "$chirp" --repeat "$INGEST_REPEAT"

echo | out
echo "== 1c. Ingest: each subscriber alone (separate runs): what each takes with no other client on the cores ==" | out
part "ingest (each alone)" "$bench" ingest "${broker[@]}" --count "$INGEST_COUNT" \
    --paho benches/paho_sub.py --follow-bin "$chirp" --each-alone --repeat "$ALONE_REPEAT"

echo | out
echo "== 1d. Ingest, signed: every payload signed by its author, next to the same flood unsigned; the cost of verifying and of signing ==" | out
part "signed" "$bench" signed "${broker[@]}" --count "$INGEST_COUNT" --follow-bin "$chirp" \
    --decodes "$SIGNED_DECODES" --prepares "$SIGNED_PREPARES" --repeat "$SIGNED_REPEAT"

echo | out
echo "== 1e. Ingest, mixed kinds: signed tweets with signed likes and reposts among them ==" | out
part "mixed" "$bench" mixed "${broker[@]}" --count "$INGEST_COUNT" --repeat "$MIXED_REPEAT"

echo | out
echo "== 2. Latency: publish → Timeline model, next to mosquitto_sub ==" | out
echo "-- 2a. on a broker with set_tcp_nodelay true: the clients' own latency --" | out
part latency "$bench" latency "${nodelay_broker[@]}" --rate "$LATENCY_RATE" --seconds "$LATENCY_SECONDS" \
    --repeat "$LATENCY_REPEAT"
echo "-- 2b. on the default-configured broker (Nagle's algorithm on its sockets) --" | out
part latency "$bench" latency "${broker[@]}" --rate "$LATENCY_RATE" --seconds "$LATENCY_SECONDS" \
    --repeat "$LATENCY_REPEAT"

echo | out
echo "== 3. Memory per tweet held in the Timeline (no broker) ==" | out
part memory "$bench" memory --count "$MEMORY_COUNT" --repeat "$MEMORY_REPEAT"
echo | out
part memory "$bench" memory --count "$MEMORY_COUNT" --held-signatures --repeat "$MEMORY_REPEAT"

echo | out
echo "== 4. The window's idle RSS under Xvfb (release binary, glow on Mesa's software GL) ==" | out
part "make profiles" "$bench" make-profile --dir "$work/empty" --port "$port"
part "make profiles" "$bench" make-profile --dir "$work/history" --port "$port" --history "$HISTORY"
part "gui idle" "$bench" gui-idle --bin "$chirp" --profile "$work/empty" --settle-ms "$SETTLE_MS" \
    --label "empty profile" --runs "$GUI_IDLE_RUNS"
part "gui idle (history)" "$bench" gui-idle --bin "$chirp" --profile "$work/history" \
    --settle-ms "$SETTLE_MS" --label "$HISTORY tweets of history (extra)" --runs "$GUI_IDLE_RUNS"

echo | out
echo "== 5. Start-up: exec → window visible (xdotool --onlyvisible polled every ~5 ms; eframe shows the window after its first frame, so this approximates the first frame) ==" | out
part "gui startup" "$bench" gui-startup --bin "$chirp" --profile "$work/empty" \
    --runs "$STARTUP_RUNS" --warmup "$STARTUP_WARMUP" --label "empty profile"
part "gui startup (history)" "$bench" gui-startup --bin "$chirp" --profile "$work/history" \
    --runs "$STARTUP_RUNS" --warmup "$STARTUP_WARMUP" --label "$HISTORY tweets of history"

bench_args=(--bench)
((small)) && bench_args+=(--small)
echo | out
echo "== 6. Frame cost: the real window's UI code, headless, while 10k tweets/s arrive ==" | out
part "frame cost" cargo bench "${bench_profile[@]}" --quiet --bench frame_cost -- "${bench_args[@]}" --repeat "$FRAME_REPEAT"

echo | out
echo "== 7. Search (Ctrl+F) and conversations over the timeline ==" | out
part "search" cargo bench "${bench_profile[@]}" --quiet --bench search -- "${bench_args[@]}" --repeat "$SEARCH_REPEAT"

echo | out
echo "== 8. CPU per tweet: each subscriber its own process, user + system CPU / tweets received ==" | out
echo "-- 8a. unsigned tweets; targets: chirp follow ≤ 1.0× mosquitto_sub, the window ≤ 3×, paho ≥ 5× chirp follow --" | out
part "cpu" "$bench" cpu "${broker[@]}" --count "$CPU_COUNT" --repeat "$CPU_REPEAT" \
    --settle-ms "$CPU_SETTLE_MS" --paho benches/paho_sub.py --bin "$chirp"
echo "-- 8b. signed tweets (Chirp checks the signatures: chirp follow each one, the window those it shows); same targets --" | out
part "cpu (signed)" "$bench" cpu "${broker[@]}" --count "$CPU_COUNT" --repeat "$CPU_REPEAT" \
    --settle-ms "$CPU_SETTLE_MS" --paho benches/paho_sub.py --bin "$chirp" --signed-by 300

echo | out
echo "== 9. Backlog drain: tweets queued for persistent sessions while away, then each client alone; targets: drain rate ≥ 0.9× mosquitto_sub's, window frame p99 ≤ 16 ms, no tweet lost ==" | out
part "backlog" "$bench" backlog "${broker[@]}" --count "$BACKLOG_COUNT" --repeat "$BACKLOG_REPEAT" --bin "$chirp"
# --- Issue 15 parts 3 and 4: idle memory, and the soak of the real window ---

if ((small)); then
    IDLE_RUNS=1 IDLE_SETTLE=2 SOAK_RATE=200 SOAK_SECONDS=12 SOAK_SAMPLE=1 SOAK_PERIOD=3
else
    IDLE_RUNS=3 IDLE_SETTLE=4 SOAK_RATE=2000 SOAK_SECONDS=600 SOAK_SAMPLE=10 SOAK_PERIOD=60
fi
echo | out
echo "== 10. Idle memory: the anonymous RSS of an idle empty window (release binary, glow on Mesa's software GL) ==" | out
part "idle memory" "$bench" idle-memory --bin "$chirp" --profile "$work/empty" \
    --runs "$IDLE_RUNS" --settle "$IDLE_SETTLE"
if ((!small)); then
    # The heap by cause needs heaptrack (a Debian package); the full run only.
    if ! command -v heaptrack >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
        say "installing heaptrack"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            heaptrack >/dev/null || true
    fi
    if command -v heaptrack >/dev/null 2>&1; then
        part "idle heap" python3 benches/idle_heap.py "$chirp" "$work/empty"
    else
        echo "  (heaptrack not installed: no breakdown by cause)" | out
    fi
fi

echo | out
echo "== 11. Soak: the window following $SOAK_RATE tweets/s over 50 hashtags for $SOAK_SECONDS s (one run) ==" | out
part soak "$bench" soak "${broker[@]}" --bin "$chirp" --dir "$work/soak" --rate "$SOAK_RATE" \
    --seconds "$SOAK_SECONDS" --sample-secs "$SOAK_SAMPLE" --period-secs "$SOAK_PERIOD" \
    --chart target/soak-rss.svg

# --- Issue 16 part 3: many clients at once ---

if ((small)); then
    CROWD_CLIENTS=20 CROWD_RATE=5 CROWD_SECONDS=3 CROWD_PROBE=50
else
    CROWD_CLIENTS=200 CROWD_RATE=10 CROWD_SECONDS=60 CROWD_PROBE=1100
fi
echo | out
echo "== 12. Load: $CROWD_CLIENTS Chirp cores posting at once under 20 hashtags, a follower on all, against mosquitto and chirp broker (one run each) ==" | out
part crowd "$bench" crowd --bin "$chirp" --dir "$work/crowd" --clients "$CROWD_CLIENTS" \
    --rate "$CROWD_RATE" --seconds "$CROWD_SECONDS" --tags 20 --probe-connections "$CROWD_PROBE"

if grep -q 'dropped' "$broker_log" "$nodelay_log"; then
    grep 'dropped' "$broker_log" "$nodelay_log" | head -3 >&2
    die "the broker dropped messages (see above)"
fi
echo | out
say "done; report saved to $report"
