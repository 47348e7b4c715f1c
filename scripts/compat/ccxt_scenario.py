"""The ccxt compatibility scenario against a running `omega sim` (scripts/client-compat.sh starts it).

Usage: python ccxt_scenario.py BASE_URL     e.g. http://127.0.0.1:8765

Points ccxt's Binance class at the sim as ../shared/vectors/README.md says (every REST base URL rewritten,
currencies off, market types limited to spot and USD-M), then runs what the sim serves so far: load markets,
fetch time, ticker, OHLCV and order book on spot and USD-M, and the spot balance with the demo account's
signed request. Exits non-zero, naming the step, on the first failure.
"""
import sys
from urllib.parse import urlsplit

import ccxt

base = sys.argv[1].rstrip("/")
exchange = ccxt.binance({
    "apiKey": "omega-sim-demo-key",
    "secret": "omega-sim-demo-secret",
    # Binance spot markets also load margin pairs from /sapi unless fetchMargins is off (ccxt 4.5).
    "options": {"fetchMarkets": {"types": ["spot", "linear"]}, "fetchMargins": False},
})
exchange.has["fetchCurrencies"] = False
api = {}
for name, url in exchange.urls["api"].items():
    if isinstance(url, str):
        parts = urlsplit(url)
        api[name] = base + parts.path
    else:
        api[name] = url
exchange.urls["api"] = api


def step(name, check):
    try:
        result = check()
    except Exception as error:  # noqa: BLE001 - report any client failure with the step
        print(f"FAIL {name}: {type(error).__name__}: {error}")
        sys.exit(1)
    print(f"ok   {name}: {result}")


def markets():
    loaded = exchange.load_markets()
    wanted = {"BTC/USDT", "ETH/USDT", "SOL/USDT", "BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT"}
    missing = wanted - set(loaded)
    assert not missing, f"missing {missing}"
    btc = loaded["BTC/USDT"]
    assert btc["precision"]["price"] == 0.01, btc["precision"]
    assert btc["limits"]["cost"]["min"] == 5.0, btc["limits"]
    return f"{len(loaded)} markets"


def ticker(symbol):
    def run():
        data = exchange.fetch_ticker(symbol)
        assert data["last"] and data["last"] > 0, data
        return f"last {data['last']}"
    return run


def ohlcv(symbol):
    def run():
        candles = exchange.fetch_ohlcv(symbol, "1h", limit=10)
        assert len(candles) == 10, len(candles)
        assert all(c[2] >= max(c[1], c[4]) and c[3] <= min(c[1], c[4]) for c in candles)
        assert all(b[0] - a[0] == 3_600_000 for a, b in zip(candles, candles[1:]))
        return f"{len(candles)} candles, last close {candles[-1][4]}"
    return run


def book(symbol):
    def run():
        data = exchange.fetch_order_book(symbol, limit=10)
        assert data["bids"] and data["asks"] and data["bids"][0][0] < data["asks"][0][0], data
        return f"{data['bids'][0][0]} / {data['asks'][0][0]} (nonce {data['nonce']})"
    return run


def balance():
    data = exchange.fetch_balance()
    assert data["USDT"]["free"] == 10000.0, data["USDT"]
    assert data["BTC"]["total"] == 1.0, data["BTC"]
    return f"USDT {data['USDT']['free']}, BTC {data['BTC']['free']}"


step("load_markets", markets)
step("fetch_time", lambda: exchange.fetch_time())
for symbol in ["BTC/USDT", "ETH/USDT:USDT"]:
    step(f"fetch_ticker {symbol}", ticker(symbol))
    step(f"fetch_ohlcv {symbol}", ohlcv(symbol))
    step(f"fetch_order_book {symbol}", book(symbol))
step("fetch_balance (spot, signed)", balance)
print("ccxt scenario passed")
