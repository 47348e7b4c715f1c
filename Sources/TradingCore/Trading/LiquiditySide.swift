/// Whether a fill added liquidity (maker) or took it (taker); decides the fee rate.
public enum LiquiditySide: String, Sendable, Hashable, CustomStringConvertible {
    case maker
    case taker

    public var description: String { rawValue }
}
