import TradingCore

/// One bot's own book inside a shared account, built from the fills of its own orders: its net quantity
/// and signed cost per instrument (average cost), and its realized PnL after fees. Bots that trade the
/// same instrument each keep their own, even though the account nets their positions, so a bot's result
/// and what it commits never depend on which bot opened the account's position. Funding is not split
/// between bots.
public struct BotBook: Sendable, Hashable {
    /// A bot's holding of one instrument.
    public struct Holding: Sendable, Hashable {
        /// Net quantity: positive long, negative short (raw).
        public internal(set) var quantityRaw: Int128 = 0
        /// Signed cost of the open quantity (`Σ ± notional` at entry prices, raw; negative for shorts).
        public internal(set) var costRaw: Int128 = 0
    }

    /// Holdings by instrument index.
    public internal(set) var holdings: [Int: Holding] = [:]
    /// Realized PnL net of fees, raw, in the settlement currency.
    public internal(set) var realizedRaw: Int128 = 0

    public init() {}

    /// Books one fill of the bot's order.
    mutating func apply(_ fill: OrderFilled, instrument: Instrument) {
        let index = fill.instrument.int
        var holding = holdings[index] ?? Holding()
        let direction: Int128 = fill.side == .buy ? 1 : -1
        var remaining = fill.quantity.raw
        if holding.quantityRaw != 0 && (holding.quantityRaw > 0) != (direction > 0) {
            // Closes (part of) the holding at its average cost.
            let open = abs(holding.quantityRaw)
            let closing = min(remaining, open)
            let costShare = FixedPoint.multiplyDivide(holding.costRaw, closing, open, rounding: .toNearestOrEven)
            let proceeds = instrument.notional(of: Quantity(raw: closing), at: fill.price).raw
            realizedRaw += (holding.quantityRaw > 0 ? proceeds : -proceeds) - costShare
            holding.costRaw -= costShare
            holding.quantityRaw += direction * closing
            remaining -= closing
        }
        if remaining > 0 {
            holding.quantityRaw += direction * remaining
            holding.costRaw += direction * instrument.notional(of: Quantity(raw: remaining), at: fill.price).raw
        }
        if holding.quantityRaw == 0 { holding.costRaw = 0 }
        holdings[index] = holding.quantityRaw == 0 ? nil : holding
        if fill.fee.currency == instrument.settlementCurrency {
            realizedRaw -= fill.fee.raw
        } else if fill.fee.currency == instrument.base {
            realizedRaw -= FixedPoint.multiply(fill.fee.raw, fill.price.raw, rounding: .toNearestOrEven)
        }
    }

    /// Realized plus unrealized PnL, with holdings marked by `mark` (raw).
    func pnl(instruments: [Instrument], mark: (InstrumentIndex) -> Price?) -> Int128 {
        var total = realizedRaw
        for (index, holding) in holdings {
            guard let price = mark(InstrumentIndex(index)) else { continue }
            let value = instruments[index].notional(of: Quantity(raw: abs(holding.quantityRaw)), at: price).raw
            total += (holding.quantityRaw > 0 ? value : -value) - holding.costRaw
        }
        return total
    }
}
