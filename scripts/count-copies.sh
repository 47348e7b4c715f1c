#!/usr/bin/env bash
# Counts the memory copies (memcpy/memmove calls and bytes, by size) of one timed `omega bench` run, as the
# difference between `--repeat 2` and `--repeat 1`, through an LD_PRELOAD shim. Sizes name the types that
# are copied (633 bytes is an Order, 433 an EngineFact); see docs/performance.md.
# Usage: scripts/count-copies.sh BARS.csv [omega binary]   (needs gcc)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:?usage: scripts/count-copies.sh BARS.csv [omega binary]}"
omega="${2:-.build/release/omega}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/shim.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
static unsigned long counts[4097], larger;
static void *(*real_memcpy)(void *, const void *, size_t);
static void *(*real_memmove)(void *, const void *, size_t);
static void tally(size_t n) { if (n <= 4096) counts[n]++; else larger++; }
void *memcpy(void *d, const void *s, size_t n) {
    if (!real_memcpy) real_memcpy = dlsym(RTLD_NEXT, "memcpy");
    tally(n); return real_memcpy(d, s, n);
}
void *memmove(void *d, const void *s, size_t n) {
    if (!real_memmove) real_memmove = dlsym(RTLD_NEXT, "memmove");
    tally(n); return real_memmove(d, s, n);
}
__attribute__((destructor)) static void report(void) {
    FILE *f = fopen(getenv("COPY_COUNTS"), "w");
    for (int i = 0; i <= 4096; i++) if (counts[i]) fprintf(f, "%d %lu\n", i, counts[i]);
    fprintf(f, "larger %lu\n", larger);
    fclose(f);
}
C
gcc -O2 -shared -fPIC -o "$work/shim.so" "$work/shim.c" -ldl
for repeat in 1 2; do
    COPY_COUNTS="$work/counts$repeat.txt" LD_PRELOAD="$work/shim.so" "$omega" bench --data "$data" --repeat "$repeat" > "$work/bench$repeat.json"
done
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
one = dict(line.split() for line in open(f"{work}/counts1.txt"))
two = dict(line.split() for line in open(f"{work}/counts2.txt"))
bench = json.load(open(f"{work}/bench2.json"))
orders = 2 * bench["trades"]
rows = []
for size, count in two.items():
    calls = int(count) - int(one.get(size, 0))
    if calls > 0 and size != "larger":
        rows.append((calls * int(size), int(size), calls))
rows.sort(reverse=True)
print(f"one run: {sum(r[0] for r in rows) / 1e6:.1f} MB in {sum(r[2] for r in rows)} calls; {orders} orders")
print(f"{'bytes':>6} {'calls':>9} {'per order':>9} {'MB':>7}")
for total, size, calls in rows[:20]:
    print(f"{size:>6} {calls:>9} {calls / max(orders, 1):>9.2f} {total / 1e6:>7.1f}")
PY
