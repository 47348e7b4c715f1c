import ArgumentParser
import TradingBacktest
import TradingCore
import TradingEngine
import TradingResearch

/// `--fill`: when a market order placed at a bar's close fills.
enum FillOption: String, ExpressibleByArgument, CaseIterable {
    case nextOpen = "next_open"
    case close

    var rule: BarFillRule { self == .close ? .close : .nextOpen }
}

/// `--limit-fill`: when resting limit orders fill.
enum LimitFillOption: String, ExpressibleByArgument, CaseIterable {
    case touch
    case through

    var rule: LimitFillRule { self == .through ? .through : .touch }
}

/// Spot or perpetual, for `--market`.
enum MarketOption: String, ExpressibleByArgument, CaseIterable {
    case spot
    case perp

    var kind: InstrumentKind { self == .spot ? .spot : .linearPerpetual }
}

/// Isolated or cross margin, for `--margin`.
enum MarginOption: String, ExpressibleByArgument, CaseIterable {
    case isolated
    case cross

    var mode: StressTest.MarginMode { self == .cross ? .cross : .isolated }
}

/// `--on-halt`: what a tripped daily-loss or drawdown breaker does.
enum OnHaltOption: String, ExpressibleByArgument, CaseIterable {
    /// No new risk; exits and protective stops stay active.
    case reduce
    /// Also close every position at market.
    case flatten

    var trip: CircuitBreakers.Trip { self == .flatten ? .flatten : .reducing }
}

/// `--breakdown`: the period trades are grouped by.
enum BreakdownOption: String, ExpressibleByArgument, CaseIterable {
    case day
    case week
    case month

    var key: TradeBreakdown.Key {
        switch self {
        case .day: .day
        case .week: .week
        case .month: .month
        }
    }
}
