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

/// How a perpetual position's margin is held, as on Binance's USD-M futures.
public enum MarginMode: String, Sendable, Hashable, CaseIterable {
    /// Each position holds its own margin and is liquidated when that is used up; the trader loses at most it.
    case isolated
    /// The account's whole margin balance backs every position: a position is liquidated when the account's
    /// equity (wallet plus every position's PnL) falls to the maintenance margins, and the trader then loses
    /// what was left of it.
    case cross
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
    /// How perpetual positions are margined and liquidated.
    public var marginMode: MarginMode

    public init(
        slippage: Ratio = .zero,
        barFill: BarFillRule = .nextOpen,
        limitFill: LimitFillRule = .touch,
        rejectImmediateTriggers: Bool = true,
        marginMode: MarginMode = .isolated
    ) {
        self.slippage = slippage
        self.barFill = barFill
        self.limitFill = limitFill
        self.rejectImmediateTriggers = rejectImmediateTriggers
        self.marginMode = marginMode
    }
}
