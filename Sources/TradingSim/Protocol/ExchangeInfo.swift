import TradingReports

/// `exchangeInfo` for spot and USD-M, with each listed symbol's filters as Binance serves them (spot:
/// `PRICE_FILTER`, `LOT_SIZE`, `MARKET_LOT_SIZE`, `NOTIONAL`, `PERCENT_PRICE_BY_SIDE`, `MAX_NUM_ORDERS`;
/// USD-M: `PRICE_FILTER`, `LOT_SIZE`, `MARKET_LOT_SIZE`, `MAX_NUM_ORDERS`, `MAX_NUM_ALGO_ORDERS`,
/// `MIN_NOTIONAL`, `PERCENT_PRICE`), and Binance's published rate limits.
enum ExchangeInfo {
    static func document(kind: SimMarketKind, serverTime: Int64) -> JSONValue {
        func limit(_ type: String, _ interval: String, _ count: Int, _ value: Int) -> JSONValue {
            .object([
                ("rateLimitType", .string(type)), ("interval", .string(interval)), ("intervalNum", .int(count)),
                ("limit", .int(value)),
            ])
        }
        let symbols = SimSymbol.all.filter { $0.kind == kind }
        switch kind {
        case .spot:
            return .object([
                ("timezone", .string("UTC")), ("serverTime", .number(String(serverTime))),
                (
                    "rateLimits",
                    .array([
                        limit("REQUEST_WEIGHT", "MINUTE", 1, 6_000), limit("ORDERS", "SECOND", 10, 100),
                        limit("RAW_REQUESTS", "MINUTE", 5, 61_000),
                    ])
                ),
                ("exchangeFilters", .array([])), ("symbols", .array(symbols.map(spotSymbol))),
            ])
        case .usdm:
            return .object([
                ("timezone", .string("UTC")), ("serverTime", .number(String(serverTime))),
                ("futuresType", .string("U_MARGINED")),
                (
                    "rateLimits",
                    .array([
                        limit("REQUEST_WEIGHT", "MINUTE", 1, 2_400), limit("ORDERS", "MINUTE", 1, 1_200),
                        limit("ORDERS", "SECOND", 10, 300),
                    ])
                ),
                ("exchangeFilters", .array([])),
                (
                    "assets",
                    .array([
                        .object([
                            ("asset", .string("USDT")), ("marginAvailable", .bool(true)),
                            ("autoAssetExchange", .string("-10000")),
                        ])
                    ])
                ),
                ("symbols", .array(symbols.map(futuresSymbol))),
            ])
        }
    }

    static func spotSymbol(_ symbol: SimSymbol) -> JSONValue {
        .object([
            ("symbol", .string(symbol.symbol)), ("status", .string("TRADING")), ("baseAsset", .string(symbol.base)),
            ("baseAssetPrecision", .int(8)), ("quoteAsset", .string(symbol.quote)), ("quotePrecision", .int(8)),
            ("quoteAssetPrecision", .int(8)), ("baseCommissionPrecision", .int(8)),
            ("quoteCommissionPrecision", .int(8)),
            (
                "orderTypes",
                .array(
                    [
                        "LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT",
                        "TAKE_PROFIT_LIMIT",
                    ]
                    .map { .string($0) }
                )
            ),
            ("icebergAllowed", .bool(false)), ("ocoAllowed", .bool(false)), ("otoAllowed", .bool(false)),
            ("quoteOrderQtyMarketAllowed", .bool(true)), ("allowTrailingStop", .bool(false)),
            ("cancelReplaceAllowed", .bool(false)), ("isSpotTradingAllowed", .bool(true)),
            ("isMarginTradingAllowed", .bool(false)),
            (
                "filters",
                .array([
                    .object([
                        ("filterType", .string("PRICE_FILTER")), ("minPrice", .string(symbol.minPrice)),
                        ("maxPrice", .string(symbol.maxPrice)), ("tickSize", .string(symbol.tickSize)),
                    ]),
                    .object([
                        ("filterType", .string("LOT_SIZE")), ("minQty", .string(symbol.minQuantity)),
                        ("maxQty", .string(symbol.maxQuantity)), ("stepSize", .string(symbol.stepSize)),
                    ]),
                    .object([
                        ("filterType", .string("MARKET_LOT_SIZE")), ("minQty", .string("0.00000000")),
                        ("maxQty", .string(symbol.marketMaxQuantity)), ("stepSize", .string("0.00000000")),
                    ]),
                    .object([
                        ("filterType", .string("NOTIONAL")), ("minNotional", .string(symbol.minNotional)),
                        ("applyMinToMarket", .bool(true)), ("maxNotional", .string("9000000.00000000")),
                        ("applyMaxToMarket", .bool(false)), ("avgPriceMins", .int(5)),
                    ]),
                    .object([
                        ("filterType", .string("PERCENT_PRICE_BY_SIDE")), ("bidMultiplierUp", .string("5")),
                        ("bidMultiplierDown", .string("0.2")), ("askMultiplierUp", .string("5")),
                        ("askMultiplierDown", .string("0.2")), ("avgPriceMins", .int(5)),
                    ]),
                    .object([("filterType", .string("MAX_NUM_ORDERS")), ("maxNumOrders", .int(200))]),
                ])
            ),
            ("permissions", .array([])), ("permissionSets", .array([.array([.string("SPOT")])])),
            ("defaultSelfTradePreventionMode", .string("EXPIRE_MAKER")),
            (
                "allowedSelfTradePreventionModes",
                .array([.string("EXPIRE_TAKER"), .string("EXPIRE_MAKER"), .string("EXPIRE_BOTH")])
            ),
        ])
    }

    static func futuresSymbol(_ symbol: SimSymbol) -> JSONValue {
        .object([
            ("symbol", .string(symbol.symbol)), ("pair", .string(symbol.symbol)),
            ("contractType", .string("PERPETUAL")), ("deliveryDate", .number("4133404800000")),
            ("onboardDate", .number("1569398400000")), ("status", .string("TRADING")),
            ("maintMarginPercent", .string("2.5000")), ("requiredMarginPercent", .string("5.0000")),
            ("baseAsset", .string(symbol.base)), ("quoteAsset", .string(symbol.quote)),
            ("marginAsset", .string(symbol.quote)), ("pricePrecision", .int(symbol.pricePrecision)),
            ("quantityPrecision", .int(symbol.quantityPrecision)), ("baseAssetPrecision", .int(8)),
            ("quotePrecision", .int(8)), ("underlyingType", .string("COIN")), ("settlePlan", .int(0)),
            ("triggerProtect", .string("0.0500")), ("liquidationFee", .string("0.012500")),
            ("marketTakeBound", .string("0.05")), ("maxMoveOrderLimit", .int(10_000)),
            (
                "filters",
                .array([
                    .object([
                        ("filterType", .string("PRICE_FILTER")), ("minPrice", .string(symbol.minPrice)),
                        ("maxPrice", .string(symbol.maxPrice)), ("tickSize", .string(symbol.tickSize)),
                    ]),
                    .object([
                        ("filterType", .string("LOT_SIZE")), ("minQty", .string(symbol.minQuantity)),
                        ("maxQty", .string(symbol.maxQuantity)), ("stepSize", .string(symbol.stepSize)),
                    ]),
                    .object([
                        ("filterType", .string("MARKET_LOT_SIZE")), ("minQty", .string(symbol.minQuantity)),
                        ("maxQty", .string(symbol.marketMaxQuantity)), ("stepSize", .string(symbol.stepSize)),
                    ]),
                    .object([("filterType", .string("MAX_NUM_ORDERS")), ("limit", .int(200))]),
                    .object([("filterType", .string("MAX_NUM_ALGO_ORDERS")), ("limit", .int(10))]),
                    .object([("filterType", .string("MIN_NOTIONAL")), ("notional", .string(symbol.minNotional))]),
                    .object([
                        ("filterType", .string("PERCENT_PRICE")), ("multiplierUp", .string("1.0500")),
                        ("multiplierDown", .string("0.9500")), ("multiplierDecimal", .string("4")),
                    ]),
                ])
            ),
            (
                "orderTypes",
                .array(
                    [
                        "LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET",
                        "TRAILING_STOP_MARKET",
                    ]
                    .map { .string($0) }
                )
            ),
            ("timeInForce", .array(["GTC", "IOC", "FOK", "GTX", "GTD"].map { .string($0) })),
        ])
    }
}
