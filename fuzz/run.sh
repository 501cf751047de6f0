#!/usr/bin/env bash
# Chirp's fuzz targets (cargo-fuzz, libFuzzer), each for SECONDS (20 by
# default; CI runs that), from the seed corpus in fuzz/seeds/<target> plus
# what earlier runs found (fuzz/corpus/<target>, not committed):
#
#   bash fuzz/run.sh [SECONDS]
#   FUZZ_RUNS=10000000 bash fuzz/run.sh [TARGET…]   # a number of inputs instead
#
# Installs cargo-fuzz when missing. The installed stable toolchain takes
# libFuzzer's -Z flags with RUSTC_BOOTSTRAP=1; AddressSanitizer is on
# (cargo-fuzz's default). Prints executions, coverage and the corpus per
# target, and fails on any crash, timeout or out-of-memory (the input is
# kept in fuzz/artifacts/<target>/).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
targets=(wire_decode direct_decode presence_profile settings_json broker_url)
if [ -n "${FUZZ_RUNS:-}" ]; then
    limit=(-runs="$FUZZ_RUNS")
    (($#)) && targets=("$@")
else
    limit=(-max_total_time="${1:-20}")
fi

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "fuzz/run.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked --quiet
fi
export RUSTC_BOOTSTRAP=1

echo "fuzz/run.sh: building ${targets[*]}" >&2
cargo fuzz build -O
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
printf '%-18s %14s %10s %10s %8s  %s\n' target executions exec/s coverage corpus result
failed=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    # -timeout: one input over 10 s is a hang; -rss_limit_mb: over 2 GiB is
    # an out-of-memory (Chirp bounds what it reads far below that).
    if cargo fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
        "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"$logs/$target" 2>&1; then
        result=ok
    else
        result=FAILED
        failed=1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$target" | grep -o '[0-9]*$' || echo '?')
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$logs/$target" | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "$logs/$target" | tail -1 | grep -o '[0-9]*' || echo '?')
    corpus=$(find "corpus/$target" -type f | wc -l)
    printf '%-18s %14s %10s %10s %8s  %s\n' "$target" "$runs" "$rate" "$cov" "$corpus" "$result"
    if [ "$result" = FAILED ]; then
        tail -30 "$logs/$target" >&2
    fi
done
exit "$failed"
