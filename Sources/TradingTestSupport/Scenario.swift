public import TradingBacktest
public import TradingCore
public import TradingEngine

/// Runs a scripted strategy through the backtest runner and the simulated exchange: the harness for tests
/// of what the engine does against a venue (fills, exits, risk limits, allocations).
public struct Scenario {
    public let result: BacktestResult
    public let runner: BacktestRunner

    public var strategy: ScriptedStrategy { runner.engine.strategies.first as! ScriptedStrategy }  // The only strategy.
    public var fills: [OrderFilled] { strategy.fills }
    public var updates: [OrderUpdate] { strategy.updates }
    public var portfolio: Portfolio { runner.engine.state.portfolio }

    public init(
        instrument: Instrument = Fixtures.spot(),
        cash: String = "100000",
        events: [MarketEvent],
        exchange: SimulatedExchangeConfiguration = SimulatedExchangeConfiguration(),
        latency: Duration = .zero,
        leverage: Ratio? = nil,
        strategy: ScriptedStrategy
    ) throws {
        var leverages: [InstrumentID: Ratio] = [:]
        if let leverage { leverages[instrument.id] = leverage }
        let configuration = BacktestConfiguration(
            engine: EngineConfiguration(
                instruments: [instrument],
                accountCurrency: .usdt,
                balances: [Fixtures.money(cash)],
                leverage: leverages
            ),
            exchange: exchange,
            latency: latency
        )
        var runner = try BacktestRunner(configuration: configuration, strategies: [strategy])
        result = runner.run(events: events)
        self.runner = runner
    }

    public init(configuration: BacktestConfiguration, events: [MarketEvent], strategy: ScriptedStrategy) throws {
        var runner = try BacktestRunner(configuration: configuration, strategies: [strategy])
        result = runner.run(events: events)
        self.runner = runner
    }

    /// Updates of one order, in order.
    public func updates(of id: ClientOrderID) -> [OrderUpdate] { updates.filter { $0.clientOrderID == id } }
}

/// Bars from `(open, high, low, close)` text tuples, one minute apart.
public func bars(_ rows: [(String, String, String, String)]) -> [MarketEvent] {
    rows.enumerated().map { index, row in .bar(Fixtures.bar(index, open: row.0, high: row.1, low: row.2, close: row.3))
    }
}

/// A strategy that submits `specs(bar index)` on each bar.
public func submitting(
    _ id: InstrumentID = Fixtures.spot().id,
    _ specs: @escaping @Sendable (Int) -> [OrderSpec]
) -> ScriptedStrategy {
    ScriptedStrategy(subscriptions: [id]) { index, _, context in
        for spec in specs(index) { context.submit(spec) }
    }
}

public let btc = InstrumentIndex(0)
public func q(_ text: String) -> Quantity { Fixtures.quantity(text) }
public func p(_ text: String) -> Price { Fixtures.price(text) }
/// Minutes after 2024-01-01T00:00Z.
public func minute(_ value: Double) -> Timestamp {
    Timestamp(CivilTime(year: 2024, month: 1, day: 1)).advanced(byNanoseconds: Int64(value * 60_000_000_000))
}
