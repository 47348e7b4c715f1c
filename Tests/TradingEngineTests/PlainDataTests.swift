import Testing
import TradingCore
import TradingTestSupport

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
            instrument: InstrumentIndex(3),
            openTime: Timestamp(nanoseconds: 60_000_000_000),
            closeTime: Timestamp(nanoseconds: 120_000_000_000),
            open: Price(raw: 5),
            high: Price(raw: 9),
            low: Price(raw: 2),
            close: Price(raw: 7),
            volume: Quantity(raw: 11)
        )
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

@Suite("Messages read where they lie")
struct AccountEventLayoutTests {
    @Test("a fill report hands its fill on from where it lies; other reports do not")
    func fillInPlace() throws {
        let fill = OrderFilled(
            clientOrderID: try ClientOrderID("O-1-s"),
            venueOrderID: try VenueOrderID("V-9"),
            tradeID: try TradeID("T-3"),
            instrument: InstrumentIndex(2),
            side: .sell,
            quantity: Fixtures.quantity("0.25"),
            price: Fixtures.price("101.5"),
            fee: Fixtures.money("-0.01"),
            liquidity: .maker,
            leavesQuantity: Fixtures.quantity("0.75"),
            isLiquidation: false,
            exchangeTime: Timestamp(seconds: 42)
        )
        let reports: [AccountEvent] = [
            .accepted(
                try ClientOrderID("O-1-s"),
                venueOrderID: try VenueOrderID("V-9"),
                exchangeTime: Timestamp(seconds: 41)
            ),
            .filled(fill),
        ]
        var seen: [OrderFilled] = []
        let handed = reports.withUnsafeBufferPointer { buffer in
            buffer.indices.map { index in
                AccountEvent.withFill(at: buffer.baseAddress! + index) { seen.append($0.pointee) }
            }
        }
        #expect(handed == [false, true])
        #expect(seen == [fill])
    }

    @Test("an acceptance gives its order and venue IDs from where it lies; other reports do not")
    func acceptedInPlace() throws {
        #expect(AccountEvent.acceptedLiesAtStart)
        let id = try ClientOrderID("O-12-ema_cross")
        let venueID = try VenueOrderID("V-1234567890")
        let reports: [AccountEvent] = [
            .expired(id, exchangeTime: Timestamp(seconds: 40)),
            .accepted(id, venueOrderID: venueID, exchangeTime: Timestamp(seconds: 41)),
            .rejected(id, reason: "no", exchangeTime: Timestamp(seconds: 42)),
        ]
        let read = reports.withUnsafeBufferPointer { buffer in
            buffer.indices.map { index in
                AccountEvent.acceptedIDs(at: buffer.baseAddress! + index).map { "\($0.0) \($0.1)" }
            }
        }
        #expect(read == [nil, "O-12-ema_cross V-1234567890", nil])
    }

    @Test("a strategy's new order gives its ID and spec from where the command lies; other commands do not")
    func submitInPlace() throws {
        #expect(StrategyCommand.submitLiesAtStart)
        let id = try ClientOrderID("O-3-ema_cross")
        let spec = OrderSpec.market(InstrumentIndex(2), .buy, .quote(Fixtures.money("250.5")), tag: "long_entry")
        let commands: [StrategyCommand] = [.cancel(id), .submit(id, spec), .cancelAll(InstrumentIndex(2))]
        var seen: [String] = []
        let handed = commands.withUnsafeBufferPointer { buffer in
            buffer.indices.map { index in
                StrategyCommand.withSubmitFields(at: buffer.baseAddress! + index) {
                    seen.append("\($0.pointee.clientOrderID)")
                }
            }
        }
        #expect(handed == [false, true, false])
        #expect(seen == ["O-3-ema_cross"])
        let spec2 = commands.withUnsafeBufferPointer { buffer in
            var read: OrderSpec?
            _ = StrategyCommand.withSubmitFields(at: buffer.baseAddress! + 1) { read = $0.pointee.spec }
            return read
        }
        #expect(spec2 == spec)
    }

    @Test("an approved new order hands its ticket on from where the request lies; other requests do not")
    func ticketInPlace() throws {
        let spec = OrderSpec.limit(
            InstrumentIndex(1),
            .buy,
            Fixtures.quantity("0.5"),
            price: Fixtures.price("99.5"),
            tag: "probe"
        )
        let ticket = OrderTicket(clientOrderID: try ClientOrderID("O-7-s"), spec: spec)
        let requests = [
            RiskApproved(
                ExecutionRequest.cancel(instrument: InstrumentIndex(1), clientOrderID: try ClientOrderID("O-6-s"))
            ),
            RiskApproved(ExecutionRequest.submit(ticket)),
        ]
        var seen: [OrderTicket] = []
        let handed = requests.withUnsafeBufferPointer { buffer in
            buffer.indices.map { index in
                RiskApproved.withSubmitTicket(at: buffer.baseAddress! + index) { seen.append($0.pointee) }
            }
        }
        #expect(handed == [false, true])
        #expect(seen == [ticket])
    }
}
