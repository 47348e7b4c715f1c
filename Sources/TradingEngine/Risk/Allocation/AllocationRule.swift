public import TradingCore

/// How capital is shared out between the bots of a farm when it is rebalanced.
public enum AllocationRule: Sendable, Hashable, CustomStringConvertible {
    /// Every bot gets the same share.
    case equalWeight
    /// Shares in proportion to each bot's growth factor over the period (`1 + return`), each clamped to
    /// `floor...cap`: `w = clamp(λ × growth, floor, cap)` with λ chosen so the shares sum to 1.
    case performanceWeighted(floor: Ratio, cap: Ratio)

    public var description: String {
        switch self {
        case .equalWeight: "equal_weight"
        case .performanceWeighted(let floor, let cap): "performance_weighted(floor \(floor), cap \(cap))"
        }
    }

    /// The new shares (summing to 1, exactly in raw units) of bots with the given period returns.
    ///
    /// - Precondition: for performance weighting, `floor × count ≤ 1 ≤ cap × count`.
    public func weights(returns: [Double]) -> [Ratio] {
        let count = returns.count
        guard count > 0 else { return [] }
        switch self {
        case .equalWeight:
            return Self.exact(Array(repeating: 1.0 / Double(count), count: count))
        case .performanceWeighted(let floorRatio, let capRatio):
            let floor = floorRatio.doubleValue
            let cap = capRatio.doubleValue
            precondition(
                floor * Double(count) <= 1 + 1e-12 && cap * Double(count) >= 1 - 1e-12,
                "Invariant: bounds admit a split"
            )
            // w_i = clamp(λ × g_i, floor, cap) with Σ w_i = 1: the sum grows with λ, so bisect on λ. A bot
            // that lost everything keeps a tiny growth factor, so the caps can always absorb the total.
            let growth = returns.map { max(1e-9, 1 + $0) }
            func split(_ scale: Double) -> [Double] { growth.map { min(cap, max(floor, scale * $0)) } }
            var low = 0.0
            var high = 1.0
            while split(high).reduce(0, +) < 1 && high < 1e300 { high *= 2 }
            for _ in 0..<200 {
                let middle = (low + high) / 2
                if split(middle).reduce(0, +) < 1 { low = middle } else { high = middle }
            }
            let weights = split(high)
            return Self.exact(weights)
        }
    }

    /// Weights as exact ratios that sum to exactly 1 (the rounding remainder goes to the largest).
    private static func exact(_ weights: [Double]) -> [Ratio] {
        var ratios = weights.map { Ratio(raw: Int128(($0 * 1e12).rounded()) * 1_000_000) }
        let remainder = Ratio.one.raw - ratios.reduce(Int128(0)) { $0 + $1.raw }
        if let largest = ratios.indices.max(by: { ratios[$0] < ratios[$1] }) {
            ratios[largest] = Ratio(raw: ratios[largest].raw + remainder)
        }
        return ratios
    }
}
