/// Fibonacci retracement and extension levels of a swing leg.
///
/// For an up-leg from low `L` to high `H`, retracement `r` is at `H − r (H − L)` and extension `e` at
/// `L + e (H − L)`; a down-leg mirrors both.
public struct FibonacciLevels: Sendable, Hashable {
    public static let retracementRatios: [Double] = [0.236, 0.382, 0.5, 0.618, 0.786]
    public static let extensionRatios: [Double] = [1.272, 1.618, 2.618]

    public let from: SwingPoint
    public let to: SwingPoint

    public init(from: SwingPoint, to: SwingPoint) {
        self.from = from
        self.to = to
    }

    /// Whether the leg runs up (low to high).
    public var isUpLeg: Bool { to.price >= from.price }

    /// The price at retracement `ratio` of the leg (0 at its end, 1 at its start).
    public func retracementLevel(_ ratio: Double) -> Double { to.price - ratio * (to.price - from.price) }

    /// The price at extension `ratio` of the leg, measured from its start.
    public func extensionLevel(_ ratio: Double) -> Double { from.price + ratio * (to.price - from.price) }

    /// Every retracement level, in ``retracementRatios`` order.
    public var retracements: [(ratio: Double, price: Double)] {
        Self.retracementRatios.map { ($0, retracementLevel($0)) }
    }

    /// Every extension level, in ``extensionRatios`` order.
    public var extensions: [(ratio: Double, price: Double)] { Self.extensionRatios.map { ($0, extensionLevel($0)) } }
}
