/// Exponential moving average seeded with a simple average, as in TA-Lib's `EMA` (classic seeding,
/// unstable period 0) and backtrader.
///
/// For period `p`, `k = 2 / (p + 1)`: undefined for the first `p − 1` inputs; the `p`-th value is the mean
/// of the first `p` inputs (summed left to right); after that `ema = (x − ema) × k + ema`, in that order,
/// without fused multiply-add, so results are bit-identical to the reference C loop.
public struct ExponentialMovingAverage: Sendable, Hashable {
    public let period: Int
    public let smoothing: Double
    @usableFromInline var count = 0
    @usableFromInline var sum = 0.0
    @usableFromInline var current: Double?

    /// The latest value, or `nil` during warm-up.
    @inlinable
    public var value: Double? { current }

    public init(period: Int) {
        precondition(period >= 1, "Invariant: an EMA period is at least 1")
        self.period = period
        smoothing = 2.0 / Double(period + 1)
    }

    /// Adds one input and returns the new value (`nil` during warm-up). O(1).
    @inlinable @inline(__always)
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        if let ema = current {
            let next = Self.step(ema, toward: input, smoothing: smoothing)
            // Written through the unwrapped value: `current = next` stored the optional's tag again too.
            current! = next
            return next
        }
        return warmUp(input)
    }

    /// One step of a seeded average: `(input − value) × smoothing + value`, the formula of ``update(_:)``.
    /// For a loop that keeps a seeded average in a register over a run of inputs (then ``resume(at:)``).
    @inlinable @inline(__always)
    public static func step(_ value: Double, toward input: Double, smoothing: Double) -> Double {
        (input - value) * smoothing + value
    }

    /// Sets a seeded average's value, after a run of ``step(_:toward:smoothing:)`` from ``value``.
    @inlinable @inline(__always)
    public mutating func resume(at value: Double) {
        precondition(current != nil, "Invariant: only a seeded average resumes")
        current! = value
    }

    @usableFromInline
    mutating func warmUp(_ input: Double) -> Double? {
        sum += input
        count += 1
        if count == period { current = sum / Double(period) }
        return current
    }
}
