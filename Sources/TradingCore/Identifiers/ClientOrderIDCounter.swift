/// Makes the engine's client order IDs (``ClientOrderID/init(strategy:sequence:)``) one after another.
/// When a strategy submits again with the next sequence number, the new ID is the previous one with its
/// number advanced in place, as ``SequenceCounter`` does, instead of being formatted anew; any other
/// request is formatted. Either way the ID is exactly `"O-<sequence>-<strategy>"` cut to 36 characters.
public struct ClientOrderIDCounter: Sendable {
    private var last: ClientOrderID?
    private var lastSequence: UInt64 = 0
    private var lastStrategy = StrategyID(trustedText: ShortText())
    /// Where the last ID's digits end (they start at 2, after `"O-"`).
    private var digitsEnd = 0

    public init() {}

    /// The ID of `strategy`'s order number `sequence`.
    public mutating func id(strategy: StrategyID, sequence: UInt64) -> ClientOrderID {
        if let last, sequence == lastSequence &+ 1, strategy == lastStrategy,
            let next = Self.advanced(last, digitsEnd: digitsEnd)
        {
            self.last = next
            lastSequence = sequence
            return next
        }
        let id = ClientOrderID(strategy: strategy, sequence: sequence)
        last = id
        lastSequence = sequence
        lastStrategy = strategy
        digitsEnd = id.text.withBytes { bytes in
            var end = 2
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
            return end
        }
        return id
    }

    /// `id` with the number in bytes `2..<digitsEnd` one higher; `nil` when it is all nines (the number
    /// then needs a digit more, which moves the strategy's name and may change where the text is cut).
    private static func advanced(_ id: ClientOrderID, digitsEnd: Int) -> ClientOrderID? {
        var text = id.text
        let advanced = withUnsafeMutableBytes(of: &text.storage) {
            SequenceCounter.advanceDigits($0, from: 2, to: digitsEnd)
        }
        return advanced ? ClientOrderID(trustedText: text) : nil
    }
}
