/// One equity sample of a run: the equity estimate after an event, whether a position was open, and the
/// price-chart point the event adds, if any. A backtest's statistics and charts are made from these; the
/// engine writes them itself for the bars of a run (`Engine.processBarRun`).
@usableFromInline
package struct EquitySample: Sendable, Equatable {
    @usableFromInline package var time: Int64
    @usableFromInline package var equity: Double
    /// The price-chart point at `time`, when ``flags`` has ``chartsPrice``.
    @usableFromInline package var price: Double
    @usableFromInline package var flags: UInt8

    /// A position was open since the previous sample.
    @inlinable package static var positionOpen: UInt8 { 1 }
    /// ``price`` is a point of the price chart.
    @inlinable package static var chartsPrice: UInt8 { 2 }

    @inlinable package static var zero: EquitySample { EquitySample(time: 0, equity: 0, price: 0, flags: 0) }

    @inlinable @inline(__always)
    package init(time: Int64, equity: Double, price: Double, flags: UInt8) {
        self.time = time
        self.equity = equity
        self.price = price
        self.flags = flags
    }

    @inlinable @inline(__always)
    package init(time: Int64, equity: Double, positionOpen: Bool, chartPrice: Double?) {
        self.time = time
        self.equity = equity
        price = chartPrice ?? 0
        flags = (positionOpen ? Self.positionOpen : 0) | (chartPrice == nil ? 0 : Self.chartsPrice)
    }
}
