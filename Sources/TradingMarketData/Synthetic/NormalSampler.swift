import TradingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard normal draws from a ``TradingCore/SeededGenerator`` (Box–Muller, the second value of each pair
/// kept for the next draw), shared by the synthetic markets so that a seed gives the same bars everywhere.
struct NormalSampler: Sendable {
    private var spare: Double?

    mutating func next(using generator: inout SeededGenerator) -> Double {
        if let value = spare {
            spare = nil
            return value
        }
        var u = generator.nextUnit()
        while u <= 0 { u = generator.nextUnit() }
        let v = generator.nextUnit()
        let radius = (-2 * log(u)).squareRoot()
        spare = radius * sin(2 * Double.pi * v)
        return radius * cos(2 * Double.pi * v)
    }
}
