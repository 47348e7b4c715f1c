import TradingCore

/// One equity sample of a run: the equity estimate after an event, whether a position was open, and the
/// price-chart point the event adds, if any.
struct EquitySample: Sendable {
    var time: Int64
    var equity: Double
    /// The price-chart point at `time`, when ``flags`` has ``chartsPrice``.
    var price: Double
    var flags: UInt8

    /// A position was open since the previous sample.
    static let positionOpen: UInt8 = 1
    /// ``price`` is a point of the price chart.
    static let chartsPrice: UInt8 = 2

    static let zero = EquitySample(time: 0, equity: 0, price: 0, flags: 0)

    @inline(__always)
    init(time: Int64, equity: Double, price: Double, flags: UInt8) {
        self.time = time
        self.equity = equity
        self.price = price
        self.flags = flags
    }

    @inline(__always)
    init(time: Int64, equity: Double, positionOpen: Bool, chartPrice: Double?) {
        self.time = time
        self.equity = equity
        price = chartPrice ?? 0
        flags = (positionOpen ? Self.positionOpen : 0) | (chartPrice == nil ? 0 : Self.chartsPrice)
    }
}

/// What a run's equity samples feed: the performance statistics and the equity and price charts.
///
/// The samples reach it in batches, in run order (``AnalyticsPipeline``), so the results are the same
/// whether a batch is consumed on the run's thread or on the pipeline's own.
struct RunAnalytics: Sendable {
    var accumulator: PerformanceAccumulator
    var equityChart: SeriesDownsampler
    var priceChart: SeriesDownsampler

    init(initialEquity: Double, chartPoints: Int) {
        accumulator = PerformanceAccumulator(initialEquity: initialEquity)
        equityChart = SeriesDownsampler(capacity: chartPoints)
        priceChart = SeriesDownsampler(capacity: chartPoints)
    }

    /// Opens the performance period at `periodStart`, if given, then takes `samples` in order. The
    /// observer, if any, gets each sample with its drawdown from the peak.
    mutating func consume(
        _ samples: UnsafeBufferPointer<EquitySample>, periodStart: Int64?, observer: (any EquityObserver)?
    ) {
        if let periodStart { accumulator.start(at: periodStart) }
        for sample in samples {
            accumulator.sample(time: sample.time, equity: sample.equity, positionOpen: sample.flags & EquitySample.positionOpen != 0)
            equityChart.add(time: sample.time, value: sample.equity)
            if sample.flags & EquitySample.chartsPrice != 0 { priceChart.add(time: sample.time, value: sample.price) }
            if let observer {
                observer.record(
                    time: Timestamp(nanoseconds: sample.time), equity: sample.equity,
                    drawdown: accumulator.drawdown(of: sample.equity))
            }
        }
    }
}
