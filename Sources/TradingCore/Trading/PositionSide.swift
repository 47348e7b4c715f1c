/// The direction of a net position.
public enum PositionSide: String, Sendable, Hashable, CustomStringConvertible {
    case flat
    case long
    case short

    public var description: String { rawValue }
}
