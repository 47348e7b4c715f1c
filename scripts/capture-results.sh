#!/usr/bin/env bash
# Runs one `omega` binary over a fixed battery of commands and keeps every output a user sees (JSON, trade
# lists, equity curves, leaderboards, reports' data), with timing lines removed, in a directory. Two such
# directories, made by two builds, are then compared with `diff -r`: a refactoring that must not change
# results leaves no difference.
# Usage: scripts/capture-results.sh OMEGA_BINARY OUTPUT_DIR   (needs ../shared/data)
#   e.g. scripts/capture-results.sh /tmp/omega-before /tmp/results-before
#        scripts/capture-results.sh .build/release/omega /tmp/results-after
#        diff -r /tmp/results-before /tmp/results-after
set -euo pipefail
omega="$(realpath "${1:?usage: scripts/capture-results.sh OMEGA_BINARY OUTPUT_DIR}")"
out="${2:?output directory}"
cd "$(dirname "$0")/.."
data="$(realpath ../shared/data)"
mkdir -p "$out"
out="$(realpath "$out")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Drops what changes from run to run: wall times and throughput figures.
clean() { grep -vE '(Completed in|elapsed|took|bars/s|events/s|runs/s|Report:|^wrote )' || true; }

run() {
    local name="$1"
    shift
    (cd "$work" && "$omega" "$@") 2>&1 | clean >"$out/$name.txt" || true
}

# Every strategy with its defaults on real spot data, with all result files.
for strategy in $("$omega" strategies | awk 'NR % 2 == 1 { print $1 }'); do
    run "backtest-$strategy" backtest --data "$data/binance_BTCUSDT_1h.csv" --strategy "$strategy" \
        --json "$out/backtest-$strategy.json" --trades "$out/backtest-$strategy-trades.csv" \
        --equity "$out/backtest-$strategy-equity.csv"
done
# The canonical run, on the 1-minute file.
run canonical backtest --data "$data/binance_BTCUSDT_1m.csv" --strategy ema_cross --param fast=12 --param slow=26 \
    --fill next_open --sizing all_in --fee-bps 10 --cash 10000 --json "$out/canonical.json" \
    --trades "$out/canonical-trades.csv"
# A perpetual with funding, long and short, leverage, slippage and latency.
run perp backtest --data "$data/binanceusdm_BTCUSDT_1h.csv" --data "$data/binanceusdm_funding_rates_8h.csv" \
    --strategy donchian_breakout --param mode=long_short --param atr_stop=2 --leverage 3 --slippage-bps 2 \
    --latency-ms 50 --json "$out/perp.json" --trades "$out/perp-trades.csv"
# Exits, limits and the decision audit.
run exits backtest --data "$data/binance_BTCUSDT_1h.csv" --stop atr:14:2 --take-profit 1R:50% \
    --trailing chandelier:22:3 --trail-after 1R --daily-loss 5% --drawdown-halt 20% \
    --audit "$out/exits-decisions.jsonl" --json "$out/exits.json"
# Ticks: trades, quotes and books.
run ticks backtest --data "$data/binance_BTCUSDT_trades.csv" --strategy ema_cross --json "$out/ticks.json"
run book backtest --data "$data/binance_BTCUSDT_book.jsonl.gz" --strategy ema_cross --json "$out/book.json"
# The optimizer: a grid, and random search with walk-forward and Monte Carlo.
run optimize optimize --data "$data/binance_BTCUSDT_1h.csv" --grid fast=2..21:3 --grid slow=22..120:14 \
    --json "$out/optimize.json"
run walk-forward optimize --data "$data/binance_BTCUSDT_1h.csv" --grid fast=3..40 --grid slow=20..200 \
    --random 40 --seed 7 --objective sortino --min-trades 10 --walk-forward train=90d,test=30d --monte-carlo 200 \
    --json "$out/walk-forward.json"
# The default farm, and farms on real spot and perpetual data.
run farm farm --trades-dir "$out/farm-trades" --timeline "$out/farm-timeline.csv" --no-report
run farm-btc farm --data "$data/binance_BTCUSDT_1m.csv" --trades-dir "$out/farm-btc-trades" --no-report
run farm-perp farm --data "$data/binanceusdm_BTCUSDT_1h.csv" --trades-dir "$out/farm-perp-trades" --no-report
# Risk analytics and indicators.
run risk-report risk report --equity "$out/backtest-supertrend-equity.csv"
run risk-stress risk stress --data "$data/binanceusdm_BTCUSDT_1h.csv" --strategy supertrend --leverage 3 --margin cross
run indicators indicators --data "$data/binance_BTCUSDT_1h.csv" --indicator macd:12:26:9 --indicator bbands:20:2 \
    --indicator adx:14 --output "$out/indicators.csv"
run cosmic cosmic --from 2024-01-01 --to 2024-07-01 --at 2024-04-08T18:00 --json
echo "results of $omega in $out"
