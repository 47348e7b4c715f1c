public import TradingCore

/// A bar in 48 bytes instead of the 128 of a ``MarketEvent``, for market data held in memory and replayed
/// from it (`EventTape` in TradingBacktest).
///
/// Replaying bars from memory is bound by memory bandwidth when they do not fit the caches: a million
/// `MarketEvent`s are 128 MB, read at about 9 GB/s by one core of the benchmark machine, as long as the
/// engine's own work on them. A compact bar keeps the open and the volume as 64-bit integers in units of a
/// price and a volume step (powers of ten shared by the whole stretch of data), the high, low and close as
/// 32-bit offsets from the open, the bar's length as an index into a table, and the close as a `Double`.
/// A bar whose values do not fit has no compact form; a record can also stand for an event kept elsewhere
/// as it is (``isBar``).
@usableFromInline
package struct CompactBar: Sendable {
    /// The open time in nanoseconds; for a record that stands for another event, that event's number.
    @usableFromInline package let openTime: Int64
    /// The open, in price steps.
    @usableFromInline let open: Int64
    /// The volume, in volume steps.
    @usableFromInline let volume: Int64
    @usableFromInline let closeValue: Double
    /// `high − open`, in price steps.
    @usableFromInline let high: UInt32
    /// `open − low`, in price steps.
    @usableFromInline let low: UInt32
    /// `close − open`, in price steps.
    @usableFromInline let close: Int32
    /// The index of `closeTime − openTime` in the table of lengths, or ``otherEvent``.
    @usableFromInline let length: UInt16
    @usableFromInline let instrument: UInt16

    @usableFromInline static let otherEvent = UInt16.max

    /// A record standing for event number `number` of another list (not a bar, or a bar that does not fit).
    @usableFromInline package init(otherEvent number: Int) {
        openTime = Int64(number)
        open = 0
        volume = 0
        closeValue = 0
        high = 0
        low = 0
        close = 0
        length = Self.otherEvent
        instrument = 0
    }

    /// The compact form of `bar`, or `nil` if one of its values does not fit. `lengthCode` is the index of
    /// its length (`closeTime − openTime`) in the table it will be read with; the steps are in raw units
    /// (10⁻¹⁸) and must divide the bar's prices and volume.
    @usableFromInline package init?(_ bar: Bar, priceStep: Int64, volumeStep: Int64, lengthCode: UInt16) {
        let step = Int128(priceStep)
        guard priceStep > 0, volumeStep > 0, lengthCode != Self.otherEvent,
            bar.open.raw % step == 0, bar.high.raw % step == 0, bar.low.raw % step == 0, bar.close.raw % step == 0,
            bar.volume.raw % Int128(volumeStep) == 0,
            let open = Int64(exactly: bar.open.raw / step),
            let high = UInt32(exactly: (bar.high.raw - bar.open.raw) / step),
            let low = UInt32(exactly: (bar.open.raw - bar.low.raw) / step),
            let close = Int32(exactly: (bar.close.raw - bar.open.raw) / step),
            Int64(exactly: Int128(open) + Int128(high)) != nil, Int64(exactly: Int128(open) - Int128(low)) != nil,
            let volume = Int64(exactly: bar.volume.raw / Int128(volumeStep)),
            let instrument = UInt16(exactly: bar.instrument.value)
        else { return nil }
        openTime = bar.openTime.nanoseconds
        self.open = open
        self.volume = volume
        closeValue = bar.closeValue
        self.high = high
        self.low = low
        self.close = close
        length = lengthCode
        self.instrument = instrument
    }

    /// Whether the record is a bar (rather than standing for another event).
    @inlinable package var isBar: Bool { length != Self.otherEvent }
}

/// A stretch of compact bars as they are read, with the steps and the table of lengths they were made
/// with. A view: the memory belongs to its maker (`EventTape`), which keeps it alive while it is used.
///
/// It is `Sendable` as a read-only view: the engine's market state refers to one only during a bar run
/// (`MarketState`), on the run's thread.
@usableFromInline
package struct CompactBars: @unchecked Sendable {
    @usableFromInline package let records: UnsafeBufferPointer<CompactBar>
    /// `closeTime − openTime` of the bars, in nanoseconds, by ``CompactBar``'s length code.
    @usableFromInline package let lengths: UnsafeBufferPointer<Int64>
    @usableFromInline package let priceStep: Int64
    @usableFromInline package let volumeStep: Int64
    /// The instrument of every record, when every record is a bar of that one instrument (a tape of one
    /// candle file): a bar run then need not check the records it reads ahead.
    @usableFromInline package let uniformInstrument: InstrumentIndex?

    /// No bars.
    @usableFromInline static let empty = CompactBars(
        records: UnsafeBufferPointer(start: nil, count: 0),
        lengths: UnsafeBufferPointer(start: nil, count: 0),
        priceStep: 1,
        volumeStep: 1
    )

    /// - Parameter uniformInstrument: the instrument of every record, if every record is a bar of it.
    @usableFromInline package init(
        records: UnsafeBufferPointer<CompactBar>,
        lengths: UnsafeBufferPointer<Int64>,
        priceStep: Int64,
        volumeStep: Int64,
        uniformInstrument: InstrumentIndex? = nil
    ) {
        self.records = records
        self.lengths = lengths
        self.priceStep = priceStep
        self.volumeStep = volumeStep
        self.uniformInstrument = uniformInstrument
    }

    @inlinable package var count: Int { records.count }

    /// The bar at `index`, or `nil` if the record there stands for another event.
    @inlinable @inline(__always)
    package func bar(at index: Int) -> Bar? {
        let record = records[index]
        guard record.isBar else { return nil }
        // The sums fit 64 bits (checked when the record was made), and each price is one 64 × 64-bit product.
        return Bar(
            instrument: InstrumentIndex(Int(record.instrument)),
            openTime: Timestamp(nanoseconds: record.openTime),
            closeTime: Timestamp(nanoseconds: record.openTime &+ lengths[Int(record.length)]),
            open: Price(raw: Self.widen(record.open, priceStep)),
            high: Price(raw: Self.widen(record.open &+ Int64(record.high), priceStep)),
            low: Price(raw: Self.widen(record.open &- Int64(record.low), priceStep)),
            close: Price(raw: Self.widen(record.open &+ Int64(record.close), priceStep)),
            volume: Quantity(raw: Self.widenNonNegative(record.volume, volumeStep)),
            closeValue: record.closeValue
        )
    }

    /// What a benchmark needs of the bar at `index`, which must be a bar, without building it: its instrument,
    /// close time, close as a `Double` and (only when asked) its open.
    @inlinable @inline(__always)
    package func mark(at index: Int) -> (instrument: Int, closeTime: Int64, close: Double) {
        let record = records[index]
        return (Int(record.instrument), record.openTime &+ lengths[Int(record.length)], record.closeValue)
    }

    /// The open of the bar at `index`, which must be a bar.
    @inlinable
    package func open(at index: Int) -> Price { Price(raw: Self.widen(records[index].open, priceStep)) }

    /// The close of the bar at `index`, which must be a bar: ``bar(at:)``'s close without the rest.
    @inlinable @inline(__always)
    package func close(at index: Int) -> Price {
        let record = records[index]
        return Price(raw: Self.widen(record.open &+ Int64(record.close), priceStep))
    }

    /// `value × step` for a value and a step that are not negative (a record's volume and the volume
    /// step, as checked when the record was made). The masks change nothing but let the optimizer see that
    /// the product is not negative, so a bar run that never reads the volume does not compute it to check
    /// ``Quantity``'s sign.
    @inlinable @inline(__always)
    static func widenNonNegative(_ value: Int64, _ step: Int64) -> Int128 {
        Int128(value & .max) &* Int128(step & .max)
    }

    /// `value × step` in full width.
    @inlinable @inline(__always)
    static func widen(_ value: Int64, _ step: Int64) -> Int128 {
        let (high, low) = value.multipliedFullWidth(by: step)
        return Int128(high) << 64 | Int128(low)
    }
}
