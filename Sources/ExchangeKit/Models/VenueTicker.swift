public import TradingCore

/// A 24-hour ticker in unified terms. ``change``, ``percentage``, ``average`` and ``vwap`` are derived
/// where the venue leaves them out: change = last − open, percentage = change / open × 100, average =
/// (open + last) / 2 truncated to the tick's decimals, vwap = quote volume / base volume.
public struct VenueTicker: Sendable, Hashable {
    public var symbol: String
    public var timestamp: Int64?
    public var high: Price?
    public var low: Price?
    public var bid: Price?
    public var bidVolume: Quantity?
    public var ask: Price?
    public var askVolume: Quantity?
    public var vwap: Price?
    public var open: Price?
    public var last: Price?
    public var previousClose: Price?
    public var change: Price?
    public var percentage: Price?
    public var average: Price?
    public var baseVolume: Quantity?
    public var quoteVolume: Price?
    public var markPrice: Price?
    public var indexPrice: Price?

    public init(symbol: String) { self.symbol = symbol }

    /// Fills the derived fields from the ones the venue sent.
    mutating func derive(tickSize: Price) {
        if vwap == nil, let quote = quoteVolume, quote.raw != 0, let base = baseVolume, base.raw != 0 {
            vwap = Price(raw: FixedPoint.divide(quote.raw, base.raw, rounding: .toNearestOrEven))
        }
        guard let open, open.raw != 0 else { return }
        if change == nil, let last { change = last - open }
        if percentage == nil, let change {
            percentage = Price(
                raw: FixedPoint.multiplyDivide(change.raw, 100 * FixedPoint.scale, open.raw, rounding: .toNearestOrEven)
            )
        }
        if average == nil, let last {
            let places = Instrument.decimalPlaces(of: tickSize.raw)
            let sum = FixedPoint.add(open.raw, last.raw)
            let half = FixedPoint.divide(sum, 2 * FixedPoint.scale, rounding: .towardZero)
            average = Price(
                raw: FixedPoint.round(
                    half,
                    toMultipleOf: FixedPoint.powerOfTen(FixedPoint.decimals - places),
                    rounding: .towardZero
                )
            )
        }
    }

    public var unified: UnifiedValue {
        .object([
            .init("symbol", .string(symbol)), .init("timestamp", .of(milliseconds: timestamp)),
            .init("datetime", .datetime(timestamp)), .init("high", .of(high)), .init("low", .of(low)),
            .init("bid", .of(bid)), .init("bidVolume", .of(bidVolume)), .init("ask", .of(ask)),
            .init("askVolume", .of(askVolume)), .init("vwap", .of(vwap)), .init("open", .of(open)),
            .init("close", .of(last)), .init("last", .of(last)), .init("previousClose", .of(previousClose)),
            .init("change", .of(change)), .init("percentage", .of(percentage)), .init("average", .of(average)),
            .init("baseVolume", .of(baseVolume)), .init("quoteVolume", .of(quoteVolume)),
            .init("markPrice", .of(markPrice)), .init("indexPrice", .of(indexPrice)),
        ])
    }
}
