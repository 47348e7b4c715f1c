/// Which of Binance's markets a symbol belongs to: spot (`/api/v3`) or USD-M perpetual futures (`/fapi`).
public enum SimMarketKind: String, Sendable, Hashable, CaseIterable {
    case spot
    case usdm
}

/// A symbol the sim lists, with the filters Binance publishes for it (as decimal text, exactly as
/// `exchangeInfo` serves them).
///
/// The values are Binance's own for these pairs (spot and USD-M `exchangeInfo`, the ones in
/// `../shared/vectors` `market_metadata_served` where listed there).
public struct SimSymbol: Sendable, Hashable {
    public let kind: SimMarketKind
    public let symbol: String
    public let base: String
    public let quote: String
    public let tickSize: String
    public let minPrice: String
    public let maxPrice: String
    public let stepSize: String
    public let minQuantity: String
    public let maxQuantity: String
    public let marketMaxQuantity: String
    public let minNotional: String
    /// Decimals of prices and quantities (USD-M's `pricePrecision`, `quantityPrecision`).
    public let pricePrecision: Int
    public let quantityPrecision: Int

    /// The symbols the sim lists: BTC, ETH and SOL against USDT, spot and USD-M perpetual.
    public static let all: [SimSymbol] = [
        SimSymbol(
            kind: .spot,
            symbol: "BTCUSDT",
            base: "BTC",
            quote: "USDT",
            tickSize: "0.01000000",
            minPrice: "0.01000000",
            maxPrice: "1000000.00000000",
            stepSize: "0.00001000",
            minQuantity: "0.00001000",
            maxQuantity: "9000.00000000",
            marketMaxQuantity: "100.00000000",
            minNotional: "5.00000000",
            pricePrecision: 2,
            quantityPrecision: 5
        ),
        SimSymbol(
            kind: .spot,
            symbol: "ETHUSDT",
            base: "ETH",
            quote: "USDT",
            tickSize: "0.01000000",
            minPrice: "0.01000000",
            maxPrice: "1000000.00000000",
            stepSize: "0.00010000",
            minQuantity: "0.00010000",
            maxQuantity: "9000.00000000",
            marketMaxQuantity: "1000.00000000",
            minNotional: "5.00000000",
            pricePrecision: 2,
            quantityPrecision: 4
        ),
        SimSymbol(
            kind: .spot,
            symbol: "SOLUSDT",
            base: "SOL",
            quote: "USDT",
            tickSize: "0.01000000",
            minPrice: "0.01000000",
            maxPrice: "10000.00000000",
            stepSize: "0.00100000",
            minQuantity: "0.00100000",
            maxQuantity: "9000000.00000000",
            marketMaxQuantity: "50000.00000000",
            minNotional: "5.00000000",
            pricePrecision: 2,
            quantityPrecision: 3
        ),
        SimSymbol(
            kind: .usdm,
            symbol: "BTCUSDT",
            base: "BTC",
            quote: "USDT",
            tickSize: "0.10",
            minPrice: "0.10",
            maxPrice: "4529764",
            stepSize: "0.001",
            minQuantity: "0.001",
            maxQuantity: "1000",
            marketMaxQuantity: "120",
            minNotional: "5",
            pricePrecision: 2,
            quantityPrecision: 3
        ),
        SimSymbol(
            kind: .usdm,
            symbol: "ETHUSDT",
            base: "ETH",
            quote: "USDT",
            tickSize: "0.01",
            minPrice: "0.01",
            maxPrice: "306177",
            stepSize: "0.001",
            minQuantity: "0.001",
            maxQuantity: "10000",
            marketMaxQuantity: "2000",
            minNotional: "5",
            pricePrecision: 2,
            quantityPrecision: 3
        ),
        SimSymbol(
            kind: .usdm,
            symbol: "SOLUSDT",
            base: "SOL",
            quote: "USDT",
            tickSize: "0.0100",
            minPrice: "0.4200",
            maxPrice: "6857",
            stepSize: "1",
            minQuantity: "1",
            maxQuantity: "1000000",
            marketMaxQuantity: "5000",
            minNotional: "5",
            pricePrecision: 4,
            quantityPrecision: 0
        ),
    ]

    /// The symbol named `name` (case as sent: Binance symbols are upper case) on `kind`'s market.
    public static func find(_ name: String, on kind: SimMarketKind) -> SimSymbol? {
        all.first { $0.kind == kind && $0.symbol == name }
    }
}
