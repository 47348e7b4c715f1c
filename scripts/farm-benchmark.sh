#!/usr/bin/env bash
# Measures the bot farm's scaling in a release build: one farm backtest over the 1-minute BTC, ETH and SOL files
# of ../shared/data (43k bars each, 129.6k bars in all) with 1, 10, 100 and 1,000 bots, the personas and
# instruments taken in turn. Each count runs 3 times; the median wall time and the peak RSS are printed,
# with each time as a ratio against the 1-bot run of the same session, and the cost per bot.
# Usage: scripts/farm-benchmark.sh [work directory] [bot counts...]
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
shift || true
counts=("${@:-1 10 100 1000}")
read -r -a counts <<< "${counts[*]}"
mkdir -p "$work"
data="$(cd ../shared/data 2>/dev/null && pwd)" || { echo "../shared/data not found: the farm benchmark needs it" >&2; exit 1; }

echo "== release build" >&2
swift build -c release --product omega >/dev/null
omega=.build/release/omega

personas=(strategic aggressive scalper newbie cosmic fibonacci)
instruments=(BTCUSDT ETHUSDT SOLUSDT)
write_config() {
    local n=$1 file=$2
    {
        echo "name: scale$n"
        echo "cash: 1000000"
        echo "data: [$data/binance_BTCUSDT_1m.csv, $data/binance_ETHUSDT_1m.csv, $data/binance_SOLUSDT_1m.csv]"
        echo "bots:"
        for ((i = 0; i < n; i++)); do
            printf '  - name: bot%04d\n    persona: %s\n    instrument: %s\n    capital: "%s"\n' \
                "$i" "${personas[i % 6]}" "${instruments[i % 3]}" "$((1000000 / n))"
        done
    } > "$file"
}

for n in "${counts[@]}"; do write_config "$n" "$work/farm$n.yaml"; done

python3 - "$omega" "$work" "${counts[@]}" <<'PY'
import json, resource, statistics, subprocess, sys, time
omega, work, counts = sys.argv[1], sys.argv[2], [int(c) for c in sys.argv[3:]]
rows = []
for n in counts:
    times, peak = [], 0
    for _ in range(3):
        start = time.perf_counter()
        run = subprocess.run([omega, "farm", "backtest", "--config", f"{work}/farm{n}.yaml", "--quiet", "--no-report"],
                             capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if run.returncode != 0:
            sys.exit(run.stderr)
        # ru_maxrss of children is the largest child so far; runs go in increasing size, so it is this count's.
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows.append({"bots": n, "median_s": round(statistics.median(times), 3), "peak_rss_mb": round(peak, 1)})
base = rows[0]["median_s"]
print(f"{'bots':>6} {'median s':>9} {'× first':>8} {'ms/bot':>8} {'peak MB':>8}")
for r in rows:
    r["ratio_to_first"] = round(r["median_s"] / base, 2)
    r["ms_per_bot"] = round(1000 * r["median_s"] / r["bots"], 3)
    print(f"{r['bots']:>6} {r['median_s']:>9.3f} {r['ratio_to_first']:>8.2f} {r['ms_per_bot']:>8.3f} {r['peak_rss_mb']:>8.1f}")
json.dump(rows, open(f"{work}/farm_scaling.json", "w"), indent=1)
PY
