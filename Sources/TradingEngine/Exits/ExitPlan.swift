public import TradingCore

/// Where the initial stop-loss of a new position goes.
public enum StopRule: Sendable, Hashable, CustomStringConvertible {
    /// A fixed fraction from the entry price (`0.02`: 2 % below a long's entry).
    case percent(Ratio)
    /// `multiple × ATR(period)` from the entry price (Wilder's average true range over bars).
    case averageTrueRange(multiple: Ratio, period: Int)
    /// Beyond the market structure: the lowest low (long) or highest high (short) of the last `lookback`
    /// bars, moved out by `buffer` (a fraction of that level).
    case structure(lookback: Int, buffer: Ratio)

    public var description: String {
        switch self {
        case .percent(let fraction): "percent:\(fraction)"
        case .averageTrueRange(let multiple, let period): "atr:\(period):\(multiple)"
        case .structure(let lookback, let buffer): "structure:\(lookback):\(buffer)"
        }
    }
}

/// How a trailing stop follows the price. A trailing stop only ever tightens.
public enum TrailingRule: Sendable, Hashable, CustomStringConvertible {
    /// A fixed fraction behind the best price since entry.
    case percent(Ratio)
    /// `multiple × ATR(period)` behind the best price since entry.
    case averageTrueRange(multiple: Ratio, period: Int)
    /// Chandelier exit: `multiple × ATR(period)` behind the highest high (long) or lowest low (short) of
    /// the last `period` bars.
    case chandelier(multiple: Ratio, period: Int)

    public var description: String {
        switch self {
        case .percent(let fraction): "percent:\(fraction)"
        case .averageTrueRange(let multiple, let period): "atr:\(period):\(multiple)"
        case .chandelier(let multiple, let period): "chandelier:\(period):\(multiple)"
        }
    }
}

/// A partial take-profit: close `fraction` of the position's initial quantity once the price has moved
/// `rMultiple` times the initial risk (entry to initial stop) in favour.
public struct TakeProfitLevel: Sendable, Hashable, CustomStringConvertible {
    public let rMultiple: Ratio
    public let fraction: Ratio

    public init(rMultiple: Ratio, fraction: Ratio) {
        self.rMultiple = rMultiple
        self.fraction = fraction
    }

    public var description: String { "\(rMultiple)R:\(fraction)" }
}

/// How exit orders reach the venue.
public enum ExitPlacement: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Resting reduce-only orders at the venue: a stop-market for the stop (amended as it moves) and limit
    /// orders for the take-profits. They work even while the engine is disconnected.
    case native
    /// The engine watches prices and sends a reduce-only market order when a level is reached.
    case emulated
    /// Native where the instrument's venue supports the order types, emulated otherwise.
    case automatic

    public var description: String { rawValue }
}

/// The exits the engine attaches to each position a strategy opens: a stop-loss, break-even, a trailing
/// stop, a time stop and partial take-profits by R multiple. They are part of the engine state, so they
/// survive a restart from a saved state.
///
/// R is the distance from the entry price to the initial stop; take-profits and break-even are measured
/// in it, so they need a ``stop``.
public struct ExitPlan: Sendable, Hashable, CustomStringConvertible {
    public var stop: StopRule?
    /// Move the stop to the entry price once the price has gone this many R in favour.
    public var breakEvenAfter: Ratio?
    public var trailing: TrailingRule?
    /// Start trailing once the price has gone this many R in favour (`nil`: from the entry).
    public var trailingAfter: Ratio?
    /// Close the position this long after it opened.
    public var timeStop: Duration?
    /// Scale-outs in order of R multiple; fractions of the initial quantity, summing to at most 1.
    public var takeProfits: [TakeProfitLevel]
    public var placement: ExitPlacement

    /// - Throws: ``ExitPlanError`` for a rule out of range, R-based levels without a stop, or take-profit
    ///   fractions that are not increasing in R or sum to more than 1.
    public init(
        stop: StopRule? = nil,
        breakEvenAfter: Ratio? = nil,
        trailing: TrailingRule? = nil,
        trailingAfter: Ratio? = nil,
        timeStop: Duration? = nil,
        takeProfits: [TakeProfitLevel] = [],
        placement: ExitPlacement = .automatic
    ) throws(ExitPlanError) {
        self.stop = stop
        self.breakEvenAfter = breakEvenAfter
        self.trailing = trailing
        self.trailingAfter = trailingAfter
        self.timeStop = timeStop
        self.takeProfits = takeProfits
        self.placement = placement
        try validate()
    }

    /// Whether the plan has anything to do.
    public var isEmpty: Bool { stop == nil && trailing == nil && timeStop == nil && takeProfits.isEmpty }

    /// The ATR periods the plan's rules read.
    var averageTrueRangePeriods: [Int] {
        var periods: [Int] = []
        if case .averageTrueRange(_, let period) = stop { periods.append(period) }
        switch trailing {
        case .averageTrueRange(_, let period), .chandelier(_, let period): periods.append(period)
        default: break
        }
        return periods
    }

    /// The longest bar window the plan's structure or chandelier rules look back over.
    var lookback: Int {
        var longest = 0
        if case .structure(let lookback, _) = stop { longest = lookback }
        if case .chandelier(_, let period) = trailing { longest = max(longest, period) }
        return longest
    }

    public var description: String {
        var parts: [String] = []
        if let stop { parts.append("stop \(stop)") }
        if let breakEvenAfter { parts.append("break-even after \(breakEvenAfter)R") }
        if let trailing { parts.append("trailing \(trailing)" + (trailingAfter.map { " after \($0)R" } ?? "")) }
        if let timeStop { parts.append("time stop \(timeStop)") }
        if !takeProfits.isEmpty {
            parts.append("take-profits \(takeProfits.map(\.description).joined(separator: ", "))")
        }
        parts.append("placement \(placement)")
        return parts.joined(separator: "; ")
    }

    private func validate() throws(ExitPlanError) {
        func positive(_ ratio: Ratio, _ field: String) throws(ExitPlanError) {
            guard ratio.raw > 0 else { throw ExitPlanError(field: field, reason: "must be positive, got \(ratio)") }
        }
        func period(_ value: Int, _ field: String) throws(ExitPlanError) {
            guard (1...10_000).contains(value) else {
                throw ExitPlanError(field: field, reason: "must be within 1...10000, got \(value)")
            }
        }
        switch stop {
        case .percent(let fraction):
            try positive(fraction, "stop")
            guard fraction < .one else {
                throw ExitPlanError(field: "stop", reason: "must be below 100 %, got \(fraction)")
            }
        case .averageTrueRange(let multiple, let length):
            try positive(multiple, "stop")
            try period(length, "stop")
        case .structure(let lookback, let buffer):
            try period(lookback, "stop")
            guard buffer.raw >= 0, buffer < .one else {
                throw ExitPlanError(field: "stop", reason: "buffer must be within 0...1, got \(buffer)")
            }
        case nil: break
        }
        switch trailing {
        case .percent(let fraction):
            try positive(fraction, "trailing")
            guard fraction < .one else {
                throw ExitPlanError(field: "trailing", reason: "must be below 100 %, got \(fraction)")
            }
        case .averageTrueRange(let multiple, let length), .chandelier(let multiple, let length):
            try positive(multiple, "trailing")
            try period(length, "trailing")
        case nil: break
        }
        if let breakEvenAfter { try positive(breakEvenAfter, "break_even") }
        if let trailingAfter { try positive(trailingAfter, "trailing_after") }
        if let timeStop, timeStop <= .zero {
            throw ExitPlanError(field: "time_stop", reason: "must be positive, got \(timeStop)")
        }
        if stop == nil && (breakEvenAfter != nil || trailingAfter != nil || !takeProfits.isEmpty) {
            throw ExitPlanError(
                field: "stop",
                reason: "break-even, trailing-after and take-profits are measured in R and need a stop"
            )
        }
        var total = Ratio.zero
        var previous = Ratio.zero
        for (index, level) in takeProfits.enumerated() {
            let field = "take_profit[\(index)]"
            try positive(level.rMultiple, field)
            try positive(level.fraction, field)
            guard level.rMultiple > previous else {
                throw ExitPlanError(
                    field: field,
                    reason: "R multiples must increase, \(level.rMultiple) follows \(previous)"
                )
            }
            previous = level.rMultiple
            total = total + level.fraction
        }
        guard total <= .one else {
            throw ExitPlanError(field: "take_profit", reason: "fractions sum to \(total), more than 1")
        }
    }
}

/// Why an exit plan is invalid, naming the field.
public struct ExitPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    public let field: String
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
