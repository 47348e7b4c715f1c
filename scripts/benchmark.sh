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

echo "== 1. throughput (7 alternating rounds of 3 C runs and 3 omega runs; parsing excluded on both sides,"
echo "   omega replaying the bars from an EventTape in memory, the C loop from its arrays of opens and closes)"
# The two are timed in turn, round by round, so that the machine's drift (10-20 % within the hour on a
# shared machine) falls on both alike; the ratio is the median of the seven rounds' ratios.
if [ -f "$shared/reference/limit.c" ]; then
    gcc -O3 -ffp-contract=off -o "$work/limit" "$shared/reference/limit.c"
else
    echo "../shared/reference/limit.c not found: no C reference"
fi
python3 - "$omega" "$work" <<'PY' > "$work/throughput.json"
import json, os, statistics, subprocess, sys
omega, work = sys.argv[1], sys.argv[2]
data = f"{work}/synthetic_SYNUSDT_1m.csv"
has_c = os.path.exists(f"{work}/limit")
rounds = []
for _ in range(7):
    entry = {}
    if has_c:
        subprocess.run([f"{work}/limit", data, f"{work}/limit_out", "3"], check=True, capture_output=True)
        entry["c"] = json.load(open(f"{work}/limit_out.json"))
    run = subprocess.run([omega, "bench", "--data", data, "--repeat", "3"], check=True, capture_output=True, text=True)
    entry["omega"] = json.loads(run.stdout)
    rounds.append(entry)
omega_s = [r["omega"]["median_s"] for r in rounds]
result = {"rounds": len(rounds), "omega_median_s": statistics.median(omega_s), "omega_fastest_s": min(omega_s),
          "bars": rounds[0]["omega"]["n_bars"], "trades": rounds[0]["omega"]["trades"]}
if has_c:
    c_s = [r["c"]["median_s"] for r in rounds]
    ratios = sorted(c / o for c, o in zip(c_s, omega_s))
    result.update({"c_median_s": statistics.median(c_s), "c_trades": rounds[0]["c"]["trades"],
                   "ratio_median": statistics.median(ratios), "ratio_low": ratios[0], "ratio_high": ratios[-1]})
print(json.dumps(result))
PY

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

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
t = json.load(open(f"{work}/throughput.json"))
memory = json.load(open(f"{work}/memory.json"))
startup = json.load(open(f"{work}/startup.json"))
bars = t["bars"]
print()
print("| figure | value | target |")
print("| --- | --- | --- |")
print(f"| omega throughput, 1M bars | {bars / t['omega_median_s'] / 1e6:.2f} M bars/s (median {t['omega_median_s'] * 1000:.1f} ms, "
      f"fastest round {t['omega_fastest_s'] * 1000:.1f} ms, {t['trades']} trades) | ≥ 20 M bars/s |")
if "c_median_s" in t:
    print(f"| C loop (limit.c, gcc -O3), same file, alternated | {bars / t['c_median_s'] / 1e6:.1f} M bars/s ({t['c_trades']} trades) | |")
    print(f"| omega / C, median of {t['rounds']} rounds | 1/{1 / t['ratio_median']:.1f} ({t['ratio_median']:.3f}; rounds 1/{1 / t['ratio_high']:.1f} to 1/{1 / t['ratio_low']:.1f}) | ≥ 1/10 |")
    if t["c_trades"] != t["trades"]:
        print(f"warning: trade counts differ: C {t['c_trades']}, omega {t['trades']}")
print(f"| peak RSS, 10M-bar backtest | {memory['peak_rss_mb']} MB (wall {memory['wall_s']} s) | < 150 MB |")
if "median_s" in startup:
    print(f"| omega backtest on binance_BTCUSDT_1m.csv | median {startup['median_s']*1000:.0f} ms, max {startup['max_s']*1000:.0f} ms | < 0.5 s |")
PY
