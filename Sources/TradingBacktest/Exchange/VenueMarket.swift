import TradingCore
import TradingEngine

/// The simulated venue's view of one instrument: its working orders and latest market data.
struct VenueMarket: Sendable {
    var orders: ScratchBuffer<VenueOrder> = []
    var book: OrderBook?
    var lastTrade: Price?
    var lastQuote: QuoteTick?
    /// The last bar's close and close time (bars only inform once tick data drives matching).
    var lastClose: Price?
    var lastCloseTime = Timestamp.zero
    var sawTrades = false
    var sawQuotes = false
    var sawBook = false

    /// Tick data (trades, quotes or books) drives matching once any has been seen; bars then only inform.
    var isTickDriven: Bool { sawTrades || sawQuotes || sawBook }

    /// The price a taker on `side` would pay now, from the best source available.
    func touch(for side: OrderSide) -> Price? {
        if let book, let level = side == .buy ? book.bestAsk : book.bestBid { return level.price }
        if let lastQuote { return side == .buy ? lastQuote.askPrice : lastQuote.bidPrice }
        return lastTrade
    }

    /// The price stop triggers are compared with: the last trade when trades are replayed, otherwise the
    /// touch on the side the stop would take (ask for buy stops, bid for sell stops); in bar mode the last
    /// close.
    func triggerReference(for side: OrderSide) -> Price? {
        if sawTrades, let lastTrade { return lastTrade }
        if isTickDriven { return touch(for: side) }
        return lastClose
    }

    /// The mark for funding and liquidation: last trade, else quote or book mid, else last close.
    var mark: Price? {
        if sawTrades, let lastTrade { return lastTrade }
        if let mid = book?.midPrice { return mid }
        if let lastQuote { return lastQuote.midPrice }
        return lastTrade ?? lastClose
    }

    /// Records a bar's close.
    @inline(__always)
    mutating func record(_ bar: Bar) {
        lastClose = bar.close
        lastCloseTime = bar.closeTime
    }

    /// Removes the order at `position` without copying it out; later orders move down one place.
    @inline(__always)
    mutating func removeOrder(at position: Int) { orders.remove(at: position) }

    /// The index of the order with this ID in ``orders``. Compares the IDs where they lie: `firstIndex`
    /// copied part of every order it passed.
    func position(of id: ClientOrderID) -> Int? {
        orders.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index].ticket.clientOrderID == id { return index }
            return nil
        }
    }
}
