import Synchronization
import TradingBacktest
public import TradingCore
import TradingReports

/// The sim's trading venue: every account's spot and USD-M books, fed the market's trades up to market
/// time before each request, under one lock so that requests from many connections apply one at a time.
///
/// Funding settles on USD-M every 8 hours (00:00, 08:00 and 16:00 UTC market time) at a fixed rate, before
/// that minute's trades.
public final class SimVenue: Sendable {
    /// One account's two books.
    public struct Account: Sendable {
        public let account: SimAccount
        public var spot: AccountMarket
        public var futures: AccountMarket

        /// The book of `kind`'s market. Mutations go to the stored book in place (`_modify`): through a plain
        /// `set` every order placed copied the account's whole order history first.
        public subscript(kind: SimMarketKind) -> AccountMarket {
            // Read in place: a copy of an account's market would retain every one of its collections.
            _read {
                if kind == .spot {
                    yield spot
                } else {
                    yield futures
                }
            }
            _modify {
                if kind == .spot {
                    yield &spot
                } else {
                    yield &futures
                }
            }
        }
    }

    public struct State: Sendable {
        public var clock: ReplayClock
        public var accounts: [Account]
        /// The next trade to feed: minute index and trade within it (0...3).
        public var cursor: (minute: Int, trade: Int)
        public var nextOrderId: Int64 = 1
        /// Market time of the last trade fed.
        public var fedUntil: Timestamp
        /// Whether orders also match against the synthetic book (``FaultSpec/partialFills``).
        public var partialFills = false
    }

    public let market: SimMarket
    /// The bases in instrument order (the same on both markets).
    public let bases: [String]
    let initialClock: ReplayClock
    let accountSpecs: [SimAccount]
    /// Where state-changing requests are kept across restarts (`--state`), if anywhere.
    public let journal: SimJournal?
    private let state: Mutex<State>

    /// - Parameters:
    ///   - clock: the replay clock; trades up to its start are fed at once, so the books know the price.
    public init(
        market: SimMarket,
        clock: ReplayClock,
        accounts: [SimAccount],
        journal: SimJournal? = nil
    ) throws {
        self.journal = journal
        self.market = market
        bases = SimInstruments.symbols(.spot).map(\.base)
        initialClock = clock
        accountSpecs = accounts
        state = Mutex(try Self.initialState(market: market, clock: clock, accounts: accounts))
        _ = state.withLock { state in feed(&state, upTo: clock.marketTime(at: clock.wallStart)) }
    }

    static func initialState(market: SimMarket, clock: ReplayClock, accounts: [SimAccount]) throws -> State {
        var books: [Account] = []
        for account in accounts {
            var balances: [Money] = []
            var usdt = Money.zero(.usdt)
            for (asset, amount) in account.balances {
                let currency = try Currency(asset)
                let money = try Money(amount, currency: currency)
                balances.append(money)
                if currency == .usdt { usdt = money }
            }
            books.append(
                Account(
                    account: account,
                    spot: try AccountMarket(kind: .spot, balances: balances),
                    futures: try AccountMarket(kind: .usdm, balances: [usdt])
                )
            )
        }
        // Start one trade before the clock: the close of the minute before, so every book has a price.
        let start = clock.marketTime(at: clock.wallStart)
        let minute = Int((start.nanoseconds - market.start.nanoseconds) / SimMarket.minuteNanoseconds)
        let cursor = minute > 0 ? (minute - 1, 3) : (0, 0)
        return State(clock: clock, accounts: books, cursor: cursor, fedUntil: market.start)
    }

    /// Market time at wall time `wall`.
    public func marketTime(at wall: Timestamp) -> Timestamp { state.withLock { $0.clock.marketTime(at: wall) } }

    /// Runs `body` on the account whose API key is `apiKey`, after feeding the market up to the market time
    /// of `wall`; `body` gets that market time and a fresh order ID source.
    public func withAccount<T: Sendable>(
        apiKey: String,
        wall: Timestamp,
        _ body: (inout Account, Timestamp, () -> Int64) throws(BinanceError) -> T
    ) throws(BinanceError) -> T {
        try state.withLock { (state: inout State) throws(BinanceError) -> T in
            let now = state.clock.marketTime(at: wall)
            feed(&state, upTo: now)
            guard let index = Self.index(of: apiKey, in: state) else {
                throw BinanceError(status: 401, code: -2015, message: "Invalid API-key, IP, or permissions for action.")
            }
            var counter = state.nextOrderId
            defer { state.nextOrderId = counter }
            return try body(&state.accounts[index], now) {
                defer { counter += 1 }
                return counter
            }
        }
    }

    /// The position of the account with `apiKey` (by index, so that no account is copied to compare it).
    private static func index(of apiKey: String, in state: State) -> Int? {
        for index in state.accounts.indices where state.accounts[index].account.apiKey == apiKey { return index }
        return nil
    }

    /// Records a request that changed the state, and writes it at once (called inside ``withAccount``'s
    /// body, under the venue's lock, so entries are written in the order they took effect).
    func journal(_ entry: SimJournal.Entry) throws(BinanceError) {
        guard let journal else { return }
        journal.append(entry)
        do {
            try journal.flush(marketTime: entry.marketTime)
        } catch {
            throw BinanceError(status: 500, code: -1000, message: "The sim could not write its state file.")
        }
    }

    /// Replays a journal into a fresh venue: each request at its market time, in order.
    /// - Returns: how many requests failed again (none, unless the file was edited).
    public func replay(
        _ entries: [SimJournal.Entry],
        apply: (inout Account, SimJournal.Entry, Timestamp, () -> Int64) throws(BinanceError) -> Void
    ) -> Int {
        state.withLock { state in
            var failures = 0
            for entry in entries {
                let time = Timestamp(nanoseconds: entry.marketTime)
                feed(&state, upTo: time)
                guard entry.method != "STEP" else { continue }
                guard let index = Self.index(of: entry.apiKey, in: state) else {
                    failures += 1
                    continue
                }
                var counter = state.nextOrderId
                do throws(BinanceError) {
                    try apply(&state.accounts[index], entry, time) {
                        defer { counter += 1 }
                        return counter
                    }
                } catch {
                    failures += 1
                }
                state.nextOrderId = counter
            }
            return failures
        }
    }

    /// Resumes the clock at market time `marketTime` from wall time `wall` (after a replay), feeding the
    /// market up to it.
    public func resume(at marketTime: Timestamp, wall: Timestamp) {
        state.withLock { state in
            guard marketTime > state.clock.marketTime(at: wall) else { return }
            state.clock = ReplayClock(mode: state.clock.mode, marketStart: marketTime, wallStart: wall)
            feed(&state, upTo: marketTime)
        }
    }

    /// Writes the clock's market time to the journal (the stream loop calls it every second).
    public func persistClock(wall: Timestamp) {
        guard let journal else { return }
        let now = marketTime(at: wall)
        try? journal.flush(marketTime: now.nanoseconds)
    }

    /// Feeds the market up to the market time of `wall` and returns the user-data events (JSON text) of
    /// every account's updates since the last call, by API key and market, in order.
    /// Updates of accounts no one listens to (`wanted` says who does) are dropped without being written.
    public func drainUserData(
        wall: Timestamp,
        wanted: Set<String>? = nil
    )
        -> [(apiKey: String, kind: SimMarketKind, messages: [String])]
    {
        state.withLock { state in
            let now = state.clock.marketTime(at: wall)
            feed(&state, upTo: now)
            var result: [(String, SimMarketKind, [String])] = []
            for index in state.accounts.indices {
                for kind in SimMarketKind.allCases {
                    let updates = state.accounts[index][kind].drainUpdates()
                    guard !updates.isEmpty else { continue }
                    if let wanted, !wanted.contains(Self.listener(state.accounts[index].account.apiKey, kind)) {
                        continue
                    }
                    let book = state.accounts[index][kind]
                    let messages = updates.flatMap { update in
                        book.userDataMessages(update, eventTime: now.milliseconds).map { $0.serialized(compact: true) }
                    }
                    result.append((state.accounts[index].account.apiKey, kind, messages))
                }
            }
            return result
        }
    }

    /// The key of an account's market in ``drainUserData(wall:wanted:)``'s `wanted`.
    public static func listener(_ apiKey: String, _ kind: SimMarketKind) -> String { "\(kind.rawValue)|\(apiKey)" }

    /// Moves a manual clock forward and feeds the market to the new time.
    /// - Returns: the new market time.
    @discardableResult
    public func step(nanoseconds: Int64, wall: Timestamp) -> Timestamp {
        state.withLock { state in
            state.clock.step(nanoseconds: nanoseconds)
            let now = state.clock.marketTime(at: wall)
            feed(&state, upTo: now)
            if let journal {
                journal.append(
                    SimJournal.Entry(marketTime: now.nanoseconds, apiKey: "", method: "STEP", path: "", parameters: "")
                )
                try? journal.flush(marketTime: now.nanoseconds)
            }
            return now
        }
    }

    /// Turns matching against the synthetic book on or off (``FaultSpec/partialFills``).
    /// Turned on, the books get the book around the last trade at once.
    public func setPartialFills(_ on: Bool) {
        state.withLock { state in
            let turnedOn = on && !state.partialFills
            state.partialFills = on
            guard turnedOn else { return }
            let minute = Int((state.fedUntil.nanoseconds - market.start.nanoseconds) / SimMarket.minuteNanoseconds)
            for (index, base) in bases.enumerated() {
                guard let trade = market.trades(base, upTo: state.fedUntil, limit: 1).last else { continue }
                Self.feedBooks(&state, around: trade, index: index, minute: minute)
            }
        }
    }

    /// Forgets every order, trade and position: the accounts as they started, the clock back at its start.
    public func reset() throws {
        try journal?.clear()
        var fresh = try Self.initialState(market: market, clock: initialClock, accounts: accountSpecs)
        state.withLock { state in
            fresh.partialFills = state.partialFills
            state = fresh
            feed(&state, upTo: initialClock.marketTime(at: initialClock.wallStart))
        }
    }

    /// A copy of the whole state (for the admin API and tests), fed up to the market time of `wall`.
    public func snapshot(wall: Timestamp) -> State {
        state.withLock { state in
            feed(&state, upTo: state.clock.marketTime(at: wall))
            return state
        }
    }

    /// Feeds every account's spot and USD-M books of the `index`-th base the synthetic book around `trade`.
    static func feedBooks(_ state: inout State, around trade: TradeTape.Trade, index: Int, minute: Int) {
        let spot = book(SimInstruments.symbols(.spot)[index], trade: trade, index: index, minute: minute)
        let futures = book(SimInstruments.symbols(.usdm)[index], trade: trade, index: index, minute: minute)
        for account in state.accounts.indices {
            state.accounts[account].spot.process(spot)
            state.accounts[account].futures.process(futures)
        }
    }

    /// The synthetic book (20 levels) around a trade, as the engine's book snapshot.
    static func book(_ symbol: SimSymbol, trade: TradeTape.Trade, index: Int, minute: Int) -> BookUpdate {
        let snapshot = SyntheticBook().snapshot(
            symbol: symbol,
            price: trade.price.doubleValue,
            minute: Int64(minute),
            levels: 20
        )
        func levels(_ side: [(String, String)]) -> [BookLevel] {
            side.compactMap { level in
                guard let price = try? Price(level.0), let size = try? Quantity(level.1) else { return nil }
                return BookLevel(price: price, size: size)
            }
        }
        return BookUpdate(
            instrument: InstrumentIndex(index),
            kind: .snapshot,
            bids: levels(snapshot.bids),
            asks: levels(snapshot.asks),
            updateID: UInt64(max(0, snapshot.lastUpdateId)),
            exchangeTime: trade.time,
            receivedTime: trade.time
        )
    }

    /// Feeds every trade (and funding settlement) up to market time `now` into every account's books.
    @discardableResult
    private func feed(_ state: inout State, upTo now: Timestamp) -> Int {
        var fed = 0
        let count = market.minutes[bases[0]]?.count ?? 0
        var cache: (minute: Int, trades: [[TradeTape.Trade]])?
        while state.cursor.minute < count {
            let (minute, k) = state.cursor
            let openTime = market.minutes[bases[0]]![minute].openTime
            let time = Timestamp(nanoseconds: openTime + TradeTape.offsets[k])
            guard time <= now else { break }
            if k == 0, openTime % (8 * 3_600_000_000_000) == 0, openTime > market.start.nanoseconds {
                let rates = bases.map { market.fundingRate($0, at: time.milliseconds) }
                for index in state.accounts.indices {
                    state.accounts[index].futures.settleFunding(rates: rates, at: time)
                }
            }
            if cache?.minute != minute { cache = (minute, bases.map { market.tape($0, minute: minute) }) }
            for (index, trades) in (cache?.trades ?? []).enumerated() {
                if state.partialFills { Self.feedBooks(&state, around: trades[k], index: index, minute: minute) }
                for account in state.accounts.indices {
                    state.accounts[account].spot.process(trades[k], instrument: InstrumentIndex(index))
                    state.accounts[account].futures.process(trades[k], instrument: InstrumentIndex(index))
                }
            }
            state.fedUntil = time
            fed += 1
            state.cursor = k == 3 ? (minute + 1, 0) : (minute, k + 1)
        }
        return fed
    }
}
