/// Buy or sell. Also the aggressor side of a trade tick (the taker's side).
public enum OrderSide: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case buy
    case sell

    /// The other side.
    @inlinable
    public var opposite: OrderSide { self == .buy ? .sell : .buy }

    /// `+1` for buy, `-1` for sell.
    @inlinable
    public var sign: Int { self == .buy ? 1 : -1 }

    public var description: String { rawValue }
}
