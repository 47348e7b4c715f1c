#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (-sanitize=fuzzer,address) and runs each for a set time, starting
# from the seed corpus in Fuzz/Corpus/<target> (new inputs go to a work directory, not the repository).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      default: 600 s each, every target
#   FUZZ_JOBS=2 scripts/fuzz.sh 600            run two targets at a time
#
# Prints one line per target: executions, executions per second, corpus size and findings. A finding (a
# crash, a trap or a sanitizer report) is saved as Fuzz/findings/<target>/crash-* and makes the script exit 1;
# replay it with `Fuzz/.build/release/<target> Fuzz/findings/<target>/crash-…`.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(FuzzCandles FuzzTicks FuzzBooks FuzzGzip FuzzNumbers FuzzFarmYAML FuzzOptions)
fi
jobs="${FUZZ_JOBS:-1}"

echo "== building the fuzz targets (release, -sanitize=fuzzer,address)"
swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address > Fuzz/.build-fuzz.log 2>&1 || {
    tail -30 Fuzz/.build-fuzz.log
    exit 1
}
binaries="$(swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address --show-bin-path)"

work="${FUZZ_WORK:-$(mktemp -d /tmp/omega-fuzz.XXXXXX)}"
run_one() {
    local target="$1"
    local corpus="$work/corpus/$target"
    local findings="Fuzz/findings/$target"
    mkdir -p "$corpus" "$findings"
    cp -n Fuzz/Corpus/"$target"/* "$corpus"/ 2>/dev/null || true
    local log="$work/$target.log"
    set +e
    "$binaries/$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
        -artifact_prefix="$findings/" -print_final_stats=1 > "$log" 2>&1
    local status=$?
    set -e
    local runs
    runs="$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo 0)"
    local rate
    rate="$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo 0)"
    local size
    size="$(find "$corpus" -type f | wc -l)"
    local found
    found="$(find "$findings" -type f | wc -l)"
    printf '%-14s %8s s  %12s executions  %8s/s  corpus %6s  findings %s  (exit %s)\n' \
        "$target" "$seconds" "$runs" "$rate" "$size" "$found" "$status"
    [ "$status" -eq 0 ] && [ "$found" -eq 0 ]
}

echo "== fuzzing ${#targets[@]} targets for $seconds s each, $jobs at a time (work directory $work)"
failed=0
running=0
pids=()
for target in "${targets[@]}"; do
    run_one "$target" &
    pids+=($!)
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || failed=1
        running=$((running - 1))
    fi
done
while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
done
if [ "$failed" -ne 0 ]; then
    echo "fuzzing found problems: see Fuzz/findings/ and the logs in $work" >&2
    exit 1
fi
echo "no findings"
