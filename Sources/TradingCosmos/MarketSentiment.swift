public import TradingCore

/// Global market sentiment on the fear-and-greed scale: 0 extreme fear, 50 neutral, 100 extreme greed.
///
/// It is read from an input series, such as a fear-and-greed index file, or derived from perpetual
/// funding rates. With no input it is neutral.
public struct MarketSentiment: Sendable, Hashable {
    public static let neutral = 50.0

    public var series: TimeSeries

    public init(series: TimeSeries = TimeSeries()) { self.series = series }

    /// The sentiment at `time`: the series' latest value, or neutral.
    public func value(at time: Timestamp) -> Double { series.value(at: time) ?? Self.neutral }

    /// Sentiment from funding rates: the usual rate of 0.01 % per 8 hours reads as neutral, and each
    /// further 0.01 % moves 25 points towards greed (negative funding towards fear), clamped to 0…100.
    public static func fromFundingRates(_ rates: [(time: Timestamp, rate: Double)]) -> MarketSentiment {
        let points = rates.map { point in
            (time: point.time, value: min(100, max(0, neutral + (point.rate - 0.0001) / 0.0001 * 25)))
        }
        return MarketSentiment(series: TimeSeries(points))
    }

    /// The usual label of a value (alternative.me's bands).
    public static func label(_ value: Double) -> String {
        switch value {
        case ..<25: "extreme_fear"
        case ..<45: "fear"
        case ...55: "neutral"
        case ...75: "greed"
        default: "extreme_greed"
        }
    }
}
