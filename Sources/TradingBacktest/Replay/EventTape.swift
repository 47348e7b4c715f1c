public import TradingCore
package import TradingEngine

/// Market events held in memory in under half the space of `[MarketEvent]`, for data that is replayed
/// from memory: `omega bench`, and the optimizer's candidates and walk-forward windows, which replay the
/// same events many times.
///
/// Each bar is kept as a ``CompactBar`` (48 bytes instead of 128), with the coarsest price and volume
/// steps (powers of ten) that hold every bar's values exactly. Any other event, and a bar whose values do
/// not fit, is kept as it is, and its record points at it. The engine reads the compact bars of a quiet
/// stretch itself (`Engine.processBarRun` on ``CompactBars``), so a
/// replay streams 48 bytes a bar from memory. The tape gives back exactly the events it was made from, in
/// order (`EventTapeTests`).
public struct EventTape: Sendable {
    let records: [CompactBar]
    /// Events that are not bars, or bars that do not fit a record.
    let others: [MarketEvent]
    /// The bar lengths (`closeTime − openTime`, nanoseconds) that occur, by length code.
    let lengths: [Int64]
    /// One price step in raw units (10⁻¹⁸): a power of ten.
    let priceStep: Int64
    /// One volume step in raw units: a power of ten.
    let volumeStep: Int64
    /// The instrument of every event, when every event is a bar of that one instrument in compact form.
    let uniformInstrument: InstrumentIndex?

    /// The number of events.
    public var count: Int { records.count }

    /// How many events are kept as they are (not bars, or bars that do not fit the compact form).
    public var keptAsIsCount: Int { others.count }

    /// The tape's size in memory, in bytes.
    public var byteCount: Int {
        records.count * MemoryLayout<CompactBar>.stride + others.count * MemoryLayout<MarketEvent>.stride
            + lengths.count * MemoryLayout<Int64>.stride
    }

    /// Encodes `events`, in order.
    public init(_ events: [MarketEvent]) {
        var priceDigits = FixedPoint.decimals
        var volumeDigits = FixedPoint.decimals
        for case .bar(let bar) in events {
            for price in [bar.open, bar.high, bar.low, bar.close] {
                priceDigits = Self.trailingZeros(of: price.raw, atMost: priceDigits)
            }
            volumeDigits = Self.trailingZeros(of: bar.volume.raw, atMost: volumeDigits)
        }
        let priceStep = Int64(Self.powerOfTen(priceDigits))
        let volumeStep = Int64(Self.powerOfTen(volumeDigits))
        var records: [CompactBar] = []
        records.reserveCapacity(events.count)
        var others: [MarketEvent] = []
        var lengths: [Int64] = []
        var lengthCodes: [Int64: UInt16] = [:]
        // The bars' one instrument, until a second one appears.
        var instrument: InstrumentIndex?
        var instruments = 0
        for event in events {
            if case .bar(let bar) = event,
                let code = Self.lengthCode(of: bar, lengths: &lengths, codes: &lengthCodes),
                let record = CompactBar(bar, priceStep: priceStep, volumeStep: volumeStep, lengthCode: code)
            {
                records.append(record)
                if instruments == 0 || (instruments == 1 && instrument != bar.instrument) {
                    instruments += 1
                    instrument = instruments == 1 ? bar.instrument : nil
                }
            } else {
                records.append(CompactBar(otherEvent: others.count))
                others.append(event)
            }
        }
        self.records = records
        self.others = others
        uniformInstrument = others.isEmpty ? instrument : nil
        self.lengths = lengths
        self.priceStep = priceStep
        self.volumeStep = volumeStep
    }

    /// The code of the bar's length in `lengths`, added if new; `nil` if the length overflows or the table
    /// is full.
    private static func lengthCode(of bar: Bar, lengths: inout [Int64], codes: inout [Int64: UInt16]) -> UInt16? {
        let (length, overflow) = bar.closeTime.nanoseconds.subtractingReportingOverflow(bar.openTime.nanoseconds)
        if overflow { return nil }
        if let code = codes[length] { return code }
        guard lengths.count < Int(UInt16.max) else { return nil }
        let code = UInt16(lengths.count)
        codes[length] = code
        lengths.append(length)
        return code
    }

    /// The number of trailing decimal zeros of `raw`, at most `limit` (all of them for zero).
    private static func trailingZeros(of raw: Int128, atMost limit: Int) -> Int {
        var digits = limit
        while digits > 0 && raw % powerOfTen(digits) != 0 { digits -= 1 }
        return digits
    }

    private static func powerOfTen(_ digits: Int) -> Int128 {
        var value: Int128 = 1
        for _ in 0..<digits { value *= 10 }
        return value
    }

    /// The event at `index`.
    public func event(at index: Int) -> MarketEvent {
        withBars { bars in bars.bar(at: index).map { .bar($0) } ?? others[Int(bars.records[index].openTime)] }
    }

    /// The event at `index` if it is not a bar in compact form.
    func otherEvent(at index: Int) -> MarketEvent { others[Int(records[index].openTime)] }

    /// Every event, decoded.
    public var events: [MarketEvent] { (0..<count).map { event(at: $0) } }

    /// Calls `body` with a view of the compact bars.
    package func withBars<Result>(_ body: (CompactBars) throws -> Result) rethrows -> Result {
        try records.withUnsafeBufferPointer { records in
            try lengths.withUnsafeBufferPointer { lengths in
                try body(
                    CompactBars(
                        records: records,
                        lengths: lengths,
                        priceStep: priceStep,
                        volumeStep: volumeStep,
                        uniformInstrument: uniformInstrument
                    )
                )
            }
        }
    }
}
