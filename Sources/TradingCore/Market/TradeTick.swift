/// One trade printed by the venue.
public struct TradeTick: Sendable, Hashable {
    public let instrument: InstrumentIndex
    public let price: Price
    public let size: Quantity
    /// The taker's side: `.buy` when a buyer lifted the ask.
    public let aggressor: OrderSide
    /// The venue's time of the trade.
    public let exchangeTime: Timestamp
    /// When we received it; replay orders events by this time.
    public let receivedTime: Timestamp

    @inlinable
    public init(
        instrument: InstrumentIndex,
        price: Price,
        size: Quantity,
        aggressor: OrderSide,
        exchangeTime: Timestamp,
        receivedTime: Timestamp
    ) {
        self.instrument = instrument
        self.price = price
        self.size = size
        self.aggressor = aggressor
        self.exchangeTime = exchangeTime
        self.receivedTime = receivedTime
    }
}
