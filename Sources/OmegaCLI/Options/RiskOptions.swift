import ArgumentParser
import TradingCore
import TradingEngine

/// Exits attached to every position and the risk limits in front of every order, shared by `backtest`
/// and `optimize` (freqtrade's `stoploss`, `trailing_stop`, `minimal_roi` and protections).
struct RiskOptions: ParsableArguments {
    @Option(help: "Stop-loss: 2%, atr:PERIOD:MULTIPLE or structure:LOOKBACK:BUFFER.", transform: StopArgument.parse)
    var stop: StopArgument?

    @Option(
        name: .customLong("break-even"),
        help: "Move the stop to the entry after this many R (1R).",
        transform: RMultipleArgument.parse
    )
    var breakEven: RMultipleArgument?

    @Option(
        help: "Trailing stop: 1%, atr:PERIOD:MULTIPLE or chandelier:PERIOD:MULTIPLE.",
        transform: TrailingArgument.parse
    )
    var trailing: TrailingArgument?

    @Option(
        name: .customLong("trail-after"),
        help: "Start trailing after this many R (default: from the entry).",
        transform: RMultipleArgument.parse
    )
    var trailAfter: RMultipleArgument?

    @Option(
        name: .customLong("time-stop"),
        help: "Close positions this long after they open (90m, 24h, 2d).",
        transform: DurationArgument.parse
    )
    var timeStop: DurationArgument?

    @Option(
        name: .customLong("take-profit"),
        help: "A partial take-profit R:FRACTION, such as 1R:50% (repeatable).",
        transform: TakeProfitArgument.parse
    )
    var takeProfits: [TakeProfitArgument] = []

    @Option(
        name: .customLong("exit-placement"),
        help: "Exit orders: native (resting at the venue), emulated, or automatic.",
        transform: ExitPlacementArgument.parse
    )
    var exitPlacement = ExitPlacementArgument(value: .automatic)

    @Option(
        name: .customLong("daily-loss"),
        help: "Only reduce positions for the rest of the day after this loss (5%).",
        transform: Fraction.parse
    )
    var dailyLoss: Fraction?

    @Option(name: .customLong("day-start-hour"), help: "The UTC hour the risk day starts (0...23).")
    var dayStartHour: Int = 0

    @Option(
        name: .customLong("drawdown-halt"),
        help: "Stop adding risk at this drawdown from the equity peak (20%); exits and stops keep working.",
        transform: Fraction.parse
    )
    var maxDrawdown: Fraction?

    @Option(
        name: .customLong("on-halt"),
        help: "What a tripped --daily-loss or --drawdown-halt does: reduce (no new risk) or flatten (also close)."
    )
    var onHalt: OnHaltOption = .reduce

    @Option(
        name: .customLong("max-leverage"),
        help: "Refuse orders that would take gross exposure above this multiple of equity.",
        transform: Fraction.parse
    )
    var maxLeverage: Fraction?

    @Option(
        name: .customLong("max-position-notional"),
        help: "Refuse orders that would take a position above this notional.",
        transform: DecimalArgument.parse
    )
    var maxPositionNotional: DecimalArgument?

    @Option(
        name: .customLong("max-correlated-exposure"),
        help:
            "Refuse orders that would take the exposure of positions correlated with the order's instrument above this notional.",
        transform: DecimalArgument.parse
    )
    var maxCorrelatedExposure: DecimalArgument?

    @Option(
        name: .customLong("correlation-threshold"),
        help: "Bar-return correlation at which positions count together (0...1).",
        transform: Fraction.parse
    )
    var correlationThreshold = Fraction(value: Ratio(raw: FixedPoint.scale / 10 * 7), text: "0.7")

    @Option(
        name: .customLong("price-band"),
        help: "Refuse limit and stop prices further than this from the last price (5%).",
        transform: Fraction.parse
    )
    var priceBand: Fraction?

    @Option(
        name: .customLong("loss-streak"),
        help: "Cool down after this many losing trades in a row on an instrument."
    )
    var lossStreak: Int?

    @Option(
        name: .customLong("loss-cooldown"),
        help: "How long a loss-streak cooldown lasts (1h).",
        transform: DurationArgument.parse
    )
    var lossCooldown = DurationArgument(value: .seconds(3_600), text: "1h")

    /// Checked in `validate()`.
    var exitPlan: ExitPlan?
    var limits = PreTradeLimits()
    var breakers = CircuitBreakers()

    enum CodingKeys: String, CodingKey {
        case stop, breakEven, trailing, trailAfter, timeStop, takeProfits, exitPlacement, dailyLoss, dayStartHour
        case maxDrawdown, maxLeverage, maxPositionNotional, maxCorrelatedExposure, correlationThreshold, priceBand
        case lossStreak, lossCooldown, onHalt
    }

    /// Builds the exit plan and the limits; each value's syntax was checked when it was parsed.
    mutating func validate() throws {
        do throws(ExitPlanError) {
            let plan = try ExitPlan(
                stop: stop?.rule,
                breakEvenAfter: breakEven?.value,
                trailing: trailing?.rule,
                trailingAfter: trailAfter?.value,
                timeStop: timeStop?.value,
                takeProfits: takeProfits.map(\.level),
                placement: exitPlacement.value
            )
            exitPlan = plan.isEmpty ? nil : plan
        } catch {
            var flag = String(error.field.map { $0 == "_" ? "-" : $0 })
            if flag == "trailing-after" { flag = "trail-after" }
            throw ValidationError("--\(flag): \(error.reason)")
        }
        guard (0...23).contains(dayStartHour) else {
            throw ValidationError("--day-start-hour \(dayStartHour): must be within 0...23")
        }
        breakers.dayStartHour = dayStartHour
        breakers.dailyLoss = try positive(dailyLoss, flag: "--daily-loss")
        breakers.maximumDrawdown = try positive(maxDrawdown, flag: "--drawdown-halt")
        breakers.dailyLossTrips = onHalt.trip
        breakers.drawdownTrips = onHalt.trip
        if let lossStreak {
            guard lossStreak > 0 else { throw ValidationError("--loss-streak \(lossStreak): must be positive") }
            breakers.lossStreak = lossStreak
            breakers.lossCooldown = lossCooldown.value
        }
        limits.maximumLeverage = try positive(maxLeverage, flag: "--max-leverage")
        limits.priceBand = try positive(priceBand, flag: "--price-band")
        guard correlationThreshold.value.raw > 0, correlationThreshold.value <= .one else {
            throw ValidationError("--correlation-threshold \(correlationThreshold): must be within 0...1")
        }
        limits.correlationThreshold = correlationThreshold.value
        for (flag, value) in [
            ("--max-position-notional", maxPositionNotional), ("--max-correlated-exposure", maxCorrelatedExposure),
        ] {
            if let value, value.value.raw <= 0 {
                throw ValidationError("\(flag) \(value): expected a positive decimal")
            }
        }
    }

    private func positive(_ fraction: Fraction?, flag: String) throws -> Ratio? {
        guard let fraction else { return nil }
        guard fraction.value.raw > 0 else { throw ValidationError("\(flag) \(fraction): must be positive") }
        return fraction.value
    }

    /// The risk policy for an account in `currency`: limits, then breakers, each only when set.
    func policy(currency: Currency) -> any RiskPolicy {
        var limits = self.limits
        if let maxPositionNotional {
            limits.maximumPositionNotional = Money(raw: maxPositionNotional.value.raw, currency: currency)
        }
        if let maxCorrelatedExposure {
            limits.maximumCorrelatedExposure = Money(raw: maxCorrelatedExposure.value.raw, currency: currency)
        }
        var policies: [any RiskPolicy] = []
        if limits != PreTradeLimits() { policies.append(limits) }
        let unset = CircuitBreakers(
            dayStartHour: breakers.dayStartHour,
            dailyLossTrips: breakers.dailyLossTrips,
            drawdownTrips: breakers.drawdownTrips
        )
        if breakers != unset { policies.append(breakers) }
        return policies.isEmpty ? NoAdditionalRisk() : RiskPolicies(policies)
    }

    /// The settings as (name, value) rows for summaries, only those set.
    var settingRows: [(String, String)] {
        var rows: [(String, String)] = []
        if let exitPlan { rows.append(("exits", exitPlan.description)) }
        if let dailyLoss { rows.append(("daily loss limit", "\(dailyLoss) (day starts \(dayStartHour):00 UTC)")) }
        if let maxDrawdown { rows.append(("drawdown halt", maxDrawdown.text)) }
        if dailyLoss != nil || maxDrawdown != nil {
            rows.append(("on halt", onHalt == .flatten ? "flatten every position" : "reduce only (exits stay active)"))
        }
        if let maxLeverage { rows.append(("max leverage", maxLeverage.text)) }
        if let maxPositionNotional { rows.append(("max position notional", maxPositionNotional.text)) }
        if let maxCorrelatedExposure {
            rows.append(
                ("max correlated exposure", "\(maxCorrelatedExposure) at correlation ≥ \(correlationThreshold)")
            )
        }
        if let priceBand { rows.append(("price band", priceBand.text)) }
        if let lossStreak { rows.append(("loss streak cooldown", "\(lossStreak) losses → \(lossCooldown)")) }
        return rows
    }
}
