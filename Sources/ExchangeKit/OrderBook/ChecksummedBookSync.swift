import TradingCore

/// A local order book for OKX (`books`) and Bitget (`books`) streams: a `snapshot` replaces the book, an
/// `update` sets levels (size 0 deletes), and every message carries a CRC32 checksum of the top 25 levels
/// that the local book must match after it is applied.
///
/// - Sequence: an update's `prevSeqId` (OKX) / `pseq` (Bitget) must equal the last message's `seqId`/`seq`
///   when the venue sends them.
/// - Checksum: the text `bid1Price:bid1Size:ask1Price:ask1Size:bid2…` over the best 25 bids and asks,
///   interleaved (the longer side continues alone), as the venue sent the numbers, then CRC32 read as a
///   signed 32-bit integer.
///
/// A sequence break or a checksum mismatch drops the book (resubscribe for a snapshot): never a silently
/// wrong book. Levels keep the venue's text, since the checksum is over it (`"0.10"` is not `"0.1"`).
public struct ChecksummedBookSync: Sendable {
    public struct Level: Sendable, Hashable {
        public let price: String
        public let size: String
        /// The price as a number, for ordering.
        let key: Int128

        public init(price: String, size: String) throws(ResponseFormatError) {
            self.price = price
            self.size = size
            do { key = try FixedPoint.parse(price) } catch {
                throw ResponseFormatError("book level: \(price) is not a decimal")
            }
        }

        var isDeletion: Bool { (try? FixedPoint.parse(size)) == 0 }
    }

    public enum Outcome: Sendable, Hashable {
        case applied
        case waitingForSnapshot
        case resync(String)
    }

    /// Bids best first, asks best first.
    public private(set) var bids: [Level] = []
    public private(set) var asks: [Level] = []
    public private(set) var isSynced = false
    public private(set) var lastSequence: Int64?

    public init() {}

    /// Applies one message. `checksum` is verified when given; `sequence`/`previousSequence` when given.
    public mutating func receive(
        isSnapshot: Bool,
        bids newBids: [Level],
        asks newAsks: [Level],
        checksum: Int32?,
        sequence: Int64? = nil,
        previousSequence: Int64? = nil
    ) -> Outcome {
        if isSnapshot {
            bids = newBids.filter { !$0.isDeletion }.sorted { $0.key > $1.key }
            asks = newAsks.filter { !$0.isDeletion }.sorted { $0.key < $1.key }
            isSynced = true
        } else {
            guard isSynced else { return .waitingForSnapshot }
            if let previousSequence, let lastSequence, previousSequence != lastSequence {
                return drop("prevSeqId \(previousSequence) != last seqId \(lastSequence)")
            }
            for level in newBids { Self.set(level, in: &bids, descending: true) }
            for level in newAsks { Self.set(level, in: &asks, descending: false) }
        }
        lastSequence = sequence ?? lastSequence
        if let checksum {
            let local = Self.checksum(bids: bids, asks: asks)
            guard local == checksum else { return drop("checksum \(local) != venue's \(checksum)") }
        }
        return .applied
    }

    private mutating func drop(_ reason: String) -> Outcome {
        isSynced = false
        bids = []
        asks = []
        lastSequence = nil
        return .resync(reason)
    }

    static func set(_ level: Level, in side: inout [Level], descending: Bool) {
        var low = 0
        var high = side.count
        while low < high {
            let middle = (low + high) / 2
            let before = descending ? side[middle].key > level.key : side[middle].key < level.key
            if before { low = middle + 1 } else { high = middle }
        }
        let found = low < side.count && side[low].key == level.key
        if level.isDeletion {
            if found { side.remove(at: low) }
        } else if found {
            side[low] = level
        } else {
            side.insert(level, at: low)
        }
    }

    /// The venue's checksum of the best 25 levels a side.
    public static func checksum(bids: [Level], asks: [Level]) -> Int32 {
        var parts: [String] = []
        for index in 0..<25 {
            if index < bids.count { parts += [bids[index].price, bids[index].size] }
            if index < asks.count { parts += [asks[index].price, asks[index].size] }
        }
        return Int32(bitPattern: CRC32.checksum(Array(parts.joined(separator: ":").utf8)))
    }
}

/// CRC-32 (IEEE 802.3, zlib's polynomial 0xEDB88320).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
