"""The python-binance compatibility scenario against a running `omega sim` (scripts/client-compat.sh starts it).

Usage: python python_binance_scenario.py BASE_URL     e.g. http://127.0.0.1:8765

Points python-binance at the sim as ../shared/vectors/README.md says (the REST base URLs on a subclass,
the async client built without `create`, which pings, the socket manager's stream URLs after construction), then: server time and exchange info,
a spot limit order placed, queried and cancelled, the spot account, and a USD-M market order whose
ORDER_TRADE_UPDATE arrives on the futures user-data socket (listen key). Exits non-zero, naming the step,
on the first failure.
"""
import asyncio
import sys

from binance import AsyncClient, BinanceSocketManager

base = sys.argv[1].rstrip("/")
ws_base = base.replace("http://", "ws://")


class SimClient(AsyncClient):
    API_URL = base + "/api"
    FUTURES_URL = base + "/fapi"
    FUTURES_DATA_URL = base + "/futures/data"
    MARGIN_API_URL = base + "/sapi"


def step(name, result):
    print(f"ok   {name}: {result}")


async def main():
    # AsyncClient() does not call the API; AsyncClient.create() would ping it first.
    client = SimClient(api_key="omega-sim-demo-key", api_secret="omega-sim-demo-secret")
    try:
        server = await client.get_server_time()
        step("get_server_time", server["serverTime"])
        info = await client.get_symbol_info("BTCUSDT")
        assert info and info["status"] == "TRADING", info
        step("get_symbol_info", [f["filterType"] for f in info["filters"]][:3])
        price = float((await client.get_symbol_ticker(symbol="BTCUSDT"))["price"])
        low = f"{price * 0.9:.2f}"
        order = await client.order_limit_buy(symbol="BTCUSDT", quantity="0.01", price=low, newClientOrderId="pb-1")
        assert order["status"] == "NEW" and order["clientOrderId"] == "pb-1", order
        fetched = await client.get_order(symbol="BTCUSDT", origClientOrderId="pb-1")
        assert fetched["orderId"] == order["orderId"], fetched
        canceled = await client.cancel_order(symbol="BTCUSDT", orderId=order["orderId"])
        assert canceled["status"] == "CANCELED", canceled
        step("spot limit order", f"placed at {low}, queried, cancelled")
        account = await client.get_account()
        usdt = next(b for b in account["balances"] if b["asset"] == "USDT")
        assert float(usdt["free"]) == 10000.0 and float(usdt["locked"]) == 0.0, usdt
        step("get_account", f"USDT free {usdt['free']}")

        manager = BinanceSocketManager(client)
        manager.FSTREAM_URL = ws_base + "/fapi/"
        socket = manager.futures_user_socket()
        async with socket as stream:
            placed = await client.futures_create_order(symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01")
            events = []
            while True:
                event = await asyncio.wait_for(stream.recv(), 10)
                events.append(event.get("e"))
                if event.get("e") == "ORDER_TRADE_UPDATE" and event["o"]["X"] == "FILLED":
                    assert event["o"]["i"] == placed["orderId"], event
                    break
        step("futures market order + user socket", f"events {events}")
        positions = await client.futures_position_information(symbol="BTCUSDT")
        assert float(positions[0]["positionAmt"]) == 0.01, positions
        step("futures_position_information", positions[0]["positionAmt"])
    finally:
        await client.close_connection()


try:
    asyncio.run(main())
except Exception as error:  # noqa: BLE001 - report any client failure
    print(f"FAIL python-binance: {type(error).__name__}: {error}")
    sys.exit(1)
print("python-binance scenario passed")
