public import TradingCore
import TradingEngine

/// An order as the sim's venue keeps it and Binance reports it: the fields every order endpoint, user-data
/// event and the admin state are written from. Times are market time (the replay clock), in milliseconds.
public struct SimOrder: Sendable, Hashable {
    /// Binance's order statuses.
    public enum Status: String, Sendable, Hashable {
        case new = "NEW"
        case partiallyFilled = "PARTIALLY_FILLED"
        case filled = "FILLED"
        case canceled = "CANCELED"
        case expired = "EXPIRED"

        /// Whether the order can still fill.
        public var isOpen: Bool { self == .new || self == .partiallyFilled }
    }

    public let orderId: Int64
    public let clientOrderId: String
    /// The symbol's market; with ``instrument`` it names the symbol (a `SimSymbol` held in every order
    /// would make each of the venue's stored orders some 200 bytes larger).
    private let market: SimMarketKind
    public let instrument: InstrumentIndex
    /// The key the simulated exchange knows the order by (`S<orderId>`).
    public let internalID: ClientOrderID
    public let side: OrderSide
    /// Binance's type as sent (`LIMIT`, `STOP_LOSS_LIMIT`, `TAKE_PROFIT_MARKET`…).
    public let type: String
    /// `GTC`, `IOC`, `FOK` or `GTX`.
    public let timeInForce: String
    public let price: Price?
    public let stopPrice: Price?
    public var origQty: Quantity
    /// `quoteOrderQty` of a spot market order sized in the quote asset.
    public let quoteOrderQty: Money?
    public let reduceOnly: Bool
    public var executedQty: Quantity = .zero
    /// The quote value filled so far, exact.
    public var cumulativeQuoteRaw: Int128 = 0
    public var status: Status = .new
    public let time: Int64
    public var updateTime: Int64
    /// A take-profit limit order waiting at the sim for its trigger (the engine has no such type): it is
    /// placed as a limit order on the simulated exchange when a trade reaches `stopPrice`.
    public var awaitingTrigger: Bool
    /// Why the venue ended the order, when it did (`post-only order would take liquidity`…).
    public var endReason: String?
    /// A USD-M conditional order placed through `/fapi/v1/algoOrder` (its `algoId` is the order ID).
    public var isAlgo = false
    /// When a conditional order's trigger fired (market time, ms).
    public var triggerTime: Int64?
    /// A USD-M `closePosition` order: it closes whatever position there is when it triggers.
    public var closePosition = false

    /// - Parameter instrument: the symbol's position in ``SimInstruments/symbols(_:)``.
    public init(
        orderId: Int64,
        clientOrderId: String,
        symbol: SimSymbol,
        instrument: InstrumentIndex,
        internalID: ClientOrderID,
        side: OrderSide,
        type: String,
        timeInForce: String,
        price: Price?,
        stopPrice: Price?,
        origQty: Quantity,
        quoteOrderQty: Money?,
        reduceOnly: Bool,
        time: Int64,
        updateTime: Int64,
        awaitingTrigger: Bool
    ) {
        self.orderId = orderId
        self.clientOrderId = clientOrderId
        market = symbol.kind
        self.instrument = instrument
        self.internalID = internalID
        self.side = side
        self.type = type
        self.timeInForce = timeInForce
        self.price = price
        self.stopPrice = stopPrice
        self.origQty = origQty
        self.quoteOrderQty = quoteOrderQty
        self.reduceOnly = reduceOnly
        self.time = time
        self.updateTime = updateTime
        self.awaitingTrigger = awaitingTrigger
    }

    public var symbol: SimSymbol { SimInstruments.symbols(market)[instrument.int] }

    /// The average fill price, exact to the fixed-point's resolution (zero before the first fill).
    public var averagePriceRaw: Int128 {
        executedQty.raw == 0 ? 0 : FixedPoint.divide(cumulativeQuoteRaw, executedQty.raw, rounding: .toNearestOrEven)
    }

    /// The quantity still to fill.
    public var leaves: Quantity { Quantity(raw: origQty.raw - executedQty.raw) }
}

/// One fill of an account's order, as `myTrades` and `userTrades` report it.
public struct SimTrade: Sendable, Hashable {
    public let id: Int64
    public let orderId: Int64
    public let symbol: SimSymbol
    public let side: OrderSide
    public let price: Price
    public let quantity: Quantity
    public let quoteRaw: Int128
    /// Fee in the quote asset (the simulated exchange charges fees in the settlement currency).
    public let commission: Money
    public let isMaker: Bool
    /// Realised PnL of a futures fill that reduced a position (zero otherwise).
    public let realizedPnlRaw: Int128
    public let time: Int64
}

/// A funding payment on a futures account, as `income` reports it.
public struct SimFunding: Sendable, Hashable {
    public let symbol: SimSymbol
    public let rate: Ratio
    public let payment: Money
    public let time: Int64
}
