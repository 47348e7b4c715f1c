#!/usr/bin/env bash
# Measures the optimisation figures of the strategy-library issue in one release-build run:
#   a 1,000-combination ema_cross grid (fast 2..21 × slow 22..120 step 2) over binance_BTCUSDT_1m.csv
#   (43k bars), with 1 and 2 workers (3 alternating runs each, median wall time), the speed-up, the peak
#   RSS, and whether both worker counts wrote the same JSON; as a reference, the plain C loop
#   ../shared/reference/limit.c (gcc -O3, one core, no engine) on the same file, times 1,000.
# Usage: scripts/benchmark-optimize.sh [work directory]   (needs ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
data="../shared/data/binance_BTCUSDT_1m.csv"
[ -f "$data" ] || { echo "$data not found" >&2; exit 1; }
echo "== release build"
swift build -c release >/dev/null
omega=.build/release/omega
# Reference: the plain C loop of ../shared/reference/limit.c on the same file, one pass (the sweep is 1,000).
gcc -O3 -ffp-contract=off -o "$work/limit" ../shared/reference/limit.c
"$work/limit" "$data" "$work/limit_1m" 5 >/dev/null
python3 - "$omega" "$data" "$work" <<'PY'
import json, resource, statistics, subprocess, sys, time, filecmp
omega, data, work = sys.argv[1:4]
args = [omega, "optimize", "--data", data, "--strategy", "ema_cross", "--grid", "fast=2..21:1", "--grid", "slow=22..120:2",
        "--quiet"]
times = {1: [], 2: []}
peak = 0
for _ in range(3):
    for workers in (1, 2):
        start = time.perf_counter()
        subprocess.run(args + ["--workers", str(workers), "--json", f"{work}/opt_{workers}.json"], check=True)
        times[workers].append(time.perf_counter() - start)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
runs = len(json.load(open(f"{work}/opt_1.json"))["trials"])
one, two = statistics.median(times[1]), statistics.median(times[2])
c_pass = json.load(open(f"{work}/limit_1m.json"))["median_s"]
print(json.dumps({
    "combinations": runs, "bars": 43211, "bar_evaluations": runs * 43211,
    "wall_s_1_worker": round(one, 3), "wall_s_2_workers": round(two, 3), "speedup": round(one / two, 2),
    "bar_evaluations_per_s_2_workers": round(runs * 43211 / two),
    "peak_rss_mb": round(peak / 1024, 1),
    "c_loop_s_per_pass": c_pass, "c_loop_s_for_1000_passes": round(1000 * c_pass, 3),
    "sweep_2_workers_over_c_loop_1000_passes": round(two / (1000 * c_pass), 2),
    "json_identical_across_workers": filecmp.cmp(f"{work}/opt_1.json", f"{work}/opt_2.json", shallow=False),
}, indent=2))
PY
