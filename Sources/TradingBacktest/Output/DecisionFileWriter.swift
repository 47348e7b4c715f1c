public import TradingCore
public import TradingEngine
public import TradingReports

/// Streams every risk decision to a JSON-lines file while the backtest runs: one object per decision
/// with the order, the inputs (last price, position, equity, available funds, trading state) and the
/// outcome (`approved`, and the refusal's `code` and `reason`).
public final class DecisionFileWriter: RiskDecisionObserver {
    private let file: OutputFile
    private let instruments: [Instrument]
    private var buffer = ""
    public private(set) var count = 0

    /// - Throws: ``BacktestError/output(_:)`` when the file cannot be created.
    public init(path: String, instruments: [Instrument]) throws(BacktestError) {
        file = try BacktestError.writing { () throws(OutputError) in try OutputFile(path: path) }
        self.instruments = instruments
        buffer.reserveCapacity(1 << 16)
    }

    public func record(_ decision: RiskDecision) {
        buffer += Self.json(decision, instrument: instruments[decision.instrument.int].id).serialized(compact: true)
        buffer += "\n"
        count += 1
        if buffer.utf8.count > 60_000 {
            file.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// One decision as a JSON object.
    public static func json(_ decision: RiskDecision, instrument: InstrumentID) -> JSONValue {
        let quantity: JSONValue
        switch decision.quantity {
        case .base(let base): quantity = .exact(base.raw)
        case .quote(let money): quantity = .string("\(money.amountText) \(money.currency.code) worth")
        }
        return .object([
            ("time", .string(decision.time.description)), ("sequence", .number(String(decision.sequence))),
            ("action", .string(decision.action.rawValue)), ("order", .string(decision.clientOrderID.description)),
            ("strategy", .string(decision.strategyID.description)), ("instrument", .string(instrument.description)),
            ("side", .string(decision.side.description)), ("type", .string(decision.type.description)),
            ("quantity", quantity),
            ("price", decision.price.map { .exact($0.raw) } ?? .null), ("reduce_only", .bool(decision.reduceOnly)),
            ("last_price", decision.lastPrice.map { .exact($0.raw) } ?? .null),
            ("position_before", .exact(decision.positionBeforeRaw)),
            ("equity", .exact(decision.equity.raw)), ("available", .exact(decision.available.raw)),
            ("trading_state", .string(decision.tradingState.description)), ("approved", .bool(decision.approved)),
            ("code", decision.refusal.map { .string($0.code) } ?? .null),
            ("reason", decision.refusal.map { .string($0.description) } ?? .null),
        ])
    }

    /// Finishes the file and moves it into place.
    public func commit() throws(BacktestError) {
        file.write(buffer)
        buffer = ""
        try BacktestError.writing { () throws(OutputError) in try file.commit() }
    }

    /// Discards the partial file (after a failed run).
    public func abandon() { file.abandon() }
}
