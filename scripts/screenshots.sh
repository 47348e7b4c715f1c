#!/usr/bin/env bash
# Renders every report type with the release `omega` and takes a PNG of each in headless Chromium, for
# review by eye:
#
#   scripts/screenshots.sh [OUT_DIR]        default: ./screenshots
#
# Needs `chromium` (apt-get install chromium) and ../shared/data for the real-data reports; without it the
# reports run on the built-in synthetic market.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mkdir -p "${1:-screenshots}" && cd "${1:-screenshots}" && pwd)"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
    echo "error: no chromium on the PATH (apt-get install chromium)" >&2
    exit 1
fi
swift build -c release --product omega >/dev/null
omega="$PWD/.build/release/omega"
data=../shared/data
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -f "$data/binance_BTCUSDT_1h.csv" ]; then
    backtest=(--data "$(cd "$data" && pwd)/binance_BTCUSDT_1h.csv")
else
    backtest=(--bars 20000)
fi
(
    cd "$work"
    "$omega" backtest "${backtest[@]}" --stop atr:14:2 --take-profit 1R:50% --equity equity.csv \
        --report backtest.html --quiet
    "$omega" farm --report farm.html --quiet >/dev/null
    "$omega" optimize "${backtest[@]}" --grid fast=4..20:2 --grid slow=30..90:10 --report optimize.html --quiet
    "$omega" risk report --equity strategy=equity.csv --report risk.html >/dev/null
)
for report in backtest farm optimize risk; do
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2400 \
        --screenshot="$out/$report.png" "file://$work/$report.html" >/dev/null 2>&1
    echo "$out/$report.png"
done
