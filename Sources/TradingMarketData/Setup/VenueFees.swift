public import TradingCore

/// The fees a backtest charges when none are given: each venue's published regular-user (VIP 0, lowest
/// volume tier) maker and taker rates, by market type. `--fee-bps` and farm.yaml's `fee_bps` override them;
/// `docs/backtesting.md` lists the table and its sources.
public enum VenueFees {
    /// Maker and taker fees in basis points.
    public struct Schedule: Sendable, Hashable {
        public let maker: Double
        public let taker: Double
    }

    /// (venue, spot schedule, perpetual schedule), from the venues' fee pages (regular users, no token
    /// discount).
    public static let table: [(venue: String, spot: Schedule, perpetual: Schedule?)] = [
        ("BINANCE", Schedule(maker: 10, taker: 10), Schedule(maker: 2, taker: 5)),
        ("BYBIT", Schedule(maker: 10, taker: 10), Schedule(maker: 2, taker: 5.5)),
        ("OKX", Schedule(maker: 8, taker: 10), Schedule(maker: 2, taker: 5)),
        ("BITGET", Schedule(maker: 10, taker: 10), Schedule(maker: 2, taker: 6)),
        ("COINBASE", Schedule(maker: 40, taker: 60), nil),
        ("KRAKEN", Schedule(maker: 25, taker: 40), nil),
        ("BITSTAMP", Schedule(maker: 30, taker: 40), nil),
        ("FTX", Schedule(maker: 2, taker: 7), Schedule(maker: 2, taker: 7)),
    ]

    /// The schedule of `venue` for `kind`, or `nil` for a venue not in the table (the synthetic market, an
    /// unknown prefix).
    public static func schedule(venue: Venue, kind: InstrumentKind) -> Schedule? {
        guard let row = table.first(where: { $0.venue == venue.description }) else { return nil }
        return kind == .spot ? row.spot : row.perpetual ?? row.spot
    }

    /// The schedule as exact ratios (bps / 10,000).
    public static func ratios(_ schedule: Schedule) -> (maker: Ratio, taker: Ratio) {
        func ratio(_ bps: Double) -> Ratio {
            // Table values have at most one decimal place of a basis point.
            Ratio(raw: Int128((bps * 10).rounded()) * (FixedPoint.scale / 100_000))
        }
        return (ratio(schedule.maker), ratio(schedule.taker))
    }
}
