/// One venue, spoken in Omega's terms: markets, market data, the account and orders. Each venue has one
/// implementation; the CLI and the runtime see only this protocol.
public protocol ExchangeAdapter: Sendable {
    var exchange: ExchangeName { get }
    /// Every spot market and perpetual the venue lists.
    func loadMarkets() async throws -> MarketList
    func ticker(_ market: VenueMarket) async throws -> VenueTicker
    func book(_ market: VenueMarket, limit: Int) async throws -> VenueBook
    /// Candles, oldest first; `interval` in Omega's form (`1m`, `1h`, `1d`).
    func candles(_ market: VenueMarket, interval: String, since: Int64?, limit: Int) async throws -> [VenueCandle]
    /// Balances of the spot account (`.spot`) or the futures account.
    func balance(_ kind: VenueMarket.Kind) async throws -> VenueBalance
    func positions(_ markets: [VenueMarket]) async throws -> [VenuePosition]
    func openOrders(_ market: VenueMarket) async throws -> [VenueOrderReport]
    func trades(_ market: VenueMarket, since: Int64?, limit: Int?) async throws -> [VenueTrade]
    /// The order by venue ID or client order ID; `nil` when the venue does not know it.
    func order(_ market: VenueMarket, venueOrderID: String?, clientOrderID: String?) async throws -> VenueOrderReport?
    /// Places an order. An unknown outcome is settled by looking the client order ID up, never by sending
    /// again (``Placement``).
    func place(_ order: OrderRequest, market: VenueMarket) async throws -> Placement
    func cancel(_ market: VenueMarket, venueOrderID: String?, clientOrderID: String?) async throws -> VenueOrderReport
    func cancelAll(_ market: VenueMarket) async throws -> [VenueOrderReport]
}

/// What became of an order sent to a venue.
public enum Placement: Sendable, Hashable {
    /// The venue acknowledged it.
    case placed(VenueOrderReport)
    /// The reply was lost, and the lookup by client order ID found the order: it was placed.
    case foundAfterUnknownOutcome(VenueOrderReport, detail: String)
    /// The reply was lost, and the venue does not know the client order ID: it was not placed.
    case notPlaced(detail: String)

    public var report: VenueOrderReport? {
        switch self {
        case .placed(let report), .foundAfterUnknownOutcome(let report, _): report
        case .notPlaced: nil
        }
    }
}

extension ExchangeAdapter {
    /// Settles an order whose outcome is unknown: looks its client order ID up, a few times with backoff
    /// (a venue may take a moment to show a new order), and never sends it again.
    public func settle(
        _ order: OrderRequest,
        market: VenueMarket,
        detail: String,
        attempts: Int = 4
    ) async throws
        -> Placement
    {
        guard let clientOrderID = order.clientOrderID else {
            throw VenueFailure.unknownOutcome("\(detail); the order has no client order ID to look it up by")
        }
        for attempt in 0..<attempts {
            if attempt > 0 { try await Task.sleep(for: .milliseconds(500 << attempt)) }
            if let found = try? await self.order(market, venueOrderID: nil, clientOrderID: clientOrderID) {
                return .foundAfterUnknownOutcome(found, detail: detail)
            }
        }
        return .notPlaced(detail: "\(detail); \(clientOrderID) is not known to \(exchange) after \(attempts) lookups")
    }
}
