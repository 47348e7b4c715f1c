/// A confirmed turning point of price: a swing high or a swing low.
public struct SwingPoint: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case high
        case low
    }

    public let kind: Kind
    /// The bar's position in the input (0 for the first bar).
    public let index: Int
    /// The bar's time, as given in its ``Candle``.
    public let time: Int64
    public let price: Double

    public init(kind: Kind, index: Int, time: Int64, price: Double) {
        self.kind = kind
        self.index = index
        self.time = time
        self.price = price
    }
}
