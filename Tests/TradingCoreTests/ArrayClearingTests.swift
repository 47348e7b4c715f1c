import Testing
import TradingCore

@Suite("Emptying per-event buffers")
struct ArrayClearingTests {
    @Test(
        "removeAllKeepingCapacity empties short and long arrays and keeps their storage",
        arguments: [0, 1, 2, 4, 5, 64]
    )
    func emptiesAndKeepsStorage(count: Int) {
        var values = Array(0..<count)
        values.reserveCapacity(128)
        let capacity = values.capacity
        values.removeAllKeepingCapacity()
        #expect(values.isEmpty)
        #expect(values.capacity == capacity)
        values.append(7)
        #expect(values == [7])
    }

    @Test("an array that shares its storage with a copy is emptied without changing the copy")
    func copyOnWrite() {
        var values = [1, 2, 3]
        let copy = values
        values.removeAllKeepingCapacity()
        #expect(values.isEmpty)
        #expect(copy == [1, 2, 3])
    }
}
