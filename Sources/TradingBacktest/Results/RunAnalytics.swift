import TradingCore
import TradingEngine

/// What a run's equity samples feed: the performance statistics and the equity and price charts.
///
/// The samples reach it in batches, in run order (``AnalyticsPipeline``), so the results are the same
/// whether a batch is consumed on the run's thread or on the pipeline's own.
struct RunAnalytics: Sendable {
    var accumulator: PerformanceAccumulator
    var equityChart: SeriesDownsampler
    var priceChart: SeriesDownsampler
    /// The indicator lines over the price chart, fed the same closes.
    var overlays: [OverlayCalculator]

    init(initialEquity: Double, chartPoints: Int, overlays: [ChartOverlay] = []) {
        accumulator = PerformanceAccumulator(initialEquity: initialEquity)
        equityChart = SeriesDownsampler(capacity: chartPoints)
        priceChart = SeriesDownsampler(capacity: chartPoints)
        self.overlays = overlays.map { OverlayCalculator($0, chartPoints: chartPoints) }
    }

    /// Opens the performance period at `periodStart`, if given, then takes `samples` in order. The
    /// observer, if any, gets each sample with its drawdown from the peak.
    mutating func consume(
        _ samples: UnsafeBufferPointer<EquitySample>,
        periodStart: Int64?,
        observer: (any EquityObserver)?
    ) {
        if let periodStart { accumulator.start(at: periodStart) }
        for sample in samples {
            accumulator.sample(
                time: sample.time,
                equity: sample.equity,
                positionOpen: sample.flags & EquitySample.positionOpen != 0
            )
            equityChart.add(time: sample.time, value: sample.equity)
            if sample.flags & EquitySample.chartsPrice != 0 {
                priceChart.add(time: sample.time, value: sample.price)
                for index in overlays.indices { overlays[index].add(time: sample.time, close: sample.price) }
            }
            if let observer {
                observer.record(
                    time: Timestamp(nanoseconds: sample.time),
                    equity: sample.equity,
                    drawdown: accumulator.drawdown(of: sample.equity)
                )
            }
        }
    }
}
