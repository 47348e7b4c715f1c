public import TradingCore

/// One execution (fill) of an order, as the venue reports it.
public struct OrderFilled: Sendable, Hashable {
    /// Our ID for the order; `nil` for venue-initiated fills such as a forced liquidation.
    public let clientOrderID: ClientOrderID?
    public let venueOrderID: VenueOrderID
    public let tradeID: TradeID
    public let instrument: InstrumentIndex
    public let side: OrderSide
    public let quantity: Quantity
    public let price: Price
    /// The fee charged for this fill (positive) or a rebate (negative), in the settlement currency.
    public let fee: Money
    public let liquidity: LiquiditySide
    /// What remains to fill of the order after this fill.
    public let leavesQuantity: Quantity
    /// Set on fills that close a position by forced liquidation.
    public let isLiquidation: Bool
    public let exchangeTime: Timestamp

    public init(
        clientOrderID: ClientOrderID?,
        venueOrderID: VenueOrderID,
        tradeID: TradeID,
        instrument: InstrumentIndex,
        side: OrderSide,
        quantity: Quantity,
        price: Price,
        fee: Money,
        liquidity: LiquiditySide,
        leavesQuantity: Quantity,
        isLiquidation: Bool = false,
        exchangeTime: Timestamp
    ) {
        self.clientOrderID = clientOrderID
        self.venueOrderID = venueOrderID
        self.tradeID = tradeID
        self.instrument = instrument
        self.side = side
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.liquidity = liquidity
        self.leavesQuantity = leavesQuantity
        self.isLiquidation = isLiquidation
        self.exchangeTime = exchangeTime
    }
}

/// A funding payment the venue applied to a perpetual position.
public struct FundingApplied: Sendable, Hashable {
    public let instrument: InstrumentIndex
    public let rate: Ratio
    /// The price the payment was computed at.
    public let markPrice: Price
    /// The signed position quantity at funding time (positive long, negative short), in raw units.
    public let positionRaw: Int128
    /// Received (positive) or paid (negative), in the settlement currency.
    public let payment: Money
    public let exchangeTime: Timestamp

    public init(
        instrument: InstrumentIndex,
        rate: Ratio,
        markPrice: Price,
        positionRaw: Int128,
        payment: Money,
        exchangeTime: Timestamp
    ) {
        self.instrument = instrument
        self.rate = rate
        self.markPrice = markPrice
        self.positionRaw = positionRaw
        self.payment = payment
        self.exchangeTime = exchangeTime
    }
}

/// A fact a venue reports about our orders and account.
public enum AccountEvent: Sendable, Hashable {
    case accepted(ClientOrderID, venueOrderID: VenueOrderID, exchangeTime: Timestamp)
    case rejected(ClientOrderID, reason: ReasonText, exchangeTime: Timestamp)
    case canceled(ClientOrderID, reason: ReasonText?, exchangeTime: Timestamp)
    case expired(ClientOrderID, exchangeTime: Timestamp)
    /// A conditional order reached its trigger; for stop-limits the limit order is now working.
    case triggered(ClientOrderID, exchangeTime: Timestamp)
    /// An amendment took effect.
    case updated(ClientOrderID, quantity: Quantity, price: Price?, triggerPrice: Price?, exchangeTime: Timestamp)
    /// A cancel or amendment was refused; the order stays as it was.
    case requestRefused(ClientOrderID, reason: ReasonText, exchangeTime: Timestamp)
    case filled(OrderFilled)
    case funding(FundingApplied)

    /// The venue's time of the event.
    public var exchangeTime: Timestamp {
        switch self {
        case .accepted(_, _, let time), .rejected(_, _, let time), .canceled(_, _, let time),
            .expired(_, let time), .triggered(_, let time), .updated(_, _, _, _, let time),
            .requestRefused(_, _, let time):
            time
        case .filled(let fill): fill.exchangeTime
        case .funding(let funding): funding.exchangeTime
        }
    }
}
