#!/usr/bin/env bash
# Measures the issue's three performance figures in one run, on this machine, in a release build:
#   1. throughput of the whole event-driven path on 1,000,000 one-minute bars (canonical EMA 12/26),
#      as bars/s and as a ratio against ../shared/reference/limit.c (gcc -O3) run on the same file;
#   2. peak RSS of `omega backtest` on a 10,000,000-bar file (streamed);
#   3. wall time of `omega backtest` on binance_BTCUSDT_1m.csv (43k bars).
# Usage: scripts/benchmark.sh [work directory]   (needs ../shared for 1 and 3)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
shared="../shared"

echo "== release build"
swift build -c release >/dev/null
omega=.build/release/omega

echo "== data"
[ -f "$work/synthetic_SYNUSDT_1m.csv" ] || "$omega" synth --bars 1000000 --seed 42 --output "$work/synthetic_SYNUSDT_1m.csv"
[ -f "$work/synthetic10m_SYNUSDT_1m.csv" ] || "$omega" synth --bars 10000000 --seed 42 --output "$work/synthetic10m_SYNUSDT_1m.csv"

echo "== 1. throughput (median of 21 C runs, 5 omega runs; parsing excluded on both sides)"
if [ -f "$shared/reference/limit.c" ]; then
    gcc -O3 -ffp-contract=off -o "$work/limit" "$shared/reference/limit.c"
    "$work/limit" "$work/synthetic_SYNUSDT_1m.csv" "$work/limit_out" 21 >/dev/null
    c_json="$work/limit_out.json"
else
    echo "../shared/reference/limit.c not found: no C reference"
    c_json=""
fi
"$omega" bench --data "$work/synthetic_SYNUSDT_1m.csv" --repeat 5 > "$work/omega_bench.json"

echo "== 2. peak memory on 10M bars"
python3 - "$omega" "$work" <<'PY' > "$work/memory.json"
import json, resource, subprocess, sys, time
omega, work = sys.argv[1], sys.argv[2]
start = time.time()
run = subprocess.run([omega, "backtest", "--data", f"{work}/synthetic10m_SYNUSDT_1m.csv", "--json", f"{work}/r10m.json",
                      "--trades", f"{work}/t10m.csv", "--report", f"{work}/r10m.html", "--quiet"], capture_output=True, text=True)
if run.returncode != 0:
    sys.exit(run.stderr)
print(json.dumps({"bars": 10_000_000, "wall_s": round(time.time() - start, 3),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}))
PY

echo "== 3. start-up on binance_BTCUSDT_1m.csv"
if [ -f "$shared/data/binance_BTCUSDT_1m.csv" ]; then
    python3 - "$omega" "$shared/data/binance_BTCUSDT_1m.csv" <<'PY' > "$work/startup.json"
import json, statistics, subprocess, sys, time
omega, data = sys.argv[1], sys.argv[2]
times = []
for _ in range(11):
    start = time.perf_counter()
    subprocess.run([omega, "backtest", "--data", data, "--quiet"], check=True)
    times.append(time.perf_counter() - start)
print(json.dumps({"runs": len(times), "median_s": round(statistics.median(times), 4), "max_s": round(max(times), 4)}))
PY
else
    echo '{"skipped": "no ../shared/data"}' > "$work/startup.json"
fi

python3 - "$work" "$c_json" <<'PY'
import json, sys
work, c_json = sys.argv[1], sys.argv[2]
omega = json.load(open(f"{work}/omega_bench.json"))
memory = json.load(open(f"{work}/memory.json"))
startup = json.load(open(f"{work}/startup.json"))
print()
print("| figure | value | target |")
print("| --- | --- | --- |")
print(f"| omega throughput, 1M bars | {omega['bars_per_s']/1e6:.2f} M bars/s (median {omega['median_s']*1000:.1f} ms, {omega['trades']} trades) | ≥ 20 M bars/s |")
if c_json:
    c = json.load(open(c_json))
    ratio = omega["bars_per_s"] / c["bars_per_s"]
    print(f"| C loop (limit.c, gcc -O3), same file | {c['bars_per_s']/1e6:.1f} M bars/s ({c['trades']} trades) | |")
    print(f"| omega / C | 1/{1/ratio:.1f} ({ratio:.3f}) | ≥ 1/10 |")
    if c["trades"] != omega["trades"]:
        print(f"warning: trade counts differ: C {c['trades']}, omega {omega['trades']}")
print(f"| peak RSS, 10M-bar backtest | {memory['peak_rss_mb']} MB (wall {memory['wall_s']} s) | < 150 MB |")
if "median_s" in startup:
    print(f"| omega backtest on binance_BTCUSDT_1m.csv | median {startup['median_s']*1000:.0f} ms, max {startup['max_s']*1000:.0f} ms | < 0.5 s |")
PY
