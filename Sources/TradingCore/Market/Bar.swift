/// A completed OHLCV bar. It becomes known at ``closeTime``, which is also its replay time.
public struct Bar: Sendable, Hashable {
    public let instrument: InstrumentIndex
    /// Start of the interval (the timestamp in candle files).
    public let openTime: Timestamp
    /// End of the interval: the bar is complete and can be acted on from this time.
    public let closeTime: Timestamp
    public let open: Price
    public let high: Price
    public let low: Price
    public let close: Price
    /// Traded volume in base units (as the source reports it).
    public let volume: Quantity
    /// The close as the nearest `Double` (correctly rounded), computed once when the bar is made: for
    /// indicators and marks, never for the ledger.
    public let closeValue: Double

    @inlinable
    public init(
        instrument: InstrumentIndex,
        openTime: Timestamp,
        closeTime: Timestamp,
        open: Price,
        high: Price,
        low: Price,
        close: Price,
        volume: Quantity
    ) {
        self.init(
            instrument: instrument,
            openTime: openTime,
            closeTime: closeTime,
            open: open,
            high: high,
            low: low,
            close: close,
            volume: volume,
            closeValue: close.doubleValue
        )
    }

    /// A bar whose ``closeValue`` is already known: `closeValue` must be `close.doubleValue`, as when a bar
    /// is read back from its compact form (`CompactBar` in TradingEngine's fast path).
    @inlinable
    package init(
        instrument: InstrumentIndex,
        openTime: Timestamp,
        closeTime: Timestamp,
        open: Price,
        high: Price,
        low: Price,
        close: Price,
        volume: Quantity,
        closeValue: Double
    ) {
        self.instrument = instrument
        self.openTime = openTime
        self.closeTime = closeTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.closeValue = closeValue
    }

    /// A zero bar, for storage that has not seen one yet.
    package static let placeholder = Bar(
        instrument: InstrumentIndex(0),
        openTime: .zero,
        closeTime: .zero,
        open: .zero,
        high: .zero,
        low: .zero,
        close: .zero,
        volume: .zero
    )

    /// Whether `low ≤ open, close ≤ high` and `low > 0`.
    public var isWellFormed: Bool {
        low.raw > 0 && low <= high && low <= open && open <= high && low <= close && close <= high
            && openTime < closeTime
    }
}
