#!/usr/bin/env bash
# omega sim's performance against a bare Hummingbird endpoint, in one run, release builds, loopback:
#   1. closed-loop signed new orders, 64 keep-alive connections: the sim and the reference alternate
#      (ROUNDS each), so the machine's speed swings hit both;
#   2. open loop at RATE orders a second on 64 connections: the sim's p50 and p99;
#   3. user data: the time from sending an order to its executionReport on a listen-key stream;
#   4. CLIENTS WebSocket clients on depth@100ms for BTC, ETH and SOL: messages and the sim's peak RSS.
#
#   scripts/benchmark-sim.sh [ROUNDS] [RATE] [CLIENTS]      defaults 3, 10000, 1000
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
rate="${2:-10000}"
clients="${3:-1000}"
swift build -c release --product omega >/dev/null
swift build -c release --product sim-benchmark >/dev/null
bin="$(swift build -c release --show-bin-path)"
ulimit -n 65536 2>/dev/null || ulimit -n 4096

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ref_port="$(free_port)"
sim_port="$(free_port)"
"$bin/sim-benchmark" reference --port "$ref_port" &
ref=$!
# The market runs 600× (ten market minutes a wall second) so the book and the streams move.
"$bin/omega" sim --port "$sim_port" --limits off --speed 600 \
    --account "bench:bench-key:bench-secret:USDT=1000000000,BTC=1000" >/dev/null &
sim=$!
trap 'kill $ref $sim 2>/dev/null || true' EXIT
sleep 2

echo "== closed loop: signed new orders, 64 connections (alternating)"
for round in $(seq 1 "$rounds"); do
    printf 'reference round %s: ' "$round"; "$bin/sim-benchmark" orders --port "$ref_port" --seconds 8
    printf 'omega sim round %s: ' "$round"; "$bin/sim-benchmark" orders --port "$sim_port" --seconds 8
done
echo "== open loop: $rate signed new orders a second, 64 connections"
printf 'omega sim: '; "$bin/sim-benchmark" orders --port "$sim_port" --seconds 10 --rate "$rate"
printf 'reference: '; "$bin/sim-benchmark" orders --port "$ref_port" --seconds 10 --rate "$rate"
echo "== user data: order sent → executionReport received"
"$bin/sim-benchmark" userdata --port "$sim_port" --samples 2000
echo "== $clients WebSocket clients on depth@100ms × 3 symbols (a fresh sim: the orders above are kept in memory)"
kill $sim 2>/dev/null || true
wait $sim 2>/dev/null || true
"$bin/omega" sim --port "$sim_port" --speed 600 >/dev/null &
sim=$!
sleep 2
rss_before="$(grep VmRSS /proc/$sim/status | awk '{print $2}')"
"$bin/sim-benchmark" streams --port "$sim_port" --clients "$clients" --seconds 12 --hold 3 &
streams=$!
sleep 13
rss_during="$(grep VmRSS /proc/$sim/status | awk '{print $2}')"
wait $streams
peak="$(grep VmHWM /proc/$sim/status | awk '{print $2}')"
echo "omega sim RSS: before $((rss_before / 1024)) MB, with the clients $((rss_during / 1024)) MB, peak $((peak / 1024)) MB"
