/// A dense index for an instrument, issued once by an engine's instrument registry, used as the key on
/// hot paths instead of ``InstrumentID``.
public struct InstrumentIndex: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: Int32

    @inlinable
    public init(_ value: Int) {
        precondition(value >= 0 && value <= Int(Int32.max), "Invariant: instrument indices are small and non-negative")
        self.value = Int32(truncatingIfNeeded: value)
    }

    /// The index as an `Int`, for array access.
    @inlinable
    public var int: Int { Int(value) }

    public var description: String { "#\(value)" }
    @inlinable
    public static func < (lhs: InstrumentIndex, rhs: InstrumentIndex) -> Bool { lhs.value < rhs.value }
}
