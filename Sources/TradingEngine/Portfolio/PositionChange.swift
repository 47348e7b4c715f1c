/// What a fill did to the net position of its instrument.
public enum PositionChange: Sendable, Hashable {
    case opened(PositionUpdate)
    case changed(PositionUpdate)
    case closed(ClosedPosition)
    /// The fill closed the position and opened one on the other side.
    case flipped(closed: ClosedPosition, opened: PositionUpdate)
}
