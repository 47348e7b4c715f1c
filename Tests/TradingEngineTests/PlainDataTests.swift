import Testing
import TradingCore
@testable import TradingEngine

/// The engine's hot-path messages are plain data: copying one is a memory copy, and clearing a buffer of
/// them destroys nothing element by element. A `String` or class reference in any payload (a reason, a
/// tag) would silently add reference counting to every fact, report and request.
@Suite("plain-data messages")
struct PlainDataTests {
    @Test("facts, venue reports, requests, commands and orders hold no references")
    func messagesArePlainData() {
        #expect(_isPOD(EngineFact.self))
        #expect(_isPOD(AccountEvent.self))
        #expect(_isPOD(ExecutionRequest.self))
        #expect(_isPOD(RiskApproved<ExecutionRequest>.self))
        #expect(_isPOD(StrategyCommand.self))
        #expect(_isPOD(Order.self))
        #expect(_isPOD(TradingState.self))
        #expect(_isPOD(Engine.Notification.self))
    }

    /// A bar run copies each bar's bytes from its event into the market state when this holds, and copies
    /// the bar as a value otherwise; this test says when a compiler changes the layout and the fast copy is
    /// no longer taken.
    @Test("a bar event's memory starts with its bar")
    func barLiesAtStartOfItsEvent() {
        #expect(MarketEvent.barLiesAtStart)
        let bar = Bar(
            instrument: InstrumentIndex(3), openTime: Timestamp(nanoseconds: 60_000_000_000),
            closeTime: Timestamp(nanoseconds: 120_000_000_000), open: Price(raw: 5), high: Price(raw: 9),
            low: Price(raw: 2), close: Price(raw: 7), volume: Quantity(raw: 11))
        var event = MarketEvent.bar(bar)
        #expect(withUnsafeBytes(of: &event) { $0.loadUnaligned(as: Bar.self) } == bar)
    }

    @Test("a trading state keeps its reason through the inline text")
    func tradingStateReason() {
        let halted = TradingState.tradingHalted("max_drawdown 0.12 ≥ 0.10")
        #expect(halted.description == "halted (max_drawdown 0.12 ≥ 0.10)")
        #expect(halted != .tradingHalted("max_drawdown"))
    }
}
