import TradingCore

/// Monte Carlo on a run's closed trades: how much of its result came from the order its trades happened
/// to arrive in.
///
/// - **Reshuffle**: the same trade returns in a random order. Compounded, the final equity is the same
///   in every order; the maximum drawdown is not.
/// - **Bootstrap**: as many trades as the run had, drawn with replacement: the spread of final equity and
///   drawdown a similar sequence could have given.
///
/// Equity moves trade by trade, `E ← E (1 + r)`, so intra-trade swings are not included.
public enum MonteCarlo {
    /// Percentiles of a simulated quantity (linear interpolation between order statistics).
    public struct Percentiles: Sendable, Hashable {
        public let p5: Double
        public let p25: Double
        public let p50: Double
        public let p75: Double
        public let p95: Double

        init(_ values: [Double]) {
            let sorted = values.sorted()
            func at(_ q: Double) -> Double {
                guard sorted.count > 1 else { return sorted.first ?? 0 }
                let position = q * Double(sorted.count - 1)
                let lower = Int(position.rounded(.down))
                let upper = min(lower + 1, sorted.count - 1)
                return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
            }
            p5 = at(0.05)
            p25 = at(0.25)
            p50 = at(0.5)
            p75 = at(0.75)
            p95 = at(0.95)
        }
    }

    public struct Summary: Sendable, Hashable {
        public let simulations: Int
        public let seed: UInt64
        public let trades: Int
        public let initialEquity: Double
        /// The trades compounded in the order they came: the return every reshuffle ends on (for a walk-forward,
        /// the stitched out-of-sample return).
        public let inOrderReturn: Double
        public let reshuffledMaxDrawdown: Percentiles
        public let bootstrapMaxDrawdown: Percentiles
        public let bootstrapFinalEquity: Percentiles
    }

    /// Runs `simulations` reshuffles and bootstraps of `returns` (each trade's return on equity).
    /// `nil` without trades.
    public static func run(returns: [Double], initialEquity: Double, simulations: Int, seed: UInt64) -> Summary? {
        guard !returns.isEmpty, simulations > 0 else { return nil }
        var generator = SeededGenerator(seed: seed)
        var shuffledDrawdowns: [Double] = []
        var bootDrawdowns: [Double] = []
        var bootFinals: [Double] = []
        var sample = returns
        for _ in 0..<simulations {
            sample = returns
            sample.shuffle(using: &generator)
            shuffledDrawdowns.append(path(sample, initialEquity).maxDrawdown)
            for index in sample.indices {
                sample[index] = returns[Int.random(in: 0..<returns.count, using: &generator)]
            }
            let boot = path(sample, initialEquity)
            bootDrawdowns.append(boot.maxDrawdown)
            bootFinals.append(boot.final)
        }
        return Summary(
            simulations: simulations,
            seed: seed,
            trades: returns.count,
            initialEquity: initialEquity,
            inOrderReturn: initialEquity > 0 ? path(returns, initialEquity).final / initialEquity - 1 : 0,
            reshuffledMaxDrawdown: Percentiles(shuffledDrawdowns),
            bootstrapMaxDrawdown: Percentiles(bootDrawdowns),
            bootstrapFinalEquity: Percentiles(bootFinals)
        )
    }

    /// Final equity and maximum drawdown (a fraction) of compounding `returns` from `initial`.
    static func path(_ returns: [Double], _ initial: Double) -> (final: Double, maxDrawdown: Double) {
        var equity = initial
        var peak = initial
        var maxDrawdown = 0.0
        for value in returns {
            equity *= 1 + value
            if equity > peak {
                peak = equity
            } else if peak > 0 {
                maxDrawdown = max(maxDrawdown, (peak - equity) / peak)
            }
        }
        return (equity, maxDrawdown)
    }
}
