public import TradingCore

/// When a market order that arrives at a bar's close fills, in bar-driven simulation.
public enum BarFillRule: String, Sendable, Hashable, CaseIterable {
    /// At the next bar's open (the order waits for the next bar's path). The default.
    case nextOpen = "next_open"
    /// At the close of the bar that produced the signal, if the order arrives exactly then (zero latency).
    case close
}

/// When a resting limit order fills against prices that reach it.
public enum LimitFillRule: String, Sendable, Hashable, CaseIterable {
    /// When the price touches the limit (freqtrade, backtesting.py).
    case touch
    /// Only when the price trades through the limit (conservative; no queue position assumed).
    case through
}

/// How the simulated exchange fills orders. See `docs/engine.md` for the full fill rules.
public struct SimulatedExchangeConfiguration: Sendable, Hashable {
    /// Adverse slippage for market-type fills where depth is unknown (bars, trade ticks, quotes), as a
    /// fraction of the price: buys fill higher, sells lower, rounded to the tick away from the trader.
    public var slippage: Ratio
    public var barFill: BarFillRule
    public var limitFill: LimitFillRule
    /// Reject stop and take-profit orders whose trigger is already reached on arrival (as Binance does).
    public var rejectImmediateTriggers: Bool

    public init(
        slippage: Ratio = .zero, barFill: BarFillRule = .nextOpen, limitFill: LimitFillRule = .touch,
        rejectImmediateTriggers: Bool = true
    ) {
        self.slippage = slippage
        self.barFill = barFill
        self.limitFill = limitFill
        self.rejectImmediateTriggers = rejectImmediateTriggers
    }
}
