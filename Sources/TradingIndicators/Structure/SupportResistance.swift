/// Support and resistance levels as clusters of swing points: a swing within `tolerance` (a fraction of
/// price) of a level joins it, moving the level to the mean of its members; otherwise it starts a level.
/// Levels are ranked by how many swings touched them, then by how recently.
public struct SupportResistance: Sendable, Hashable {
    public struct Level: Sendable, Hashable {
        public let price: Double
        public let touches: Int
        /// The index of the latest swing that touched the level.
        public let lastIndex: Int
    }

    public let tolerance: Double
    public let capacity: Int
    private struct Cluster: Sendable, Hashable {
        var sum: Double
        var count: Int
        var last: Int
    }

    private var clusters: [Cluster] = []

    public init(tolerance: Double = 0.005, capacity: Int = 32) {
        precondition(tolerance > 0, "Invariant: a cluster tolerance is positive")
        self.tolerance = tolerance
        self.capacity = capacity
    }

    /// Adds a swing point to the nearest level within tolerance, or starts a new one.
    public mutating func add(_ swing: SwingPoint) {
        var best: Int?
        var bestDistance = Double.infinity
        for (position, cluster) in clusters.enumerated() {
            let level = cluster.sum / Double(cluster.count)
            let distance = abs(swing.price - level)
            if distance <= tolerance * level && distance < bestDistance {
                best = position
                bestDistance = distance
            }
        }
        if let best {
            clusters[best].sum += swing.price
            clusters[best].count += 1
            clusters[best].last = swing.index
        } else {
            clusters.append(Cluster(sum: swing.price, count: 1, last: swing.index))
            if clusters.count > capacity {
                // Forget the weakest, oldest level.
                if let weakest = clusters.indices.min(by: {
                    (clusters[$0].count, clusters[$0].last) < (clusters[$1].count, clusters[$1].last)
                }) {
                    clusters.remove(at: weakest)
                }
            }
        }
    }

    /// The levels, strongest first.
    public var levels: [Level] {
        clusters.map { Level(price: $0.sum / Double($0.count), touches: $0.count, lastIndex: $0.last) }
            .sorted { ($0.touches, $0.lastIndex) > ($1.touches, $1.lastIndex) }
    }

    /// The nearest level below `price` with at least `touches` touches (support), and above (resistance).
    public func nearest(to price: Double, touches: Int = 2) -> (support: Double?, resistance: Double?) {
        let strong = levels.filter { $0.touches >= touches }
        return (
            strong.filter { $0.price < price }.map(\.price).max(),
            strong.filter { $0.price > price }.map(\.price).min()
        )
    }
}
