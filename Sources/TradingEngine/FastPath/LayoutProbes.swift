public import TradingCore

// Layout probes: each checks once, at run time, on a probe value whose every field differs, that an enum
// case's payload lies at the start of the enum's memory, byte for byte, as the compiler lays it out today.
// Where it does, the hot path reads the payload where it lies instead of binding the case (a copy of up to
// 500 bytes); where it does not, it binds the case. `LayoutProbeTests` fails if a compiler changes a layout,
// so that the fallback is noticed. See `README.md` in this folder.

extension MarketEvent {
    /// Whether a `.bar` event's memory starts with its bar, byte for byte, as the compiler lays the enum
    /// out today (the case is told apart by bits that a bar leaves unused). Checked once, at run time, on a
    /// bar whose every field differs, so that a bar run (`Engine.processBarRun`)
    /// may copy a bar from the event straight into the market state, and copies it as a value otherwise.
    @usableFromInline package static let barLiesAtStart: Bool = {
        let probe = Bar(
            instrument: InstrumentIndex(0x0102_0304),
            openTime: Timestamp(nanoseconds: 0x1112_1314_1516_1718),
            closeTime: Timestamp(nanoseconds: 0x2122_2324_2526_2728),
            open: Price(raw: 0x3132_3334_3536_3738 << 48 | 0x8373_6353),
            high: Price(raw: 0x4142_4344_4546_4748 << 48 | 0x8474_6454),
            low: Price(raw: 0x5152_5354_5556_5758 << 48 | 0x8575_6555),
            close: Price(raw: 0x6162_6364_6566_6768 << 48 | 0x8676_6656),
            volume: Quantity(raw: 0x7172_7374_7576_7778 << 48 | 0x8777_6757)
        )
        guard MemoryLayout<MarketEvent>.size >= MemoryLayout<Bar>.size else { return false }
        var event = MarketEvent.bar(probe)
        return withUnsafeBytes(of: &event) { $0.loadUnaligned(as: Bar.self) } == probe
    }()
}

extension AccountEvent {
    /// Whether a `.filled` report's memory starts with its fill, byte for byte, as the compiler lays the
    /// enum out today (the case is told apart by bits that a fill leaves unused). Checked once, at run time,
    /// on a probe, so that a driver may hand a fill on from where its report lies (``withFill(at:_:)``)
    /// and binds the case (a copy) otherwise.
    @usableFromInline package static let fillLiesAtStart: Bool = {
        guard MemoryLayout<AccountEvent>.stride == MemoryLayout<OrderFilled>.stride,
            let id = try? ClientOrderID("O-probe-12345678"), let venueID = try? VenueOrderID("V-probe-87654321"),
            let tradeID = try? TradeID("T-probe-13572468")
        else { return false }
        let probe = OrderFilled(
            clientOrderID: id,
            venueOrderID: venueID,
            tradeID: tradeID,
            instrument: InstrumentIndex(0x0102_0304),
            side: .sell,
            quantity: Quantity(raw: 0x1112_1314_1516_1718 << 48 | 0x8171_6151),
            price: Price(raw: 0x2122_2324_2526_2728 << 48 | 0x8272_6252),
            fee: Money(raw: -(0x3132_3334 << 40), currency: .usdt),
            liquidity: .maker,
            leavesQuantity: Quantity(raw: 0x4142_4344_4546_4748 << 48 | 0x8474_6454),
            isLiquidation: true,
            exchangeTime: Timestamp(nanoseconds: 0x5152_5354_5556_5758)
        )
        var event = AccountEvent.filled(probe)
        return withUnsafePointer(to: &event) { pointer in
            pointer.withMemoryRebound(to: OrderFilled.self, capacity: 1) { $0.pointee == probe }
        }
    }()

    /// The fields of an `.accepted` report, laid out as the case's payload.
    @usableFromInline package struct AcceptedFields {
        @usableFromInline package let clientOrderID: ClientOrderID
        @usableFromInline package let venueOrderID: VenueOrderID
        @usableFromInline package let exchangeTime: Timestamp
    }

    /// Whether an `.accepted` report's memory starts with its payload laid out as ``AcceptedFields``, byte
    /// for byte (as ``fillLiesAtStart`` for fills): checked once, on a probe.
    @usableFromInline package static let acceptedLiesAtStart: Bool = {
        guard let id = try? ClientOrderID("O-probe-12345678"), let venueID = try? VenueOrderID("V-probe-87654321")
        else {
            return false
        }
        let time = Timestamp(nanoseconds: 0x5152_5354_5556_5758)
        var event = AccountEvent.accepted(id, venueOrderID: venueID, exchangeTime: time)
        return withUnsafePointer(to: &event) { pointer in
            pointer.withMemoryRebound(to: AcceptedFields.self, capacity: 1) {
                $0.pointee.clientOrderID == id && $0.pointee.venueOrderID == venueID && $0.pointee.exchangeTime == time
            }
        }
    }()

    /// The order and venue IDs of the `.accepted` report at `event`, read where it lies; `nil` for other
    /// reports or when the layout does not allow it (the caller then binds the case, which copies the whole
    /// report, 256 bytes).
    @inlinable @inline(__always)
    package static func acceptedIDs(at event: UnsafePointer<AccountEvent>) -> (ClientOrderID, VenueOrderID)? {
        guard case .accepted = event.pointee, acceptedLiesAtStart else { return nil }
        return event.withMemoryRebound(to: AcceptedFields.self, capacity: 1) {
            ($0.pointee.clientOrderID, $0.pointee.venueOrderID)
        }
    }

    /// Calls `body` with the fill of the `.filled` report at `event` read where it lies, without copying it
    /// out of the report (256 bytes); returns `false`, without calling it, for other reports or when the
    /// layout does not allow it.
    @inlinable @inline(__always)
    package static func withFill(
        at event: UnsafePointer<AccountEvent>,
        _ body: (UnsafePointer<OrderFilled>) -> Void
    ) -> Bool {
        guard case .filled = event.pointee, fillLiesAtStart else { return false }
        event.withMemoryRebound(to: OrderFilled.self, capacity: 1) { body($0) }
        return true
    }
}

extension RiskApproved where Value == ExecutionRequest {
    /// Whether an approved `.submit` request's memory starts with its ticket, byte for byte, as the compiler
    /// lays the enum out today. Checked once, at run time, on a probe, so that a venue may read the ticket
    /// where the request lies (``withSubmitTicket(at:_:)``) and binds the case (a copy) otherwise.
    @usableFromInline package static let submitLiesAtStart: Bool = {
        guard MemoryLayout<RiskApproved<ExecutionRequest>>.size >= MemoryLayout<OrderTicket>.size,
            let id = try? ClientOrderID("O-probe-12345678"), let tag = ShortText(exactly: "probe-tag")
        else { return false }
        let spec = OrderSpec(
            instrument: InstrumentIndex(0x0102_0304),
            side: .sell,
            type: .stopLimit,
            quantity: .base(Quantity(raw: 0x1112_1314_1516_1718 << 48 | 0x8171_6151)),
            price: Price(raw: 0x2122_2324_2526_2728 << 48 | 0x8272_6252),
            triggerPrice: Price(raw: 0x3132_3334 << 40),
            timeInForce: .ioc,
            reduceOnly: true,
            tag: tag
        )
        let probe = OrderTicket(clientOrderID: id, spec: spec, contingency: .oneCancelsOther(linked: OrderLinks([id])))
        var request = RiskApproved(ExecutionRequest.submit(probe))
        return withUnsafePointer(to: &request) { pointer in
            UnsafeRawPointer(pointer).withMemoryRebound(to: OrderTicket.self, capacity: 1) { $0.pointee == probe }
        }
    }()

    /// Calls `body` with the ticket of the approved `.submit` request at `request`, read where it lies,
    /// without copying the request (about 500 bytes) or the ticket out of it; returns `false`, without
    /// calling it, for other requests or when the layout does not allow it.
    @inlinable @inline(__always)
    package static func withSubmitTicket(
        at request: UnsafePointer<RiskApproved<ExecutionRequest>>,
        _ body: (UnsafePointer<OrderTicket>) -> Void
    ) -> Bool {
        guard case .submit = request.pointee.value, submitLiesAtStart else { return false }
        UnsafeRawPointer(request).withMemoryRebound(to: OrderTicket.self, capacity: 1) { body($0) }
        return true
    }
}

extension StrategyCommand {
    /// The payload of a `.submit` command, laid out as the case's.
    @usableFromInline package struct SubmitFields {
        @usableFromInline package let clientOrderID: ClientOrderID
        @usableFromInline package let spec: OrderSpec
    }

    /// Whether a `.submit` command's memory starts with its payload laid out as ``SubmitFields``, byte for
    /// byte, as the compiler lays the enum out today: checked once, on a probe, so that the engine reads a
    /// new order's ID and spec where the command lies (``withSubmitFields(at:_:)``) and binds the case (a
    /// copy of the whole command, about 400 bytes) otherwise.
    @usableFromInline package static let submitLiesAtStart: Bool = {
        guard let id = try? ClientOrderID("O-probe-12345678"), let tag = ShortText(exactly: "probe-tag") else {
            return false
        }
        let spec = OrderSpec(
            instrument: InstrumentIndex(0x0102_0304),
            side: .sell,
            type: .stopLimit,
            quantity: .base(Quantity(raw: 0x1112_1314_1516_1718 << 48 | 0x8171_6151)),
            price: Price(raw: 0x2122_2324_2526_2728 << 48 | 0x8272_6252),
            triggerPrice: Price(raw: 0x3132_3334 << 40),
            timeInForce: .ioc,
            reduceOnly: true,
            tag: tag
        )
        var command = StrategyCommand.submit(id, spec)
        return withUnsafePointer(to: &command) { pointer in
            pointer.withMemoryRebound(to: SubmitFields.self, capacity: 1) {
                $0.pointee.clientOrderID == id && $0.pointee.spec == spec
            }
        }
    }()

    /// Calls `body` with the ID and spec of the `.submit` command at `command`, read where they lie;
    /// returns `false`, without calling it, for other commands or when the layout does not allow it.
    @inlinable @inline(__always)
    package static func withSubmitFields(
        at command: UnsafePointer<StrategyCommand>,
        _ body: (UnsafePointer<SubmitFields>) -> Void
    ) -> Bool {
        guard case .submit = command.pointee, submitLiesAtStart else { return false }
        command.withMemoryRebound(to: SubmitFields.self, capacity: 1) { body($0) }
        return true
    }
}
