public import TradingCore

/// A change in a live or paper driver's connection to a venue, or a gap it detected in one of the venue's
/// streams. Connectors report these; the engine marks the market view stale and lets risk refuse new risk on
/// it (`docs/engine.md`, "Connectivity"). A backtest never sends them.
public struct VenueConnectivity: Sendable, Hashable {
    /// What happened.
    public enum Change: Sendable, Hashable {
        /// The first connection to the venue is up.
        case connected
        /// The connection is lost: every instrument of the venue is stale until fresh data arrives.
        case disconnected
        /// The connection is back after a loss. Instruments stay stale until fresh data arrives for each (the
        /// connector resyncs its books and orders first).
        case reconnected
        /// A stream of one instrument skipped updates (a sequence gap): the instrument is stale until fresh
        /// data arrives, and after a gap in the book stream the engine drops its book and ignores book deltas
        /// until a snapshot arrives.
        case gapDetected(InstrumentIndex, MarketStream)
    }

    public let venue: Venue
    public let change: Change

    public init(venue: Venue, change: Change) {
        self.venue = venue
        self.change = change
    }
}

/// One kind of a venue's market data stream, for ``VenueConnectivity/Change/gapDetected(_:_:)``.
public enum MarketStream: String, Sendable, Hashable, CaseIterable {
    case bars, trades, quotes, book, funding
}

/// Whether a venue's connection is up, as the engine last heard (``EngineState/venueStatus(_:)``).
public enum VenueStatus: String, Sendable, Hashable {
    /// No connectivity event yet: a backtest, or a driver before its first connection.
    case unknown
    case connected
    case disconnected
}
