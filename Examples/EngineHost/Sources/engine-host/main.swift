// A runtime host written against the engine's public contract (`docs/engine.md`): it replays a market data
// file, drives one `Engine` with `process(_:at:into:)`, sends the engine's requests to a venue and feeds the
// venue's reports back as events. The venue here is Omega's simulated exchange; a live host swaps in an
// exchange connector and a wall clock, and the loop stays the same.
//
// Usage: swift run --package-path Examples/EngineHost engine-host BARS.csv [FAST SLOW]
import TradingBacktest
import TradingCore
import TradingEngine
import TradingMarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything the host can fail with, as a message for the user.
struct HostError: Error, CustomStringConvertible {
    let description: String
}

/// The engine, the venue and the loop between them.
struct Host {
    var engine: Engine
    var venue: SimulatedExchange
    var output = EngineOutput()
    var requestsSent = 0
    var reportsReceived = 0
    var roundTrips: [ClosedPosition] = []

    /// Feeds one event to the engine at `time`, then routes what it asked for.
    mutating func process(_ event: EngineEvent, at time: Timestamp) {
        engine.process(event, at: time, into: &output)
        route(at: time)
    }

    /// Sends the engine's requests to the venue (each has passed risk) and feeds the venue's answers back,
    /// until nothing is left to send; keeps the closed round trips from the audit facts.
    mutating func route(at time: Timestamp) {
        for fact in output.facts { if case .positionClosed(let closed) = fact { roundTrips.append(closed) } }
        for message in output.anomalies { print("anomaly: \(message)") }
        let requests = Array(output.requests)
        for request in requests {
            requestsSent += 1
            for report in venue.receive(request, at: time) {
                reportsReceived += 1
                process(.account(report), at: time)
            }
        }
    }

    /// One market event: the venue sees it first (resting orders fill on it), then the engine.
    mutating func replay(_ event: MarketEvent) {
        let time = event.receivedTime
        for report in venue.process(event) {
            reportsReceived += 1
            process(.account(report), at: time)
        }
        process(.market(event), at: time)
    }
}

func run(arguments: [String]) throws -> Int32 {
    guard arguments.count >= 2 else {
        throw HostError(description: "usage: engine-host BARS.csv [FAST SLOW]")
    }
    let fast = arguments.count > 2 ? Int(arguments[2]) : 12
    let slow = arguments.count > 3 ? Int(arguments[3]) : 26
    guard let fast, let slow, fast >= 1, slow > fast else {
        throw HostError(description: "FAST and SLOW must be whole numbers with 1 ≤ FAST < SLOW")
    }
    let setup: MarketDataSetup
    do {
        setup = try MarketDataSetup(paths: [arguments[1]], defaults: InstrumentDefaults())
    } catch {
        throw HostError(description: "\(error)")
    }
    guard let instrument = setup.instruments.first else {
        throw HostError(description: "\(arguments[1]): no instrument in the file")
    }
    let cash = Money(raw: 10_000 * FixedPoint.scale, currency: instrument.quote)
    let strategy = MovingAverageCross(
        id: try StrategyID("sma_cross"),
        instrument: instrument.id,
        fast: fast,
        slow: slow
    )
    var host = Host(
        engine: try Engine(
            configuration: EngineConfiguration(
                instruments: setup.instruments,
                accountCurrency: instrument.quote,
                balances: [cash]
            ),
            strategies: [strategy]
        ),
        venue: SimulatedExchange(
            configuration: SimulatedExchangeConfiguration(),
            instruments: setup.instruments,
            accountCurrency: instrument.quote,
            balances: [cash]
        )
    )

    var events = ReplayMerger(sources: setup.sources)
    var first: Timestamp?
    var last = Timestamp.zero
    do {
        while let event = try events.next() {
            if first == nil {
                first = event.receivedTime
                host.output = host.engine.start(at: event.receivedTime)
                host.route(at: event.receivedTime)
            }
            host.replay(event)
            last = event.receivedTime
        }
    } catch {
        throw HostError(description: "\(error)")
    }
    guard first != nil else { throw HostError(description: "\(arguments[1]): no events") }
    host.output = host.engine.stop(at: last)
    host.route(at: last)

    let state = host.engine.state
    let wins = host.roundTrips.filter { $0.netPnL.raw > 0 }.count
    print("\(instrument.id), sma_cross \(fast)/\(slow)")
    print("equity \(cash) → \(state.equity)")
    print("round trips \(host.roundTrips.count) (\(wins) won), fills \(state.audit.fills)")
    print("requests sent \(host.requestsSent), venue reports \(host.reportsReceived)")
    print("open position: \(state.portfolio.position(InstrumentIndex(0)).map { "\($0.quantity)" } ?? "none")")
    print("audit digest \(state.audit.digest)")
    return 0
}

do {
    exit(try run(arguments: CommandLine.arguments))
} catch {
    print("error: \(error)")
    exit(1)
}
