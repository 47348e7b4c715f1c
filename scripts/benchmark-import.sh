#!/usr/bin/env bash
# Measures `omega data import` speed (release build): 1,000,000 one-minute candles (a synthetic file in the
# ../shared/data candle format) into a new store, 3 runs, median; then the same file again (every row
# already stored); then the real binance_BTCUSDT_1m.csv (43k rows) when ../shared is present. As a
# same-run reference: the sqlite3 shell's own CSV import of the same 1M rows into a plain table.
# Usage: scripts/benchmark-import.sh [work directory]
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
echo "== release build"
swift build -c release >/dev/null
omega=.build/release/omega
[ -f "$work/sim_SYNUSDT_1m.csv" ] || "$omega" synth --bars 1000000 --seed 42 --output "$work/sim_SYNUSDT_1m.csv"
python3 - "$omega" "$work" <<'PY'
import json, os, re, shutil, statistics, subprocess, sys, time
omega, work = sys.argv[1], sys.argv[2]
def run(args, env_dir):
    env = dict(os.environ, OMEGA_DATA_DIR=env_dir)
    start = time.perf_counter()
    out = subprocess.run([omega, "data", "import", *args], env=env, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, out
fresh = []
for i in range(3):
    store = f"{work}/store{i}"
    shutil.rmtree(store, ignore_errors=True)
    seconds, out = run([f"{work}/sim_SYNUSDT_1m.csv"], store)
    fresh.append(seconds)
again, out_again = run([f"{work}/sim_SYNUSDT_1m.csv"], f"{work}/store0")
assert "0 new, 1000000 already stored" in out_again, out_again
# Reference: the sqlite3 shell's CSV import into a plain table, same file, same machine.
shutil.rmtree(f"{work}/ref.sqlite", ignore_errors=True)
start = time.perf_counter()
subprocess.run(["sqlite3", f"{work}/ref.sqlite"], input=f".mode csv\n.import --skip 1 {work}/sim_SYNUSDT_1m.csv candles\n",
               text=True, check=True, capture_output=True)
reference = time.perf_counter() - start
result = {"rows": 1_000_000, "fresh_import_s_median": round(statistics.median(fresh), 3),
          "fresh_rows_per_s": round(1_000_000 / statistics.median(fresh)),
          "reimport_s": round(again, 3), "reimport_rows_per_s": round(1_000_000 / again),
          "sqlite3_shell_csv_import_s": round(reference, 3),
          "omega_over_sqlite3_shell": round(statistics.median(fresh) / reference, 2)}
real = "../shared/data/binance_BTCUSDT_1m.csv"
if os.path.exists(real):
    shutil.rmtree(f"{work}/real", ignore_errors=True)
    seconds, _ = run([real], f"{work}/real")
    result["binance_BTCUSDT_1m_s"] = round(seconds, 3)
print(json.dumps(result, indent=2))
PY
