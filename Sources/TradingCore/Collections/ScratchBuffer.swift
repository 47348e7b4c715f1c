/// A reusable buffer for values handed on once per event (requests in flight, venue reports, engine
/// output): emptying it forgets its values at once instead of removing them.
///
/// An `Array` cannot be shortened without either copying each removed value out (`removeLast()`, several
/// hundred bytes for a report or a request) or going through the generic `replaceSubrange`
/// (`removeAll(keepingCapacity:)`), and the backtest empties such buffers after nearly every order event.
/// Here ``removeAll()`` only resets the count: the storage keeps the old values until ``append(_:)``
/// overwrites them. That is meant for plain data (the engine's messages hold no references); values that
/// hold references stay alive until overwritten or until the buffer goes.
public struct ScratchBuffer<Element>: RandomAccessCollection {
    /// Initialised storage; the first `used` values are the buffer's contents.
    @usableFromInline var storage: [Element]
    @usableFromInline var used: Int

    @inlinable
    public init() {
        storage = []
        used = 0
    }

    @inlinable
    public init(_ elements: some Sequence<Element>) {
        storage = Array(elements)
        used = storage.count
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { used }
    @inlinable public var count: Int { used }
    @inlinable public var isEmpty: Bool { used == 0 }

    @inlinable
    public subscript(position: Int) -> Element {
        // Yielded where it lies: a plain getter made callers copy the value (hundreds of bytes) first.
        _read {
            precondition(position >= 0 && position < used, "Index out of range")
            yield storage[position]
        }
        _modify {
            precondition(position >= 0 && position < used, "Index out of range")
            yield &storage[position]
        }
    }

    /// Adds a value at the end, reusing the storage of a forgotten one when there is one.
    @inlinable @inline(__always)
    public mutating func append(_ element: Element) {
        if used < storage.count {
            storage[used] = element
        } else {
            storage.append(element)
        }
        used += 1
    }

    /// Adds the value `make` returns, written straight into the storage of a forgotten value when there is
    /// one. For a message of a few hundred bytes built in `make`, ``append(_:)`` had the compiler build it
    /// on the stack and then copy it in, and the copy's wide loads waited on the narrow stores that had
    /// just built it.
    @inlinable @inline(__always)
    public mutating func append(building make: () -> Element) {
        let index = used
        if index < storage.count {
            storage.withUnsafeMutableBufferPointer { buffer in buffer[index] = make() }
        } else {
            storage.append(make())
        }
        used = index + 1
    }

    /// Removes the last value without copying it out (`Array.removeLast()` returns it, a copy the
    /// optimizer does not remove for an order of 600 bytes).
    @inlinable
    public mutating func removeLast() {
        precondition(used > 0, "Can't remove the last element of an empty buffer")
        used -= 1
    }

    /// Removes the value at `position`; the later values move down one place.
    @inlinable
    public mutating func remove(at position: Int) {
        precondition(position >= 0 && position < used, "Index out of range")
        let later = used - position - 1
        if later > 0 {
            storage.withUnsafeMutableBufferPointer { all in
                let base = all.baseAddress!  // Non-nil: the buffer holds `position`.
                (base + position).update(from: base + position + 1, count: later)
            }
        }
        used -= 1
    }

    /// Empties the buffer and keeps its storage: constant time, nothing copied or destroyed.
    @inlinable
    public mutating func removeAll() { used = 0 }

    /// Calls `body` with the contents, read where they lie.
    @inlinable
    public func withUnsafeBufferPointer<Result>(
        _ body: (UnsafeBufferPointer<Element>) throws -> Result
    ) rethrows -> Result {
        try storage.withUnsafeBufferPointer { all in try body(UnsafeBufferPointer(rebasing: all[0..<used])) }
    }

    /// ``withUnsafeBufferPointer(_:)`` under an exclusive access to the buffer. Inside a mutating method,
    /// reading a stored buffer retains its storage for the call (an atomic increment and decrement), because
    /// the method could replace the buffer while `body` runs; an exclusive access rules that out for a
    /// uniqueness check, which is a plain load.
    @inlinable
    public mutating func withExclusiveBufferPointer<Result>(
        _ body: (UnsafeBufferPointer<Element>) throws -> Result
    ) rethrows
        -> Result
    {
        let used = self.used
        return try storage.withUnsafeMutableBufferPointer { all in
            try body(UnsafeBufferPointer(start: all.baseAddress, count: used))
        }
    }
}

extension ScratchBuffer: Sendable where Element: Sendable {}

extension ScratchBuffer: Equatable where Element: Equatable {
    @inlinable
    public static func == (lhs: ScratchBuffer, rhs: ScratchBuffer) -> Bool { lhs.elementsEqual(rhs) }
}

extension ScratchBuffer: ExpressibleByArrayLiteral {
    @inlinable
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}
