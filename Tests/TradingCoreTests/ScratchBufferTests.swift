import Testing
import TradingCore
import TradingTestSupport

@Suite("Scratch buffers for per-event values")
struct ScratchBufferTests {
    @Test("appending after emptying reuses the storage and shows only the new values")
    func reuseAfterEmptying() {
        var buffer: ScratchBuffer<Int> = [1, 2, 3]
        #expect(Array(buffer) == [1, 2, 3])
        buffer.removeAll()
        #expect(buffer.isEmpty)
        #expect(buffer.count == 0)
        #expect(Array(buffer) == [])
        buffer.append(7)
        #expect(Array(buffer) == [7])
        #expect(buffer[0] == 7)
        buffer.append(8)
        buffer.append(9)
        buffer.append(10)  // past the old storage: grows it
        #expect(Array(buffer) == [7, 8, 9, 10])
        #expect(buffer.withUnsafeBufferPointer { Array($0) } == [7, 8, 9, 10])
    }

    @Test("an exclusive read shows only the current values, and leaves a shared copy's storage alone")
    func exclusiveRead() {
        var buffer: ScratchBuffer<Int> = [1, 2, 3, 4]
        buffer.removeAll()
        buffer.append(5)
        buffer.append(6)
        let copy = buffer
        #expect(buffer.withExclusiveBufferPointer { Array($0) } == [5, 6])
        // The exclusive access gave `buffer` storage of its own; the copy still reads what it held.
        buffer.removeAll()
        buffer.append(7)
        #expect(buffer.withExclusiveBufferPointer { Array($0) } == [7])
        #expect(Array(copy) == [5, 6])
    }

    @Test("equality compares the contents, not the forgotten values behind them")
    func equality() {
        var a: ScratchBuffer<Int> = [1, 2, 3]
        a.removeAll()
        a.append(5)
        var b = ScratchBuffer<Int>()
        b.append(5)
        #expect(a == b)
        b.append(6)
        #expect(a != b)
    }

    @Test("a copy keeps its values when the original is emptied and refilled")
    func valueSemantics() {
        var buffer: ScratchBuffer<Int> = [1, 2]
        let copy = buffer
        buffer.removeAll()
        buffer.append(9)
        #expect(Array(copy) == [1, 2])
        #expect(Array(buffer) == [9])
    }

    @Test("random appends and clears match an array doing the same")
    func matchesArray() {
        let failures = PropertyTesting.check("scratch buffer against array", cases: 300) { generator in
            var buffer = ScratchBuffer<UInt64>()
            var reference: [UInt64] = []
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                if Int.random(in: 0..<5, using: &generator) == 0 {
                    buffer.removeAll()
                    reference.removeAll()
                } else {
                    let value = generator.next()
                    buffer.append(value)
                    reference.append(value)
                }
                if Array(buffer) != reference { return "buffer \(Array(buffer)) != array \(reference)" }
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}
