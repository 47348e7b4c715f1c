import TradingCore
import TradingEngine
import TradingIndicators

/// What a signal model wants after a bar: a target for the position and, optionally, protective levels.
struct Stance: Sendable, Hashable {
    enum Target: Sendable, Hashable {
        /// Be long (reverse a short).
        case long
        /// Be short (reverse a long); long-only strategies close a long instead.
        case short
        /// Close any position.
        case flat
        /// Close a long, leave a short.
        case exitLong
        /// Close a short, leave a long.
        case exitShort
    }

    let target: Target
    /// A stop-loss price for the entry, overriding the `stop_loss` fraction.
    var stop: Double?
    /// A take-profit price for the entry, overriding the `take_profit` fraction.
    var takeProfit: Double?

    init(_ target: Target, stop: Double? = nil, takeProfit: Double? = nil) {
        self.target = target
        self.stop = stop
        self.takeProfit = takeProfit
    }

    static let long = Stance(.long)
    static let short = Stance(.short)
    static let flat = Stance(.flat)
    static let exitLong = Stance(.exitLong)
    static let exitShort = Stance(.exitShort)
}

/// Turns bars into stances. Models are plain values, so strategies, ensembles and regime switches can own
/// and combine them.
protocol SignalModel: Sendable {
    /// Adds one bar; returns a stance when the model wants a change, `nil` to hold.
    mutating func update(_ candle: Candle) -> Stance?
}

extension Bar {
    /// The bar as indicator input.
    var candle: Candle {
        Candle(
            time: openTime.nanoseconds,
            open: open.doubleValue,
            high: high.doubleValue,
            low: low.doubleValue,
            close: closeValue,
            volume: volume.doubleValue
        )
    }
}
