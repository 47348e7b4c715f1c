/// Downloads an exchange's bars for a time range, a page at a time: each page asks for the window after
/// the last bar received, under the venue's rate limit and with the client's retries. Every page goes to
/// `store` as soon as it arrives, so an interrupted download keeps what it fetched.
public struct KlineDownloader: Sendable {
    public let venue: any KlineVenue
    public let client: ExchangeClient
    public let baseURL: String

    public init(
        venue: any KlineVenue,
        transport: any HTTPTransport,
        baseURL: String? = nil,
        policy: RequestPolicy = RequestPolicy()
    ) {
        self.venue = venue
        self.baseURL = baseURL ?? venue.defaultBaseURL
        let limit = venue.rateLimit
        client = ExchangeClient(
            transport: transport,
            limiter: RateLimiter(capacity: limit.capacity, window: limit.window),
            policy: policy,
            usedWeightHeader: venue.usedWeightHeader
        )
    }

    /// What a download did.
    public struct Report: Sendable {
        public var bars = 0
        public var pages = 0
        public var counters = ExchangeClient.Counters()
        /// The open time after which a resumed download would continue (ms).
        public var cursor: Int64 = 0
    }

    /// Fetches bars opening in `[from, to)` (ms), oldest first, handing each page to `store` with the cursor
    /// to resume from after it.
    /// - Throws: ``ExchangeRequestError`` when a request fails for good, or what `store` throws.
    public func download(
        symbol: String,
        interval: KlineInterval,
        from: Int64,
        to: Int64,
        progress: ((Double) -> Void)? = nil,
        store: ([Kline], _ cursor: Int64) throws -> Void
    ) async throws -> Report {
        guard let code = venue.intervalCode(interval) else {
            throw ExchangeRequestError(url: baseURL, message: "\(venue.name) has no \(interval) klines")
        }
        var report = Report()
        var cursor = from
        let span = Double(max(1, to - from))
        while cursor < to {
            let windowEnd = min(to, cursor + Int64(venue.pageSize) * interval.milliseconds)
            let url = venue.url(base: baseURL, symbol: symbol, interval: code, start: cursor, end: windowEnd)
            let page = try await client.get(url, weight: venue.weight, counters: &report.counters) {
                try venue.parse($0)
            }
            var seen = Set<Int64>()
            let rows = page.filter {
                $0.openTime >= cursor && $0.openTime < windowEnd && seen.insert($0.openTime).inserted
            }
            .sorted { $0.openTime < $1.openTime }
            report.pages += 1
            // Continue at the bar after the last one received, or after the window when it held none (a gap, or
            // before listing).
            let step: Int64 = if case .minutes = interval { interval.milliseconds } else { 1 }
            let next = rows.last.map { $0.openTime + step } ?? windowEnd
            try store(rows, next)
            report.bars += rows.count
            cursor = next
            report.cursor = cursor
            progress?(Double(cursor - from) / span)
        }
        return report
    }
}
