public import TradingCore

/// One execution (fill) of an order, as the venue reports it.
public struct OrderFilled: Sendable, Hashable {
    /// Our ID for the order; `nil` for venue-initiated fills such as a forced liquidation.
    public let clientOrderID: ClientOrderID?
    public let venueOrderID: VenueOrderID
    public let tradeID: TradeID
    public let instrument: InstrumentIndex
    public let side: OrderSide
    public let quantity: Quantity
    public let price: Price
    /// The fee charged for this fill (positive) or a rebate (negative), in the settlement currency.
    public let fee: Money
    public let liquidity: LiquiditySide
    /// What remains to fill of the order after this fill.
    public let leavesQuantity: Quantity
    /// Set on fills that close a position by forced liquidation.
    public let isLiquidation: Bool
    public let exchangeTime: Timestamp

    public init(
        clientOrderID: ClientOrderID?, venueOrderID: VenueOrderID, tradeID: TradeID, instrument: InstrumentIndex,
        side: OrderSide, quantity: Quantity, price: Price, fee: Money, liquidity: LiquiditySide,
        leavesQuantity: Quantity, isLiquidation: Bool = false, exchangeTime: Timestamp
    ) {
        self.clientOrderID = clientOrderID
        self.venueOrderID = venueOrderID
        self.tradeID = tradeID
        self.instrument = instrument
        self.side = side
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.liquidity = liquidity
        self.leavesQuantity = leavesQuantity
        self.isLiquidation = isLiquidation
        self.exchangeTime = exchangeTime
    }
}

/// A funding payment the venue applied to a perpetual position.
public struct FundingApplied: Sendable, Hashable {
    public let instrument: InstrumentIndex
    public let rate: Ratio
    /// The price the payment was computed at.
    public let markPrice: Price
    /// The signed position quantity at funding time (positive long, negative short), in raw units.
    public let positionRaw: Int128
    /// Received (positive) or paid (negative), in the settlement currency.
    public let payment: Money
    public let exchangeTime: Timestamp

    public init(
        instrument: InstrumentIndex, rate: Ratio, markPrice: Price, positionRaw: Int128, payment: Money,
        exchangeTime: Timestamp
    ) {
        self.instrument = instrument
        self.rate = rate
        self.markPrice = markPrice
        self.positionRaw = positionRaw
        self.payment = payment
        self.exchangeTime = exchangeTime
    }
}

/// A fact a venue reports about our orders and account.
public enum AccountEvent: Sendable, Hashable {
    case accepted(ClientOrderID, venueOrderID: VenueOrderID, exchangeTime: Timestamp)
    case rejected(ClientOrderID, reason: ReasonText, exchangeTime: Timestamp)
    case canceled(ClientOrderID, reason: ReasonText?, exchangeTime: Timestamp)
    case expired(ClientOrderID, exchangeTime: Timestamp)
    /// A conditional order reached its trigger; for stop-limits the limit order is now working.
    case triggered(ClientOrderID, exchangeTime: Timestamp)
    /// An amendment took effect.
    case updated(ClientOrderID, quantity: Quantity, price: Price?, triggerPrice: Price?, exchangeTime: Timestamp)
    /// A cancel or amendment was refused; the order stays as it was.
    case requestRefused(ClientOrderID, reason: ReasonText, exchangeTime: Timestamp)
    case filled(OrderFilled)
    case funding(FundingApplied)

    /// The venue's time of the event.
    public var exchangeTime: Timestamp {
        switch self {
        case .accepted(_, _, let time), .rejected(_, _, let time), .canceled(_, _, let time),
            .expired(_, let time), .triggered(_, let time), .updated(_, _, _, _, let time),
            .requestRefused(_, _, let time):
            time
        case .filled(let fill): fill.exchangeTime
        case .funding(let funding): funding.exchangeTime
        }
    }
}

extension AccountEvent {
    /// Whether a `.filled` report's memory starts with its fill, byte for byte, as the compiler lays the
    /// enum out today (the case is told apart by bits that a fill leaves unused). Checked once, at run time,
    /// on a probe, so that a driver may hand a fill on from where its report lies (``withFill(at:_:)``)
    /// and binds the case (a copy) otherwise.
    @usableFromInline static let fillLiesAtStart: Bool = {
        guard MemoryLayout<AccountEvent>.stride == MemoryLayout<OrderFilled>.stride,
            let id = try? ClientOrderID("O-probe-12345678"), let venueID = try? VenueOrderID("V-probe-87654321"),
            let tradeID = try? TradeID("T-probe-13572468")
        else { return false }
        let probe = OrderFilled(
            clientOrderID: id, venueOrderID: venueID, tradeID: tradeID, instrument: InstrumentIndex(0x0102_0304),
            side: .sell, quantity: Quantity(raw: 0x1112_1314_1516_1718 << 48 | 0x8171_6151), price: Price(raw: 0x2122_2324_2526_2728 << 48 | 0x8272_6252),
            fee: Money(raw: -(0x3132_3334 << 40), currency: .usdt), liquidity: .maker,
            leavesQuantity: Quantity(raw: 0x4142_4344_4546_4748 << 48 | 0x8474_6454), isLiquidation: true,
            exchangeTime: Timestamp(nanoseconds: 0x5152_5354_5556_5758))
        var event = AccountEvent.filled(probe)
        return withUnsafePointer(to: &event) { pointer in
            pointer.withMemoryRebound(to: OrderFilled.self, capacity: 1) { $0.pointee == probe }
        }
    }()

    /// The fields of an `.accepted` report, laid out as the case's payload.
    @usableFromInline
    struct AcceptedFields {
        @usableFromInline let clientOrderID: ClientOrderID
        @usableFromInline let venueOrderID: VenueOrderID
        @usableFromInline let exchangeTime: Timestamp
    }

    /// Whether an `.accepted` report's memory starts with its payload laid out as ``AcceptedFields``, byte
    /// for byte (as ``fillLiesAtStart`` for fills): checked once, on a probe.
    @usableFromInline static let acceptedLiesAtStart: Bool = {
        guard let id = try? ClientOrderID("O-probe-12345678"), let venueID = try? VenueOrderID("V-probe-87654321") else {
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
    static func acceptedIDs(at event: UnsafePointer<AccountEvent>) -> (ClientOrderID, VenueOrderID)? {
        guard case .accepted = event.pointee, acceptedLiesAtStart else { return nil }
        return event.withMemoryRebound(to: AcceptedFields.self, capacity: 1) {
            ($0.pointee.clientOrderID, $0.pointee.venueOrderID)
        }
    }

    /// Calls `body` with the fill of the `.filled` report at `event` read where it lies, without copying it
    /// out of the report (256 bytes); returns `false`, without calling it, for other reports or when the
    /// layout does not allow it.
    @inlinable @inline(__always)
    public static func withFill(at event: UnsafePointer<AccountEvent>, _ body: (UnsafePointer<OrderFilled>) -> Void) -> Bool {
        guard case .filled = event.pointee, fillLiesAtStart else { return false }
        event.withMemoryRebound(to: OrderFilled.self, capacity: 1) { body($0) }
        return true
    }
}
