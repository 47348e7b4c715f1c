/// The last `capacity` inputs, in a fixed ring: O(1) push, O(1) access by age.
public struct RingWindow: Sendable, Hashable {
    public let capacity: Int
    private var storage: [Double]
    private var next = 0
    public private(set) var count = 0

    public init(capacity: Int) {
        precondition(capacity >= 1, "Invariant: a window holds at least one value")
        self.capacity = capacity
        storage = Array(repeating: 0, count: capacity)
    }

    /// Whether the window holds `capacity` values.
    @inlinable
    public var isFull: Bool { count == capacity }

    /// Adds a value and returns the one it pushed out, if the window was full.
    @discardableResult
    public mutating func push(_ value: Double) -> Double? {
        let evicted: Double? = count == capacity ? storage[next] : nil
        storage[next] = value
        next = next + 1 == capacity ? 0 : next + 1
        if count < capacity { count += 1 }
        return evicted
    }

    /// The value `age` pushes ago: 0 is the newest, `count − 1` the oldest.
    public subscript(age age: Int) -> Double {
        precondition(age >= 0 && age < count, "Invariant: the window holds that many values")
        var index = next - 1 - age
        if index < 0 { index += capacity }
        return storage[index]
    }

    /// The values, oldest first.
    public var values: [Double] { (0..<count).reversed().map { self[age: $0] } }
}
