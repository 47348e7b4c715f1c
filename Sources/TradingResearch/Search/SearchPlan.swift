import TradingCore
public import TradingStrategies

/// The parameter sets a search runs: every combination of the dimensions (a grid), or `count` draws from
/// them with a seeded generator (random search). Fixed `--param` values fill the other parameters.
public struct SearchPlan: Sendable {
    public enum Mode: Sendable, Hashable {
        case grid
        case random(count: Int, seed: UInt64)
    }

    public let strategy: StrategyDescriptor
    public let dimensions: [ParameterDimension]
    public let fixed: [String: String]
    public let mode: Mode

    /// The largest grid a plan builds.
    public static let maximumCandidates = 1_000_000

    /// - Throws: ``SearchSpecError`` for a grid with a continuous range, a parameter both searched and
    ///   fixed or swept twice, or too many combinations.
    public init(
        strategy: StrategyDescriptor,
        dimensions: [ParameterDimension],
        fixed: [String: String],
        mode: Mode
    )
        throws(SearchSpecError)
    {
        var seen = Set<String>()
        for dimension in dimensions {
            guard seen.insert(dimension.name).inserted else {
                throw SearchSpecError(text: dimension.name, reason: "the parameter is searched twice")
            }
            if fixed[dimension.name] != nil {
                throw SearchSpecError(
                    text: dimension.name,
                    reason: "the parameter is both searched and fixed with --param"
                )
            }
        }
        switch mode {
        case .grid:
            var total = 1
            for dimension in dimensions {
                guard let count = dimension.count else {
                    throw SearchSpecError(
                        text: dimension.name,
                        reason: "a grid needs a step (LOW..HIGH:STEP) or a list; ranges without a step are for --random"
                    )
                }
                total = total.multipliedReportingOverflow(by: count).overflow ? .max : total * count
            }
            guard total <= Self.maximumCandidates else {
                throw SearchSpecError(
                    text: dimensions.map(\.name).joined(separator: "×"),
                    reason: "\(total) combinations; at most \(Self.maximumCandidates)"
                )
            }
        case .random(let count, _):
            guard count >= 1, count <= Self.maximumCandidates else {
                throw SearchSpecError(
                    text: "--random \(count)",
                    reason: "draw between 1 and \(Self.maximumCandidates) sets"
                )
            }
        }
        self.strategy = strategy
        self.dimensions = dimensions
        self.fixed = fixed
        self.mode = mode
    }

    /// One parameter set to try, with its place in the plan.
    public struct Candidate: Sendable, Hashable {
        public let index: Int
        /// The searched parameters' values, in dimension order.
        public let searched: [String]
        public let values: ParameterValues
    }

    /// The candidates in plan order, and how many combinations the strategy refused (for example fast ≥ slow).
    public func candidates() -> (candidates: [Candidate], refused: Int) {
        var result: [Candidate] = []
        var refused = 0
        func add(_ searched: [String]) {
            var assignments = fixed
            for (dimension, value) in zip(dimensions, searched) { assignments[dimension.name] = value }
            guard let values = try? strategy.values(assignments) else {
                refused += 1
                return
            }
            result.append(Candidate(index: result.count, searched: searched, values: values))
        }
        switch mode {
        case .grid:
            var odometer = [Int](repeating: 0, count: dimensions.count)
            let lists = dimensions.map { dimension -> [String] in
                if case .list(let items) = dimension.values { return items }
                return []
            }
            if lists.contains(where: \.isEmpty) { return ([], 0) }
            outer: while true {
                add(zip(lists, odometer).map { $0[$1] })
                var position = dimensions.count - 1
                while position >= 0 {
                    odometer[position] += 1
                    if odometer[position] < lists[position].count { continue outer }
                    odometer[position] = 0
                    position -= 1
                }
                break
            }
        case .random(let count, let seed):
            var generator = SeededGenerator(seed: seed)
            var seen = Set<[String]>()
            var draws = 0
            // Draw until `count` distinct sets or the attempts run out (a small grid has fewer sets).
            while result.count < count && draws < count * 20 {
                draws += 1
                let searched = dimensions.map { dimension -> String in
                    switch dimension.values {
                    case .list(let items): return items[Int.random(in: 0..<items.count, using: &generator)]
                    case .continuous(let range):
                        return ParameterDimension.decimalText(Double.random(in: range, using: &generator))
                    }
                }
                guard seen.insert(searched).inserted else { continue }
                add(searched)
            }
        }
        return (result, refused)
    }
}
