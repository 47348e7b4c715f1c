/// A best bid and offer update.
public struct QuoteTick: Sendable, Hashable {
    public let instrument: InstrumentIndex
    public let bidPrice: Price
    public let bidSize: Quantity
    public let askPrice: Price
    public let askSize: Quantity
    public let exchangeTime: Timestamp
    public let receivedTime: Timestamp

    @inlinable
    public init(
        instrument: InstrumentIndex,
        bidPrice: Price,
        bidSize: Quantity,
        askPrice: Price,
        askSize: Quantity,
        exchangeTime: Timestamp,
        receivedTime: Timestamp
    ) {
        self.instrument = instrument
        self.bidPrice = bidPrice
        self.bidSize = bidSize
        self.askPrice = askPrice
        self.askSize = askSize
        self.exchangeTime = exchangeTime
        self.receivedTime = receivedTime
    }

    /// `(bid + ask) / 2`, rounded half to even at 18 decimals.
    public var midPrice: Price {
        Price(raw: FixedPoint.multiplyDivide(bidPrice.raw + askPrice.raw, 1, 2, rounding: .toNearestOrEven))
    }
}
