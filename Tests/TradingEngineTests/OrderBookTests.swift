import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

@Suite("Order book")
struct OrderBookTests {
    @Test("a snapshot replaces the book and deltas set absolute sizes")
    func snapshotsAndDeltas() {
        var book = OrderBook()
        book.apply(
            Fixtures.book(0, bids: [("100", "1"), ("99", "2"), ("98", "3")], asks: [("101", "1"), ("102", "2")])
        )
        #expect(book.bestBid?.price == Fixtures.price("100"))
        #expect(book.bestAsk?.price == Fixtures.price("101"))
        book.apply(
            Fixtures.book(1, kind: .delta, bids: [("100", "0"), ("99.5", "4")], asks: [("101", "0.5"), ("103", "1")])
        )
        #expect(book.bestBid == BookLevel(price: Fixtures.price("99.5"), size: Fixtures.quantity("4")))
        #expect(book.bestAsk == BookLevel(price: Fixtures.price("101"), size: Fixtures.quantity("0.5")))
        #expect(book.depth == (bids: 3, asks: 3))
        #expect(book.bids.map(\.price) == ["99.5", "99", "98"].map(Fixtures.price))
        #expect(book.asks.map(\.price) == ["101", "102", "103"].map(Fixtures.price))
        #expect(book.restingSize(at: Fixtures.price("99"), side: .buy) == Fixtures.quantity("2"))
        #expect(book.restingSize(at: Fixtures.price("97"), side: .buy) == .zero)
        #expect(!book.isCrossed)
        #expect(book.midPrice == Fixtures.price("100.25"))
        book.apply(Fixtures.book(2, bids: [], asks: []))
        #expect(book.bestBid == nil && book.bestAsk == nil)
    }

    @Test("random deltas keep both sides sorted (property)")
    func sortedProperty() {
        let failures = PropertyTesting.check("book stays sorted", cases: 200) { generator in
            var book = OrderBook()
            for step in 0..<50 {
                var bids: [(String, String)] = []
                var asks: [(String, String)] = []
                for _ in 0..<5 {
                    bids.append(
                        (
                            String(Int.random(in: 90...100, using: &generator)),
                            String(Int.random(in: 0...3, using: &generator))
                        )
                    )
                    asks.append(
                        (
                            String(Int.random(in: 101...111, using: &generator)),
                            String(Int.random(in: 0...3, using: &generator))
                        )
                    )
                }
                book.apply(Fixtures.book(Int64(step), kind: .delta, bids: bids, asks: asks))
            }
            let bidPrices = book.bids.map(\.price)
            let askPrices = book.asks.map(\.price)
            guard bidPrices == bidPrices.sorted(by: >), askPrices == askPrices.sorted() else { return "unsorted" }
            guard book.bids.allSatisfy({ !$0.size.isZero }), book.asks.allSatisfy({ !$0.size.isZero }) else {
                return "zero level"
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}
