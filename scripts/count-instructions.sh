#!/usr/bin/env bash
# Counts the instructions `omega bench` executes for a fixed piece of work: from the Nth order the canonical
# EMA 12/26 run submits to the (N+K)th, single-stepped under gdb. Unlike wall time on a shared machine, the
# count does not drift, so it shows what a change removes even when the timings cannot. Prints the total,
# the bars and orders in the window, the instructions of a quiet bar (one taken in a bar run, sampling
# included) and of the average order, and the instructions per function. See docs/performance.md.
# Usage: scripts/count-instructions.sh BARS.csv [omega binary] [N=2000] [K=6]   (needs gdb; ~1 minute)
# TOP=60 lists 60 functions instead of 30. PHASES=1 also splits the window by the runner's phase: the call
# stacks are rebuilt from the trace (calls and returns), and each instruction is counted under the first
# two frames below the runner's `run(chunk:)` (bars in runs and the submissions they end with, the venue's
# acceptance, its fills at the next bar, the engine's booking of them).
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "$(dirname "${1:?usage: scripts/count-instructions.sh BARS.csv [omega binary] [N] [K]}")" && pwd)/$(basename "$1")"
omega="$(cd "$(dirname "${2:-.build/release/omega}")" && pwd)/$(basename "${2:-.build/release/omega}")"
first="${3:-2000}"
orders="${4:-6}"
command -v gdb >/dev/null || { echo "gdb is needed (apt-get install gdb)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat > "$work/trace.py" <<PY
import gdb, json
gdb.execute("set pagination off")
gdb.execute("set confirm off")
symbol = "\$s13TradingEngine0B0V13applyCommands4slot6outputySi_AA0B6OutputVztF"
breakpoint = gdb.Breakpoint(symbol)
breakpoint.ignore_count = $first
gdb.execute("run bench --data $data --repeat 1 > /dev/null")
breakpoint.enabled = False
start = int(gdb.parse_and_eval("\$pc"))
pcs, hits = [], 0
while True:
    pc = int(gdb.parse_and_eval("\$pc"))
    if pc == start:
        hits += 1
        if hits > $orders:
            break
    pcs.append(pc)
    gdb.execute("stepi", to_string=True)
mappings = gdb.execute("info proc mappings", to_string=True)
json.dump({"pcs": pcs, "mappings": mappings}, open("$work/trace.json", "w"))
gdb.execute("kill")
PY
gdb -q -batch -x "$work/trace.py" "$omega" > "$work/gdb.log" 2>&1 || { tail -5 "$work/gdb.log" >&2; exit 1; }
nm --defined-only "$omega" | awk '$2 ~ /[tTwW]/' > "$work/symbols.txt"

python3 - "$work" "$omega" "$orders" <<'PY'
import bisect, collections, json, os, re, subprocess, sys
work, omega, orders = sys.argv[1], os.path.realpath(sys.argv[2]), int(sys.argv[3])
trace = json.load(open(f"{work}/trace.json"))
base = None
for line in trace["mappings"].splitlines():
    fields = line.split()
    if len(fields) >= 5 and os.path.realpath(fields[-1]) == omega and fields[3] in ("0x0", "0"):
        base = int(fields[0], 16)
        break
symbols = sorted((int(a, 16), name) for a, _, name in (l.split(maxsplit=2) for l in open(f"{work}/symbols.txt")))
starts = [a for a, _ in symbols]
def function(pc):
    if base is None or not 0 <= pc - base < 0x10000000:
        return "(shared libraries: memcpy, retain/release, uniqueness checks)"
    return re.sub(r"^\$s\d*", "", symbols[bisect.bisect_right(starts, pc - base) - 1][1].strip())
names = [function(pc) for pc in trace["pcs"]]
runs = []  # (function, instructions) in execution order
for name in names:
    if runs and runs[-1][0] == name:
        runs[-1][1] += 1
    else:
        runs.append([name, 1])
# Bars stepped one at a time start where the runner calls the engine's `process(_ bar:at:into:)`. Bars in
# runs (`Engine.processBarRun`) go through a loop compiled into the strategy's box: every instruction of
# that loop runs once per bar, so the most-run address in the box's bar-run function counts them. A quiet
# bar's cost is that function's instructions, plus the shared-library calls made from it, plus the
# runner's `stepBarRun` (which samples the bars of a run), per bar in runs.
stepped = sum(
    1 for i, (name, _) in enumerate(runs)
    if "0B0V7process_2at4intoyAA3BarV" in name and "TradingBacktest0B6Runner" in runs[i - 1][0]
)
in_run = lambda name: "AA6BarRunV" in name and "StrategyBox" in name
run_pcs = collections.Counter(pc for pc, name in zip(trace["pcs"], names) if in_run(name))
run_bars = max(run_pcs.values()) if run_pcs else 0
quiet_total, caller = 0, ""
for name in names:
    if not name.startswith("(shared"):
        caller = name
    if in_run(name) or "stepBarRun" in name or (name.startswith("(shared") and (in_run(caller) or "stepBarRun" in caller)):
        quiet_total += 1
quiet = quiet_total / run_bars if run_bars else 0
total = len(names)
bars = stepped + run_bars
print(f"window: {total} instructions, {bars} bars ({run_bars} in runs), {orders} orders")
print(f"quiet bar (in a run, sampling included): {quiet:.0f} instructions; the rest per order: {(total - bars * quiet) / orders:.0f}")
print()
counts = collections.Counter(names)
for name, count in counts.most_common(int(os.environ.get("TOP", "30"))):
    print(f"{count:8d}  {100 * count / total:5.1f} %  {name[:110]}")

if os.environ.get("PHASES") == "1":
    # The mnemonic of every traced address, to see calls, returns and jumps between functions.
    offsets = sorted({pc - base for pc in trace["pcs"] if base is not None and 0 <= pc - base < 0x10000000})
    mnemonic, groups = {}, []
    for offset in offsets:
        if groups and offset - groups[-1][1] < 4096:
            groups[-1][1] = offset
        else:
            groups.append([offset, offset])
    for low, high in groups:
        listing = subprocess.run(
            ["objdump", "-d", "--no-show-raw-insn", f"--start-address={hex(low)}", f"--stop-address={hex(high + 16)}", omega],
            capture_output=True, text=True).stdout
        for line in listing.splitlines():
            match = re.match(r"\s*([0-9a-f]+):\s+(\S+)", line)
            if match:
                mnemonic[int(match.group(1), 16)] = match.group(2)
    prefixes = [("TradingBacktest0B6RunnerV", "Runner."), ("TradingEngine0B0V", "Engine."),
                ("TradingBacktest17SimulatedExchangeV", "SimulatedExchange.")]
    def short(name):
        name = re.sub(r"33_[0-9A-F]{32}LL", "", name)
        for mangled, readable in prefixes:
            if name.startswith(mangled):
                name = readable + re.sub(r"^\d+", "", name[len(mangled):])
        return name[:48]
    stack, phases, previous = [], collections.Counter(), ""
    for pc, name in zip(trace["pcs"], names):
        library = name.startswith("(shared")
        if not library:
            if previous.startswith("call") or not stack:
                stack.append(name)
            elif previous.startswith("ret"):
                while stack and stack[-1] != name:
                    stack.pop()
                if not stack:
                    stack.append(name)
            elif previous == "jmp" and stack[-1] != name:
                if name in stack:
                    while stack[-1] != name:
                        stack.pop()
                else:
                    stack[-1] = name  # a tail call
            previous = mnemonic.get(pc - base, "")
        else:
            previous = "ret"  # back in the caller once the library returns
        root = next((i for i, frame in enumerate(stack) if "RunnerV3run" in frame), None)
        phase = "(outside the runner's loop)" if root is None else " > ".join(short(f) for f in stack[root + 1:root + 3]) or "(the loop itself)"
        phases[phase + (" [shared libraries]" if library else "")] += 1
    print()
    print("by phase (the first two frames below the runner's run(chunk:)):")
    for phase, count in phases.most_common(25):
        print(f"{count:8d}  {100 * count / total:5.1f} %  {phase}")
PY
