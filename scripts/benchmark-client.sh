#!/usr/bin/env bash
# The client's own cost per order: BinanceAdapter.place (validate, sign, encode, send, classify, decode)
# against omega sim on loopback, next to the same orders signed beforehand and sent by the same HTTP client
# (the sim's service time plus loopback and HTTP), alternating in one run, release builds. Prints p50/p99 of
# both and the difference.
#
#   scripts/benchmark-client.sh [ORDERS] [ROUNDS]       defaults 2000, 3
set -euo pipefail
cd "$(dirname "$0")/.."
orders="${1:-2000}"
rounds="${2:-3}"
swift build -c release --product omega >/dev/null
swift build -c release --product client-benchmark >/dev/null
bin="$(swift build -c release --show-bin-path)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
"$bin/omega" sim --port "$port" --limits off --speed 60 --account "bench:bench-key:bench-secret:USDT=1000000000,BTC=1000" >/dev/null &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
sleep 2
"$bin/client-benchmark" "http://127.0.0.1:$port" bench-key bench-secret "$orders" "$rounds"
