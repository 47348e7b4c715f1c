#!/usr/bin/env bash
# Compares the throughput of two or more `omega` binaries on one file, alternating them run by run so that
# the machine's drift (10-20 % within the hour on a shared machine) falls on all of them alike. Prints the
# fastest run, the 10th and 25th percentiles and the median of each, in milliseconds.
# Usage: scripts/compare-builds.sh BARS.csv ROUNDS BINARY... [-- extra bench arguments]
#   e.g. scripts/compare-builds.sh bars.csv 10 /tmp/omega-before .build/release/omega
#        scripts/compare-builds.sh bars.csv 8 /tmp/a /tmp/b -- --param fast=1000 --param slow=5000
set -euo pipefail
data="${1:?usage: scripts/compare-builds.sh BARS.csv ROUNDS BINARY... [-- bench arguments]}"
rounds="${2:?rounds}"
shift 2
binaries=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do binaries+=("$1"); shift; done
[ $# -gt 0 ] && shift
[ ${#binaries[@]} -gt 0 ] || { echo "no binaries given" >&2; exit 2; }
for ((round = 0; round < rounds; round++)); do
    for index in "${!binaries[@]}"; do
        printf '%s ' "$index"
        "${binaries[$index]}" bench --data "$data" --repeat 2 "$@" \
            | python3 -c "import json, sys; print(' '.join(str(t * 1000) for t in json.load(sys.stdin)['times_s']))"
    done
done | python3 -c "
import sys
names = sys.argv[1:]
times = {}
for line in sys.stdin:
    index, *values = line.split()
    times.setdefault(int(index), []).extend(float(v) for v in values)
for index, values in sorted(times.items()):
    values.sort()
    at = lambda p: values[int(p * (len(values) - 1))]
    print(f'{names[index]:40s} fastest {values[0]:7.1f}  p10 {at(0.1):7.1f}  p25 {at(0.25):7.1f}  median {at(0.5):7.1f}  ms  (n={len(values)})')
" "${binaries[@]}"
