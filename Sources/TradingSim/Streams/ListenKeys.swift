import Synchronization
public import TradingCore

/// User-data stream keys, as Binance issues them: one per account and market, valid for 60 minutes after
/// it was created or last kept alive; creating one while it is valid returns the same key and extends it.
public final class ListenKeys: Sendable {
    public struct Entry: Sendable, Hashable {
        public let key: String
        public let apiKey: String
        public let kind: SimMarketKind
        /// Wall time (ms) after which the key has expired.
        public var expires: Int64
    }

    public static let validity: Int64 = 60 * 60_000
    private let state: Mutex<(entries: [String: Entry], generator: SeededGenerator)>

    public init(seed: UInt64) {
        state = Mutex(([:], SeededGenerator(seed: seed ^ 0x115_7E4)))
    }

    /// The account's valid key on `kind`'s market, extended, or a new one.
    public func create(apiKey: String, kind: SimMarketKind, wall: Timestamp) -> String {
        state.withLock { state in
            let now = wall.milliseconds
            if let existing = state.entries.values.first(where: {
                $0.apiKey == apiKey && $0.kind == kind && $0.expires > now
            }) {
                state.entries[existing.key]?.expires = now + Self.validity
                return existing.key
            }
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            var key = ""
            for _ in 0..<60 { key.append(alphabet[Int(state.generator.next() % UInt64(alphabet.count))]) }
            state.entries[key] = Entry(key: key, apiKey: apiKey, kind: kind, expires: now + Self.validity)
            return key
        }
    }

    /// Extends a key (the account's current key when `key` is `nil`, as USD-M allows).
    /// - Returns: the key extended. - Throws: -1125 when the key does not exist or has expired.
    public func keepAlive(
        _ key: String?,
        apiKey: String,
        kind: SimMarketKind,
        wall: Timestamp
    ) throws(BinanceError)
        -> String
    {
        try state.withLock { (state) throws(BinanceError) -> String in
            let now = wall.milliseconds
            let entry =
                key.flatMap { state.entries[$0] }
                ?? (key == nil ? state.entries.values.first { $0.apiKey == apiKey && $0.kind == kind } : nil)
            guard let entry, entry.apiKey == apiKey, entry.kind == kind, entry.expires > now else {
                throw BinanceError(code: -1125, message: "This listenKey does not exist.")
            }
            state.entries[entry.key]?.expires = now + Self.validity
            return entry.key
        }
    }

    /// Closes a key. - Throws: -1125 when it does not exist.
    public func close(_ key: String?, apiKey: String, kind: SimMarketKind) throws(BinanceError) {
        try state.withLock { (state) throws(BinanceError) in
            let entry =
                key.flatMap { state.entries[$0] }
                ?? (key == nil ? state.entries.values.first { $0.apiKey == apiKey && $0.kind == kind } : nil)
            guard let entry, entry.apiKey == apiKey, entry.kind == kind else {
                throw BinanceError(code: -1125, message: "This listenKey does not exist.")
            }
            state.entries[entry.key] = nil
        }
    }

    /// The entry of a valid key.
    public func lookup(_ key: String, wall: Timestamp) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[key], entry.expires > wall.milliseconds else { return nil }
            return entry
        }
    }

    /// The valid keys of an account's market.
    public func keys(apiKey: String, kind: SimMarketKind, wall: Timestamp) -> [String] {
        state.withLock { state in
            state.entries.values.filter { $0.apiKey == apiKey && $0.kind == kind && $0.expires > wall.milliseconds }
                .map(\.key)
        }
    }

    /// Removes and returns the keys that expired by `wall`.
    public func expire(wall: Timestamp) -> [Entry] {
        state.withLock { state in
            let expired = state.entries.values.filter { $0.expires <= wall.milliseconds }
            for entry in expired { state.entries[entry.key] = nil }
            return expired
        }
    }
}
