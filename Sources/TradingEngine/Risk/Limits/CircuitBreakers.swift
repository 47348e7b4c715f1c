public import TradingCore

/// Stateful limits: order rates, a daily loss limit, a drawdown breaker and a cooldown after losing streaks.
///
/// - `ordersPerSecond` / `ordersPerMinute`: per strategy; `accountOrdersPerSecond` / `…PerMinute`: for
///   all strategies together; code `order_rate`.
/// - `dailyLoss`: equity more than this fraction below the day's opening equity trips `dailyLossTrips`
///   until the next day, which starts at `dayStartHour` UTC; code `daily_loss`.
/// - `maximumDrawdown`: equity more than this fraction below its peak trips `drawdownTrips` until an
///   operator resumes trading; code `max_drawdown`.
/// - `lossStreak`: after this many losing round trips in a row on an instrument (or overall), new orders
///   that add risk there are refused for `lossCooldown`; code `loss_cooldown`.
///
/// A breaker reduces risk and never freezes it: a trip moves trading to REDUCING, where no order may add
/// risk while exits, stops and take-profits still work, and open orders that would add risk are cancelled.
/// ``Trip/flatten`` also closes every position at market. Only an operator's halt reaches HALTED; see
/// ``TradingState``.
public struct CircuitBreakers: RiskPolicy, Hashable {
    public var ordersPerSecond: Int?
    public var ordersPerMinute: Int?
    public var accountOrdersPerSecond: Int?
    public var accountOrdersPerMinute: Int?
    public var dailyLoss: Ratio?
    public var dayStartHour: Int
    public var dailyLossTrips: Trip
    public var maximumDrawdown: Ratio?
    public var drawdownTrips: Trip
    public var lossStreak: Int?
    public var lossCooldown: Duration
    /// Count the streak per instrument (true) or over all instruments (false).
    public var lossStreakPerInstrument: Bool

    /// What a tripped limit does.
    public enum Trip: String, Sendable, Hashable, CaseIterable {
        /// No new risk: only reduce-only orders pass; exits and protective stops stay active.
        case reducing = "reduce"
        /// As ``reducing``, and every position is closed at market at once.
        case flatten
    }

    public init(
        ordersPerSecond: Int? = nil,
        ordersPerMinute: Int? = nil,
        accountOrdersPerSecond: Int? = nil,
        accountOrdersPerMinute: Int? = nil,
        dailyLoss: Ratio? = nil,
        dayStartHour: Int = 0,
        dailyLossTrips: Trip = .reducing,
        maximumDrawdown: Ratio? = nil,
        drawdownTrips: Trip = .reducing,
        lossStreak: Int? = nil,
        lossCooldown: Duration = .seconds(3_600),
        lossStreakPerInstrument: Bool = true
    ) {
        self.ordersPerSecond = ordersPerSecond
        self.ordersPerMinute = ordersPerMinute
        self.accountOrdersPerSecond = accountOrdersPerSecond
        self.accountOrdersPerMinute = accountOrdersPerMinute
        self.dailyLoss = dailyLoss
        self.dayStartHour = dayStartHour
        self.dailyLossTrips = dailyLossTrips
        self.maximumDrawdown = maximumDrawdown
        self.drawdownTrips = drawdownTrips
        self.lossStreak = lossStreak
        self.lossCooldown = lossCooldown
        self.lossStreakPerInstrument = lossStreakPerInstrument
    }

    public var watchesEvents: Bool { true }

    private static let second: Int64 = 1_000_000_000

    public func check(_ order: Order, state: borrowing EngineState) -> RiskRefusal? {
        let now = state.now.nanoseconds
        let risk = state.risk
        if let message = rateProblem(
            risk.submissions[order.strategyID] ?? [],
            now: now,
            perSecond: ordersPerSecond,
            perMinute: ordersPerMinute,
            scope: { "strategy \(order.strategyID)" }
        ) {
            return .policy(code: "order_rate", message: message)
        }
        if let message = rateProblem(
            risk.accountSubmissions,
            now: now,
            perSecond: accountOrdersPerSecond,
            perMinute: accountOrdersPerMinute,
            scope: { "the account" }
        ) {
            return .policy(code: "order_rate", message: message)
        }
        if !order.reduceOnly {
            let until = max(risk.globalCooldownUntil, risk.cooldownUntil[order.instrument.int] ?? .min)
            if now < until {
                return .policy(
                    code: "loss_cooldown",
                    message:
                        "cooling down after \(lossStreak ?? 0) losing trades until \(Timestamp(nanoseconds: until))"
                )
            }
        }
        return nil
    }

    private func rateProblem(
        _ times: [Int64],
        now: Int64,
        perSecond: Int?,
        perMinute: Int?,
        scope: () -> String
    ) -> String? {
        if let perSecond {
            let recent = times.reversed().prefix { $0 > now - Self.second }.count
            if recent >= perSecond {
                return "\(recent) orders in the last second for \(scope()); the limit is \(perSecond)"
            }
        }
        if let perMinute {
            let recent = times.reversed().prefix { $0 > now - 60 * Self.second }.count
            if recent >= perMinute {
                return "\(recent) orders in the last minute for \(scope()); the limit is \(perMinute)"
            }
        }
        return nil
    }

    public func didApprove(_ order: Order, state: inout EngineState) {
        guard
            ordersPerSecond != nil || ordersPerMinute != nil || accountOrdersPerSecond != nil
                || accountOrdersPerMinute != nil
        else {
            return
        }
        let now = state.now.nanoseconds
        func keepMinute(_ times: inout [Int64]) {
            times.append(now)
            if let first = times.firstIndex(where: { $0 > now - 60 * Self.second }), first > 0 {
                times.removeFirst(first)
            }
        }
        keepMinute(&state.risk.submissions[order.strategyID, default: []])
        keepMinute(&state.risk.accountSubmissions)
    }

    public func didClose(_ position: ClosedPosition, state: inout EngineState) {
        guard let lossStreak else { return }
        let instrument = position.instrument.int
        if position.netPnL.raw < 0 {
            state.risk.lossStreaks[instrument, default: 0] += 1
            state.risk.globalLossStreak += 1
        } else {
            state.risk.lossStreaks[instrument] = 0
            state.risk.globalLossStreak = 0
        }
        let until = state.now.nanoseconds + lossCooldown.totalNanoseconds
        if lossStreakPerInstrument, state.risk.lossStreaks[instrument, default: 0] >= lossStreak {
            state.risk.cooldownUntil[instrument] = until
            state.risk.lossStreaks[instrument] = 0
        } else if !lossStreakPerInstrument, state.risk.globalLossStreak >= lossStreak {
            state.risk.globalCooldownUntil = until
            state.risk.globalLossStreak = 0
        }
    }

    public func evaluate(state: inout EngineState) -> TradingStateChange? {
        guard dailyLoss != nil || maximumDrawdown != nil else { return nil }
        let equity = state.equity.raw
        let hour: Int64 = 3_600 * Self.second
        let shifted = state.now.nanoseconds - Int64(dayStartHour) * hour
        let day = shifted >= 0 ? shifted / (24 * hour) : (shifted + 1) / (24 * hour) - 1
        var change: TradingStateChange?
        if state.risk.day != day {
            state.risk.day = day
            state.risk.dayStartEquity = equity
            if state.risk.dailyLossTripped {
                state.risk.dailyLossTripped = false
                // A tripped drawdown breaker outlasts the day: only an operator resumes it.
                if case .reducing = state.tradingState, !state.risk.drawdownTripped {
                    change = TradingStateChange(state: .active, code: "daily_reset")
                }
            }
        }
        if equity > (state.risk.equityPeak ?? .min) { state.risk.equityPeak = equity }
        if let limit = maximumDrawdown, !state.risk.drawdownTripped, let peak = state.risk.equityPeak, peak > 0,
            !isHalted(state.tradingState)
        {
            let drawdown = Ratio(raw: FixedPoint.divide(peak - equity, peak, rounding: .down))
            if drawdown > limit {
                state.risk.drawdownTripped = true
                return TradingStateChange(
                    state: .reducing(ReasonText("max_drawdown: \(drawdown) from the peak")),
                    code: "max_drawdown",
                    flatten: drawdownTrips == .flatten
                )
            }
        }
        if let limit = dailyLoss, !state.risk.dailyLossTripped, state.risk.dayStartEquity > 0,
            case .active = state.tradingState
        {
            let loss = Ratio(
                raw: FixedPoint.divide(state.risk.dayStartEquity - equity, state.risk.dayStartEquity, rounding: .down)
            )
            if loss > limit {
                state.risk.dailyLossTripped = true
                return TradingStateChange(
                    state: .reducing(ReasonText("daily_loss: \(loss) of the day's equity")),
                    code: "daily_loss",
                    flatten: dailyLossTrips == .flatten
                )
            }
        }
        return change
    }

    private func isHalted(_ state: TradingState) -> Bool {
        if case .tradingHalted = state { return true }
        return false
    }
}

/// Several policies in order: the first refusal wins; every hook reaches every policy.
public struct RiskPolicies: RiskPolicy {
    public let policies: [any RiskPolicy]

    public init(_ policies: [any RiskPolicy]) { self.policies = policies }

    public var watchesEvents: Bool { policies.contains { $0.watchesEvents } }

    public func check(_ order: Order, state: borrowing EngineState) -> RiskRefusal? {
        for policy in policies { if let refusal = policy.check(order, state: state) { return refusal } }
        return nil
    }

    public func check(_ amendment: OrderAmendment, of order: Order, state: borrowing EngineState) -> RiskRefusal? {
        for policy in policies { if let refusal = policy.check(amendment, of: order, state: state) { return refusal } }
        return nil
    }

    public func observe(_ bar: Bar, state: inout EngineState) {
        for policy in policies where policy.watchesEvents { policy.observe(bar, state: &state) }
    }

    public func didApprove(_ order: Order, state: inout EngineState) {
        for policy in policies where policy.watchesEvents { policy.didApprove(order, state: &state) }
    }

    public func didFill(_ fill: OrderFilled, strategy: StrategyID?, state: inout EngineState) {
        for policy in policies where policy.watchesEvents { policy.didFill(fill, strategy: strategy, state: &state) }
    }

    public func didClose(_ position: ClosedPosition, state: inout EngineState) {
        for policy in policies where policy.watchesEvents { policy.didClose(position, state: &state) }
    }

    public func evaluate(state: inout EngineState) -> TradingStateChange? {
        var change: TradingStateChange?
        for policy in policies where policy.watchesEvents {
            if let next = policy.evaluate(state: &state) { change = next }
        }
        return change
    }
}
