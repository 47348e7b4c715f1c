/// A dictionary split into 256 smaller ones by the key's hash, for maps that grow with every order.
///
/// A plain `Dictionary` doubles its storage and rehashes every entry when it fills: at half a million
/// orders that is tens of milliseconds with the venue's lock held, and every request waits (the open-loop
/// benchmark's p99 showed it). Here a growth rehashes one shard, a 256th of the entries. Lookups and
/// inserts hash the key twice (once to pick the shard); iteration order is unspecified.
public struct ShardedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var shards: [[Key: Value]] = Array(repeating: [:], count: 256)
    public private(set) var count = 0

    public init() {}

    private static func shard(_ key: Key) -> Int { key.hashValue & 255 }

    public subscript(key: Key) -> Value? {
        get { shards[Self.shard(key)][key] }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Sets `value` for `key`. - Returns: the value it replaced, if any.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        let old = shards[Self.shard(key)].updateValue(value, forKey: key)
        if old == nil { count += 1 }
        return old
    }

    /// Removes `key`. - Returns: its value, if it had one.
    @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        let old = shards[Self.shard(key)].removeValue(forKey: key)
        if old != nil { count -= 1 }
        return old
    }

    public var isEmpty: Bool { count == 0 }

    /// Every value, in no particular order.
    public var values: [Value] { shards.flatMap(\.values) }

    /// Every key, in no particular order.
    public var keys: [Key] { shards.flatMap(\.keys) }
}
