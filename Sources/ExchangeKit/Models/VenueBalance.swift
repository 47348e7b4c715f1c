public import TradingCore

/// An account's balances per currency: free to trade, used (in orders or as margin) and total.
public struct VenueBalance: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var currency: String
        public var free: Price
        public var used: Price
        public var total: Price

        public init(currency: String, free: Price, used: Price, total: Price) {
            self.currency = currency
            self.free = free
            self.used = used
            self.total = total
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public subscript(_ currency: String) -> Entry? { entries.first { $0.currency == currency } }

    /// `{"USDT": {"free": …, "used": …, "total": …}, …}`.
    public var unified: UnifiedValue {
        .object(
            entries.map {
                .init(
                    $0.currency,
                    .object([.init("free", .of($0.free)), .init("used", .of($0.used)), .init("total", .of($0.total))])
                )
            }
        )
    }
}
