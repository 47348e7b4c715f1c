import ArgumentParser
import TradingCore
import TradingEngine

/// Exits attached to every position and the risk limits in front of every order, shared by `backtest`
/// and `optimize` (freqtrade's `stoploss`, `trailing_stop`, `minimal_roi` and protections).
struct RiskOptions: ParsableArguments {
    @Option(help: "Stop-loss: 2%, atr:PERIOD:MULTIPLE or structure:LOOKBACK:BUFFER.")
    var stop: String?

    @Option(name: .customLong("break-even"), help: "Move the stop to the entry after this many R (1R).")
    var breakEven: String?

    @Option(help: "Trailing stop: 1%, atr:PERIOD:MULTIPLE or chandelier:PERIOD:MULTIPLE.")
    var trailing: String?

    @Option(name: .customLong("trail-after"), help: "Start trailing after this many R (default: from the entry).")
    var trailAfter: String?

    @Option(name: .customLong("time-stop"), help: "Close positions this long after they open (90m, 24h, 2d).")
    var timeStop: String?

    @Option(name: .customLong("take-profit"), help: "A partial take-profit R:FRACTION, such as 1R:50% (repeatable).")
    var takeProfits: [String] = []

    @Option(name: .customLong("exit-placement"), help: "Exit orders: native (resting at the venue), emulated, or automatic.")
    var exitPlacement: String = "automatic"

    @Option(name: .customLong("daily-loss"), help: "Only reduce positions for the rest of the day after this loss (5%).")
    var dailyLoss: String?

    @Option(name: .customLong("day-start-hour"), help: "The UTC hour the risk day starts (0...23).")
    var dayStartHour: Int = 0

    @Option(name: .customLong("drawdown-halt"), help: "Halt trading at this drawdown from the equity peak (20%).")
    var maxDrawdown: String?

    @Option(name: .customLong("max-leverage"), help: "Refuse orders that would take gross exposure above this multiple of equity.")
    var maxLeverage: String?

    @Option(name: .customLong("max-position-notional"), help: "Refuse orders that would take a position above this notional.")
    var maxPositionNotional: String?

    @Option(name: .customLong("max-correlated-exposure"), help: "Refuse orders that would take the exposure of positions correlated with the order's instrument above this notional.")
    var maxCorrelatedExposure: String?

    @Option(name: .customLong("correlation-threshold"), help: "Bar-return correlation at which positions count together (0...1).")
    var correlationThreshold: String = "0.7"

    @Option(name: .customLong("price-band"), help: "Refuse limit and stop prices further than this from the last price (5%).")
    var priceBand: String?

    @Option(name: .customLong("loss-streak"), help: "Cool down after this many losing trades in a row on an instrument.")
    var lossStreak: Int?

    @Option(name: .customLong("loss-cooldown"), help: "How long a loss-streak cooldown lasts (1h).")
    var lossCooldown: String = "1h"

    // Parsed in validate().
    var exitPlan: ExitPlan?
    var limits = PreTradeLimits()
    var breakers = CircuitBreakers()

    enum CodingKeys: String, CodingKey {
        case stop, breakEven, trailing, trailAfter, timeStop, takeProfits, exitPlacement, dailyLoss, dayStartHour, maxDrawdown
        case maxLeverage, maxPositionNotional, maxCorrelatedExposure, correlationThreshold, priceBand, lossStreak, lossCooldown
    }

    mutating func validate() throws {
        do throws(ExitPlanError) {
            try parse()
        } catch {
            var flag = String(error.field.map { $0 == "_" ? "-" : $0 })
            if flag == "trailing-after" { flag = "trail-after" }
            throw ValidationError("--\(flag): \(error.reason)")
        }
        for (flag, text) in [("--max-position-notional", maxPositionNotional), ("--max-correlated-exposure", maxCorrelatedExposure)] {
            guard let text else { continue }
            guard let value = try? Ratio(text), value.raw > 0 else { throw ValidationError("\(flag) \(text): expected a positive decimal") }
        }
    }

    private mutating func parse() throws(ExitPlanError) {
        guard let placement = ExitPlacement(rawValue: exitPlacement) else {
            throw ExitPlanError(field: "exit-placement", reason: "expected native, emulated or automatic, got '\(exitPlacement)'")
        }
        var levels: [TakeProfitLevel] = []
        for text in takeProfits { levels.append(try ExitRuleText.takeProfit(text)) }
        let plan = try ExitPlan(
            stop: try optional(stop, ExitRuleText.stop), breakEvenAfter: try optional(breakEven) { text throws(ExitPlanError) in try ExitRuleText.rMultiple(text, field: "break-even") },
            trailing: try optional(trailing, ExitRuleText.trailing),
            trailingAfter: try optional(trailAfter) { text throws(ExitPlanError) in try ExitRuleText.rMultiple(text, field: "trail-after") },
            timeStop: try optional(timeStop) { text throws(ExitPlanError) in try ExitRuleText.duration(text, field: "time-stop") },
            takeProfits: levels, placement: placement)
        exitPlan = plan.isEmpty ? nil : plan
        guard (0...23).contains(dayStartHour) else {
            throw ExitPlanError(field: "day-start-hour", reason: "must be within 0...23, got \(dayStartHour)")
        }
        breakers.dayStartHour = dayStartHour
        breakers.dailyLoss = try positive(dailyLoss, field: "daily-loss")
        breakers.maximumDrawdown = try positive(maxDrawdown, field: "drawdown-halt")
        if let lossStreak {
            guard lossStreak > 0 else { throw ExitPlanError(field: "loss-streak", reason: "must be positive, got \(lossStreak)") }
            breakers.lossStreak = lossStreak
            breakers.lossCooldown = try ExitRuleText.duration(lossCooldown, field: "loss-cooldown")
        }
        limits.maximumLeverage = try positive(maxLeverage, field: "max-leverage")
        limits.priceBand = try positive(priceBand, field: "price-band")
        let threshold = try ExitRuleText.fraction(correlationThreshold, field: "correlation-threshold")
        guard threshold.raw > 0, threshold <= .one else {
            throw ExitPlanError(field: "correlation-threshold", reason: "must be within 0...1, got \(correlationThreshold)")
        }
        limits.correlationThreshold = threshold
    }

    private func optional<Value>(_ text: String?, _ parse: (String) throws(ExitPlanError) -> Value) throws(ExitPlanError) -> Value? {
        guard let text else { return nil }
        return try parse(text)
    }

    private func positive(_ text: String?, field: String) throws(ExitPlanError) -> Ratio? {
        guard let text else { return nil }
        let value = try ExitRuleText.fraction(text, field: field)
        guard value.raw > 0 else { throw ExitPlanError(field: field, reason: "must be positive, got \(text)") }
        return value
    }

    /// The risk policy for an account in `currency`: limits, then breakers, each only when set.
    func policy(currency: Currency) -> any RiskPolicy {
        var limits = self.limits
        if let maxPositionNotional, let value = try? Money(maxPositionNotional, currency: currency) {
            limits.maximumPositionNotional = value
        }
        if let maxCorrelatedExposure, let value = try? Money(maxCorrelatedExposure, currency: currency) {
            limits.maximumCorrelatedExposure = value
        }
        var policies: [any RiskPolicy] = []
        if limits != PreTradeLimits() { policies.append(limits) }
        if breakers != CircuitBreakers(dayStartHour: breakers.dayStartHour) { policies.append(breakers) }
        return policies.isEmpty ? NoAdditionalRisk() : RiskPolicies(policies)
    }

    /// The settings as (name, value) rows for summaries, only those set.
    var settingRows: [(String, String)] {
        var rows: [(String, String)] = []
        if let exitPlan { rows.append(("exits", exitPlan.description)) }
        if let dailyLoss { rows.append(("daily loss limit", "\(dailyLoss) (day starts \(dayStartHour):00 UTC)")) }
        if let maxDrawdown { rows.append(("drawdown halt", maxDrawdown)) }
        if let maxLeverage { rows.append(("max leverage", maxLeverage)) }
        if let maxPositionNotional { rows.append(("max position notional", maxPositionNotional)) }
        if let maxCorrelatedExposure { rows.append(("max correlated exposure", "\(maxCorrelatedExposure) at correlation ≥ \(correlationThreshold)")) }
        if let priceBand { rows.append(("price band", priceBand)) }
        if let lossStreak { rows.append(("loss streak cooldown", "\(lossStreak) losses → \(lossCooldown)")) }
        return rows
    }
}
