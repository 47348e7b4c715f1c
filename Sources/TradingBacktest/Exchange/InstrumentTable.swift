import TradingCore

/// A venue's instruments in memory of their own that never changes, so that the venue can read one
/// through its address (``subscript(_:)``) without retaining an array or copying the instrument out.
///
/// `@unchecked Sendable`: the memory is written once, in `init`, and only read afterwards.
final class InstrumentTable: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Instrument>
    let count: Int

    init(_ instruments: [Instrument]) {
        count = instruments.count
        base = .allocate(capacity: max(1, instruments.count))
        base.initialize(from: instruments, count: instruments.count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// The address of instrument `index`, valid while the table lives (the venue holding it keeps it alive).
    @inline(__always)
    subscript(_ index: Int) -> UnsafePointer<Instrument> {
        precondition(index >= 0 && index < count, "Invariant: the venue knows the instrument")
        return UnsafePointer(base + index)
    }
}
