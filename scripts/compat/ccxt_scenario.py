"""The ccxt compatibility scenario against a running `omega sim` (scripts/client-compat.sh starts it).

Usage: python ccxt_scenario.py BASE_URL     e.g. http://127.0.0.1:8765

Points ccxt's Binance class at the sim as ../shared/vectors/README.md says (every REST base URL rewritten,
currencies off, market types limited to spot and USD-M), then runs what the sim serves so far: load markets,
fetch time, ticker, OHLCV and order book on spot and USD-M, and the spot balance with the demo account's
signed request, orders on spot and USD-M, and ccxt.pro's watch_order_book (the local book checked against a
REST snapshot of the same update ID), watch_ohlcv, watch_orders and watch_my_trades. Exits non-zero, naming
the step, on the first failure.
"""
import asyncio
import sys
from urllib.parse import urlsplit

import ccxt
import ccxt.pro as ccxtpro

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


def spot_orders():
    last = exchange.fetch_ticker("BTC/USDT")["last"]
    low = float(exchange.price_to_precision("BTC/USDT", last * 0.9))
    limit = exchange.create_order("BTC/USDT", "limit", "buy", 0.01, low, {"clientOrderId": "ccxt-spot-limit-1"})
    assert limit["status"] == "open" and limit["clientOrderId"] == "ccxt-spot-limit-1", limit
    free = exchange.fetch_balance()["USDT"]["free"]
    assert abs(free - (10000.0 - 0.01 * low)) < 1e-6, (free, low)
    open_orders = exchange.fetch_open_orders("BTC/USDT")
    assert [o["id"] for o in open_orders] == [limit["id"]], open_orders
    try:
        exchange.create_order("BTC/USDT", "limit", "buy", 0.01, low, {"clientOrderId": "ccxt-spot-limit-1"})
        raise AssertionError("a duplicate open client order ID was accepted")
    except ccxt.InvalidOrder:
        pass
    post_only = exchange.create_order("BTC/USDT", "limit", "buy", 0.01, low, {"postOnly": True})
    assert post_only["type"] == "limit" and post_only["postOnly"], post_only
    try:
        high = float(exchange.price_to_precision("BTC/USDT", last * 1.1))
        exchange.create_order("BTC/USDT", "limit", "buy", 0.01, high, {"postOnly": True})
        raise AssertionError("a post-only order that would take was accepted")
    except ccxt.OrderImmediatelyFillable:
        pass
    stop = float(exchange.price_to_precision("BTC/USDT", last * 0.8))
    stop_order = exchange.create_order("BTC/USDT", "market", "sell", 0.01, None, {"stopPrice": stop})
    assert stop_order["status"] == "open", stop_order
    for order in (limit, post_only, stop_order):
        canceled = exchange.cancel_order(order["id"], "BTC/USDT")
        assert canceled["status"] == "canceled", canceled
    market = exchange.create_order("BTC/USDT", "market", "buy", 0.01)
    assert market["status"] == "closed" and market["filled"] == 0.01, market
    trades = exchange.fetch_my_trades("BTC/USDT")
    assert trades and trades[-1]["order"] == market["id"], trades
    balance = exchange.fetch_balance()
    assert abs(balance["BTC"]["total"] - 1.01) < 1e-9, balance["BTC"]
    return f"limit/post-only/stop placed and cancelled, market filled at {market['average']}"


def futures_orders():
    symbol = "BTC/USDT:USDT"
    exchange.set_leverage(10, symbol)
    last = exchange.fetch_ticker(symbol)["last"]
    low = float(exchange.price_to_precision(symbol, last * 0.97))
    limit = exchange.create_order(symbol, "limit", "buy", 0.01, low)
    assert limit["status"] == "open", limit
    post_only = exchange.create_order(symbol, "limit", "buy", 0.01, low, {"postOnly": True})
    assert post_only["timeInForce"] == "PO", post_only
    assert len(exchange.fetch_open_orders(symbol)) == 2
    for order in (limit, post_only):
        exchange.cancel_order(order["id"], symbol)
    market = exchange.create_order(symbol, "market", "buy", 0.01)
    filled = exchange.fetch_order(market["id"], symbol)
    assert filled["status"] == "closed" and filled["filled"] == 0.01, filled
    positions = [p for p in exchange.fetch_positions([symbol]) if p["contracts"]]
    assert len(positions) == 1 and positions[0]["side"] == "long" and positions[0]["contracts"] == 0.01, positions
    assert positions[0]["leverage"] in (10, 10.0, None), positions[0]
    stop = float(exchange.price_to_precision(symbol, last * 0.9))
    stop_order = exchange.create_order(symbol, "market", "sell", 0.01, None, {"stopPrice": stop, "reduceOnly": True})
    assert stop_order["status"] == "open", stop_order
    exchange.cancel_order(stop_order["id"], symbol)
    close = exchange.create_order(symbol, "market", "sell", 0.01, None, {"reduceOnly": True})
    assert exchange.fetch_order(close["id"], symbol)["status"] == "closed"
    assert not [p for p in exchange.fetch_positions([symbol]) if p["contracts"]]
    trades = exchange.fetch_my_trades(symbol)
    assert len(trades) == 2, trades
    usdt = exchange.fetch_balance({"type": "future"})["USDT"]
    pnl = sum(float(t["info"]["realizedPnl"]) for t in trades)
    fees = sum(t["fee"]["cost"] for t in trades)
    assert abs(usdt["total"] - (10000.0 + pnl - fees)) < 1e-6, (usdt, pnl, fees)
    return f"leverage 10, long 0.01 opened and closed, {len(trades)} fills, wallet {usdt['total']}"


def pro_exchange():
    """ccxt.pro's Binance on the sim: REST as above; WebSocket spot at /stream/ws (ccxt tells spot from
    contract by '/stream' in the URL), USD-M at /fapi/ws, the spot WebSocket API at /ws-api/v3."""
    pro = ccxtpro.binance({
        "apiKey": "omega-sim-demo-key",
        "secret": "omega-sim-demo-secret",
        "options": {"fetchMarkets": {"types": ["spot", "linear"]}, "fetchMargins": False},
    })
    pro.has["fetchCurrencies"] = False
    ws_base = base.replace("http://", "ws://")
    urls = {}
    for name, url in pro.urls["api"].items():
        if isinstance(url, str):
            urls[name] = base + urlsplit(url).path
        elif name == "ws":
            urls[name] = dict(url, spot=ws_base + "/stream/ws", linear=ws_base + "/fapi/ws")
            urls[name]["ws-api"] = {"spot": ws_base + "/ws-api/v3"}
        else:
            urls[name] = url
    pro.urls["api"] = urls
    return pro


async def within(label, awaitable, seconds=20):
    """Awaits with a deadline; a timeout names what was awaited (asyncio's TimeoutError says nothing)."""
    try:
        return await asyncio.wait_for(awaitable, seconds)
    except asyncio.TimeoutError:
        raise AssertionError(f"{label}: nothing within {seconds:g} s") from None


async def connected(pro, before, label):
    """Waits until every WebSocket connection opened since `before` (a set of URLs) is open, so that an order
    placed next is seen by the stream a watch just subscribed to, however slow the machine."""
    deadline = asyncio.get_running_loop().time() + 20
    while True:
        # ccxt also keeps a bookkeeping entry ('authenticationFlights') among its clients: only URLs count.
        new = [client for url, client in pro.clients.items() if url not in before and url.startswith("ws")]
        if new and all(client.connected.done() for client in new):
            await asyncio.sleep(0.2)
            return
        assert asyncio.get_running_loop().time() < deadline, f"{label}: the user data stream never connected"
        await asyncio.sleep(0.05)


async def streams():
    pro = pro_exchange()
    report = []
    try:
        for symbol in ["BTC/USDT", "ETH/USDT:USDT"]:
            # The local book, kept by ccxt from a REST snapshot and U/u(/pu) diffs, equals a fresh REST
            # snapshot of the same update ID.
            book = await within(f"watch_order_book {symbol}", pro.watch_order_book(symbol))
            matched = False
            for _ in range(20):
                book = await within(f"watch_order_book {symbol}", pro.watch_order_book(symbol))
                rest = await pro.fetch_order_book(symbol, 1000)
                if rest["nonce"] == book["nonce"]:
                    assert [list(x) for x in book["bids"][:50]] == [list(x) for x in rest["bids"][:50]], symbol
                    assert [list(x) for x in book["asks"][:50]] == [list(x) for x in rest["asks"][:50]], symbol
                    matched = True
                    break
            assert matched, f"{symbol}: never saw the stream and REST at the same update ID"
            candles = await within(f"watch_ohlcv {symbol}", pro.watch_ohlcv(symbol, "1m"))
            assert candles and candles[-1][2] >= candles[-1][3], candles
            report.append(f"{symbol} book in sync at {book['nonce']}, candle {candles[-1][4]}")
        for symbol in ["BTC/USDT", "BTC/USDT:USDT"]:
            before = set(pro.clients)
            watching = asyncio.ensure_future(pro.watch_orders(symbol))
            await connected(pro, before, f"watch_orders {symbol}")
            placed = await pro.create_order(symbol, "market", "buy", 0.01)
            orders = await within(f"watch_orders {symbol} (order {placed['id']})", watching)
            assert any(o["id"] == placed["id"] for o in orders), orders
            fills = asyncio.ensure_future(pro.watch_my_trades(symbol))
            await asyncio.sleep(0.5)
            params = {"reduceOnly": True} if symbol.endswith(":USDT") else {}
            closing = await pro.create_order(symbol, "market", "sell", 0.01, None, params)
            # watch_my_trades returns the next trades to arrive: a market order fills at the next printed trade
            # (as in a backtest), so the buy's own fill may still be on its way. Keep watching until the
            # closing order's fill is seen; what arrived between two watches is in the cache ccxt keeps.
            trades = await within(f"watch_my_trades {symbol}", fills)
            deadline = asyncio.get_running_loop().time() + 20
            while not any(t["order"] == closing["id"] for t in trades):
                cached = pro.myTrades or []
                trades += [t for t in cached if t.get("symbol") == symbol and t not in trades]
                if any(t["order"] == closing["id"] for t in trades):
                    break
                remaining = deadline - asyncio.get_running_loop().time()
                assert remaining > 0, f"watch_my_trades {symbol}: no fill of order {closing['id']} in {trades}"
                trades += await within(f"watch_my_trades {symbol} (order {closing['id']})",
                                       pro.watch_my_trades(symbol), remaining)
            report.append(f"{symbol} watch_orders and watch_my_trades saw orders {placed['id']}, {closing['id']}")
    finally:
        await pro.close()
    return "; ".join(report)


step("load_markets", markets)
step("fetch_time", lambda: exchange.fetch_time())
for symbol in ["BTC/USDT", "ETH/USDT:USDT"]:
    step(f"fetch_ticker {symbol}", ticker(symbol))
    step(f"fetch_ohlcv {symbol}", ohlcv(symbol))
    step(f"fetch_order_book {symbol}", book(symbol))
step("fetch_balance (spot, signed)", balance)
step("spot orders", spot_orders)
step("futures orders", futures_orders)
step("ccxt.pro streams", lambda: asyncio.run(streams()))
print("ccxt scenario passed")
