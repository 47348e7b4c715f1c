#!/usr/bin/env bash
# Real clients against `omega sim`: creates a venv with pinned ccxt and python-binance from PyPI, starts
# the sim on a free loopback port (a market minute per wall second, so streams move) and runs
# scripts/compat/ccxt_scenario.py and python_binance_scenario.py against fresh sims. Exits non-zero if one fails.
#
#   scripts/client-compat.sh [OMEGA_BINARY]      default: .build/debug/omega (built if missing)
#
# Needs python3 with venv (apt-get install python3-venv) and PyPI. The venv is kept in .build/compat-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
omega="${1:-.build/debug/omega}"
if [ ! -x "$omega" ]; then swift build --product omega >/dev/null; fi
venv=.build/compat-venv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "ccxt==4.5.90" "python-binance==1.0.37"

# run SCENARIO: a fresh sim for the scenario, stopped after it.
run() {
    out="$(mktemp)"
    "$omega" sim --port 0 --speed 60 >"$out" 2>&1 &
    sim=$!
    trap 'kill "$sim" 2>/dev/null || true; wait "$sim" 2>/dev/null || true; rm -f "$out"' EXIT
    base=""
    for _ in $(seq 1 100); do
        base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" | head -1 || true)"
        [ -n "$base" ] && break
        if ! kill -0 "$sim" 2>/dev/null; then cat "$out" >&2; echo "error: omega sim exited" >&2; exit 1; fi
        sleep 0.1
    done
    [ -n "$base" ] || { cat "$out" >&2; echo "error: omega sim did not print its address" >&2; exit 1; }
    echo "omega sim at $base"
    "$venv/bin/python" "scripts/compat/$1" "$base"
    kill "$sim" 2>/dev/null || true
    wait "$sim" 2>/dev/null || true
    trap - EXIT
    rm -f "$out"
}

run ccxt_scenario.py
run python_binance_scenario.py
