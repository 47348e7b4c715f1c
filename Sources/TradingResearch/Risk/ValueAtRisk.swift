import TradingCore

/// Value at risk and conditional value at risk (expected shortfall) of a return series, as positive loss
/// fractions: at 99 %, a VaR of 0.03 means a loss of more than 3 % over one period happens one period in
/// a hundred, and the CVaR is the average loss in that worst 1 %.
public enum ValueAtRisk {
    public struct Estimate: Sendable, Hashable {
        public let valueAtRisk: Double
        public let conditionalValueAtRisk: Double
    }

    public enum Method: String, Sendable, CaseIterable {
        /// The empirical quantile of the returns.
        case historical
        /// A normal distribution with the returns' mean and standard deviation (variance-covariance).
        case parametric
        /// Seeded draws from that normal distribution.
        case monteCarlo = "monte_carlo"
    }

    /// The estimate by `method` at `confidence` (0.95, 0.99); `nil` with fewer than 2 returns.
    public static func estimate(
        _ returns: [Double],
        confidence: Double,
        method: Method,
        simulations: Int = 100_000,
        seed: UInt64 = 1
    ) -> Estimate? {
        guard returns.count >= 2, confidence > 0, confidence < 1 else { return nil }
        switch method {
        case .historical: return historical(returns, confidence: confidence)
        case .parametric:
            let (mean, sigma) = moments(returns)
            let z = normalQuantile(1 - confidence)
            // E[X | X < q] for a normal: μ − σ φ(z) / (1 − c).
            let tail = mean - sigma * normalDensity(z) / (1 - confidence)
            return Estimate(valueAtRisk: -(mean + sigma * z), conditionalValueAtRisk: -tail)
        case .monteCarlo:
            let (mean, sigma) = moments(returns)
            var generator = SeededGenerator(seed: seed)
            var draws: [Double] = []
            draws.reserveCapacity(simulations)
            while draws.count < simulations {
                // Box–Muller: two independent standard normals from two uniforms.
                let u1 = 1 - generator.nextUnit()  // in (0, 1], so the logarithm is finite
                let u2 = generator.nextUnit()
                let radius = (-2 * log(u1)).squareRoot()
                draws.append(mean + sigma * radius * cos(2 * Double.pi * u2))
                draws.append(mean + sigma * radius * sin(2 * Double.pi * u2))
            }
            return historical(draws, confidence: confidence)
        }
    }

    /// The empirical estimate: the loss at the `1 − confidence` quantile (the order statistic at
    /// ⌊n (1 − c)⌋), and the mean of the returns at or below it.
    public static func historical(_ returns: [Double], confidence: Double) -> Estimate {
        let sorted = returns.sorted()
        let cut = max(1, Int((Double(sorted.count) * (1 - confidence)).rounded(.down)))
        let quantile = sorted[cut - 1]
        let tail = sorted.prefix(cut)
        return Estimate(valueAtRisk: -quantile, conditionalValueAtRisk: -tail.reduce(0, +) / Double(tail.count))
    }

    /// Portfolio returns from per-instrument return series (equal length) and weights (fractions of
    /// equity, negative for shorts).
    public static func portfolioReturns(_ series: [[Double]], weights: [Double]) -> [Double] {
        guard let length = series.first?.count else { return [] }
        var result = [Double](repeating: 0, count: length)
        for (returns, weight) in zip(series, weights) where weight != 0 {
            for index in 0..<min(length, returns.count) { result[index] += weight * returns[index] }
        }
        return result
    }

    static func moments(_ values: [Double]) -> (mean: Double, sigma: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance.squareRoot())
    }

    static func normalDensity(_ x: Double) -> Double { exp(-x * x / 2) / (2 * Double.pi).squareRoot() }

    /// The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "Invariant: a quantile is taken strictly inside (0, 1)")
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low {
            let q = (-2 * log(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
