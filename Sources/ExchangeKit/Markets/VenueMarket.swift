public import TradingCore

/// One tradable instrument as a venue lists it: its names, its grid and its limits.
///
/// ``symbol`` is the unified name users know from ccxt and freqtrade: `BTC/USDT` for spot and
/// `BTC/USDT:USDT` for the USDT-settled perpetual. ``venueSymbol`` is the venue's own name (`BTCUSDT`,
/// `BTC-USDT-SWAP`). Amounts are in the venue's unit: base currency on spot and Binance/Bybit/Bitget
/// perpetuals, contracts on OKX swaps (``contractSize`` base units each).
public struct VenueMarket: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case spot
        /// A perpetual settled in the quote currency (USDT).
        case linear
        /// A perpetual settled in the base currency (BTC/USD:BTC).
        case inverse
    }

    public let symbol: String
    public let venueSymbol: String
    public let kind: Kind
    public let base: String
    public let quote: String
    /// The settlement currency of a perpetual; `nil` on spot.
    public let settle: String?
    public let tickSize: Price
    public let lotStep: Quantity
    public let minQuantity: Quantity
    /// The smallest order value in the quote currency; zero when the venue sets none.
    public let minNotional: Price
    /// Base units per contract (1 where amounts are in base units).
    public let contractSize: Quantity
    /// Whether the venue accepts orders now (`TRADING`, `Trading`, `live`, `online`/`normal`).
    public let isTrading: Bool
    /// The taker fee rate the market list states (Bitget), as a fraction (`0.0006`); `nil` where the venue
    /// publishes fees per account only.
    public let takerFeeRate: Price?

    public init(
        venueSymbol: String,
        kind: Kind,
        base: String,
        quote: String,
        settle: String? = nil,
        tickSize: Price,
        lotStep: Quantity,
        minQuantity: Quantity,
        minNotional: Price = .zero,
        contractSize: Quantity = Quantity(raw: FixedPoint.scale),
        isTrading: Bool = true,
        takerFeeRate: Price? = nil
    ) {
        self.venueSymbol = venueSymbol
        self.kind = kind
        self.base = base
        self.quote = quote
        self.settle = kind == .spot ? nil : (settle ?? (kind == .linear ? quote : base))
        self.symbol = kind == .spot ? "\(base)/\(quote)" : "\(base)/\(quote):\(self.settle ?? quote)"
        self.tickSize = tickSize
        self.lotStep = lotStep
        self.minQuantity = minQuantity
        self.minNotional = minNotional
        self.contractSize = contractSize
        self.isTrading = isTrading
        self.takerFeeRate = takerFeeRate
    }

    public var isContract: Bool { kind != .spot }

    /// `price` on the tick grid, to the nearest tick (half to even), as the venue requires.
    public func round(price: Price) -> Price {
        guard tickSize.raw > 0 else { return price }
        return Price(raw: FixedPoint.round(price.raw, toMultipleOf: tickSize.raw, rounding: .toNearestOrEven))
    }

    /// `amount` on the lot grid, rounded down so an order never asks for more than intended.
    public func round(amount: Quantity) -> Quantity {
        guard lotStep.raw > 0 else { return amount }
        return Quantity(raw: FixedPoint.round(amount.raw, toMultipleOf: lotStep.raw, rounding: .down))
    }

    public var description: String {
        "\(symbol) (\(venueSymbol), tick \(tickSize), step \(lotStep), min \(minQuantity)"
            + (minNotional.raw > 0 ? ", min notional \(minNotional)" : "") + (isTrading ? ")" : ", not trading)")
    }
}
