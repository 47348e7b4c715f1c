#!/usr/bin/env bash
# Decode plus local-book apply of Binance USD-M depthUpdate frames, against Python's json.loads over the same
# frames (decode alone), in one run, release build, alternating ROUNDS times so the machine's speed swings
# hit both. The frames are rebuilt from ../shared/data/binanceusdm_BTCUSDT_book.jsonl.gz as Binance sent them
# (prices and sizes as strings; the REST snapshot of each capture window).
#
#   scripts/benchmark-depth.sh [ROUNDS]       default 3
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
book="${OMEGA_SHARED_DIR:-../shared}/data/binanceusdm_BTCUSDT_book.jsonl.gz"
[ -f "$book" ] || { echo "error: $book not found (set OMEGA_SHARED_DIR)" >&2; exit 1; }
swift build -c release --product depth-benchmark >/dev/null
bin="$(swift build -c release --show-bin-path)"
frames="$(mktemp)"
trap 'rm -f "$frames"' EXIT
python3 - "$book" "$frames" <<'PY'
import gzip, json, sys
def text(value):
    return repr(value) if isinstance(value, float) else str(value)
with gzip.open(sys.argv[1], "rt") as source, open(sys.argv[2], "w") as out:
    for line in source:
        record = json.loads(line)
        side = lambda levels: [[text(p), text(q)] for p, q in levels]
        if record["type"] == "snapshot":
            body = {"lastUpdateId": record["last_update_id"], "E": record["ts"], "T": record["ts"],
                    "bids": side(record["bids"]), "asks": side(record["asks"])}
            out.write("S\t" + json.dumps(body, separators=(",", ":")) + "\n")
        else:
            frame = {"e": "depthUpdate", "E": record["ts"], "T": record["ts"], "s": "BTCUSDT",
                     "U": record["first_update_id"], "u": record["last_update_id"], "pu": record["prev_last_update_id"],
                     "b": side(record["bids"]), "a": side(record["asks"])}
            out.write("D\t" + json.dumps(frame, separators=(",", ":")) + "\n")
PY
python_round() {
    python3 - "$frames" <<'PY'
import json, sys, time
frames = [line[2:] for line in open(sys.argv[1]) if line.startswith("D")]
levels = sum(len(f["b"]) + len(f["a"]) for f in map(json.loads, frames))
best = float("inf")
for _ in range(5):
    start = time.perf_counter()
    for frame in frames:
        json.loads(frame)
    best = min(best, time.perf_counter() - start)
print(f"frames {len(frames)}, level updates {levels}; python json.loads (decode alone): {int(levels / best)} level updates/s")
PY
}
for round in $(seq 1 "$rounds"); do
    printf 'python round %s: ' "$round"; python_round
    printf 'omega  round %s: ' "$round"; "$bin/depth-benchmark" "$frames" 5
done
