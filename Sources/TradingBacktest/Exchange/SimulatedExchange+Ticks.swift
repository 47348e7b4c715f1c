import TradingCore
import TradingEngine

extension SimulatedExchange {
    /// Handles an order that just became active: with tick data, market and marketable limit orders
    /// trade at once; with bar data they wait for the next bar's path, except market orders arriving
    /// exactly at the last bar's close under the `close` fill rule.
    mutating func executeOnArrival(_ id: ClientOrderID, instrument index: Int, at time: Timestamp) {
        guard let position = markets[index].position(of: id), !markets[index].orders[position].held else { return }
        let order = markets[index].orders[position]
        guard markets[index].isTickDriven else {
            if order.isMarket, configuration.barFill == .close, let close = markets[index].lastClose,
                markets[index].lastCloseTime == time
            {
                let price = Self.slipped(
                    close,
                    side: order.side,
                    instrument: instruments[index],
                    slippage: configuration.slippage
                )
                fill(id, instrument: index, quantity: order.leaves, price: price, liquidity: .taker, at: time)
            }
            return
        }
        if order.isMarket {
            fillMarket(id, instrument: index, at: time)
        } else if order.worksAsLimit {
            executeLimit(id, instrument: index, at: time)
        }
    }

    /// Fills a market order (or a triggered stop) now: walks the book when there is one, else fills at
    /// the quote's touch, else at the last trade with slippage. Without any price yet it keeps waiting.
    mutating func fillMarket(_ id: ClientOrderID, instrument index: Int, at time: Timestamp) {
        guard let position = markets[index].position(of: id) else { return }
        let order = markets[index].orders[position]
        let instrument = instruments[index]
        if markets[index].book?.isTwoSided == true {
            walkBook(id, instrument: index, limit: nil, at: time)
            if markets[index].position(of: id) != nil {
                removeOrder(id, instrument: index, reason: "book exhausted: remainder cancelled", at: time)
            }
            return
        }
        let price: Price
        if let quote = markets[index].lastQuote, markets[index].sawQuotes {
            price = order.side == .buy ? quote.askPrice : quote.bidPrice
        } else if let trade = markets[index].lastTrade {
            price = Self.slipped(trade, side: order.side, instrument: instrument, slippage: configuration.slippage)
        } else {
            return
        }
        fill(id, instrument: index, quantity: order.leaves, price: price, liquidity: .taker, at: time)
    }

    /// Takes liquidity level by level, up to `limit` if given. Quote-sized orders are resolved to a
    /// base quantity first.
    private mutating func walkBook(_ id: ClientOrderID, instrument index: Int, limit: Price?, at time: Timestamp) {
        guard let book = markets[index].book, let position = markets[index].position(of: id) else { return }
        let instrument = instruments[index]
        var order = markets[index].orders[position]
        let side = order.side
        var plan: [(price: Price, quantity: Quantity)] = []
        if var budget = order.quoteBudget {
            var total = Quantity.zero
            for level in book.levels(takenBy: side) {
                if let limit, side == .buy ? level.price > limit : level.price < limit { break }
                let affordable = Self.quantity(
                    forBudget: budget,
                    at: level.price,
                    instrument: instrument,
                    leverage: account.leverage[index],
                    fee: instrument.takerFee
                )
                let take = Quantity.minimum(affordable, instrument.round(quantity: level.size))
                guard take.raw > 0 else { break }
                plan.append((level.price, take))
                total = total + take
                let notional = instrument.notional(of: take, at: level.price)
                let leverage = account.leverage[index]
                let margin = FixedPoint.divide(notional.raw, leverage.raw, rounding: .up)
                budget = Money(
                    raw: budget.raw - margin - notional.multiplied(by: instrument.takerFee, rounding: .up).raw,
                    currency: budget.currency
                )
                if budget.raw <= 0 { break }
            }
            order.quantity = total
            order.budgetResolved = true
            markets[index].orders[position] = order
        } else {
            var remaining = order.leaves
            for level in book.levels(takenBy: side) where remaining.raw > 0 {
                if let limit, side == .buy ? level.price > limit : level.price < limit { break }
                let take = Quantity.minimum(remaining, level.size)
                plan.append((level.price, take))
                remaining = remaining - take
            }
        }
        for step in plan {
            guard markets[index].position(of: id) != nil else { break }
            fill(id, instrument: index, quantity: step.quantity, price: step.price, liquidity: .taker, at: time)
        }
        if order.quoteBudget == nil, let position = markets[index].position(of: id),
            markets[index].orders[position].quantity.isZero
        {
            removeOrder(id, instrument: index, reason: "no liquidity within the budget", at: time)
        }
    }

    /// A limit order on arrival (or a stop-limit at its trigger): takes what it can if marketable, then
    /// rests (GTC, post-only) or cancels the rest (IOC, FOK).
    mutating func executeLimit(_ id: ClientOrderID, instrument index: Int, at time: Timestamp) {
        guard let position = markets[index].position(of: id) else { return }
        let order = markets[index].orders[position]
        guard let level = order.price else { return }
        let buying = order.side == .buy
        let touch = markets[index].touch(for: order.side)
        let marketable = touch.map { buying ? $0 <= level : $0 >= level } ?? false
        if marketable {
            if order.timeInForce == .postOnly {
                removeOrder(id, instrument: index, reason: "post-only order would take liquidity", at: time)
                return
            }
            if order.timeInForce == .fok, let book = markets[index].book, book.isTwoSided {
                var available = Quantity.zero
                for entry in book.levels(takenBy: order.side) {
                    if buying ? entry.price > level : entry.price < level { break }
                    available = available + entry.size
                }
                if available < order.leaves {
                    removeOrder(id, instrument: index, reason: "fill-or-kill could not fill completely", at: time)
                    return
                }
            }
            if let book = markets[index].book, book.isTwoSided {
                walkBook(id, instrument: index, limit: level, at: time)
            } else if let touch {
                fill(id, instrument: index, quantity: order.leaves, price: touch, liquidity: .taker, at: time)
            }
        }
        guard let rest = markets[index].position(of: id) else { return }
        if order.timeInForce == .ioc || order.timeInForce == .fok {
            removeOrder(id, instrument: index, reason: "\(order.timeInForce) remainder cancelled", at: time)
            return
        }
        if let book = markets[index].book {
            markets[index].orders[rest].queueAhead = book.restingSize(at: level, side: order.side).raw
        }
    }

    /// A trade: crosses resting limits (through the price, or at it after the queue ahead), triggers
    /// stops against the trade price and fills waiting market orders.
    mutating func matchTrade(_ trade: TradeTick) {
        let index = trade.instrument.int
        markets[index].lastTrade = trade.price
        markets[index].sawTrades = true
        guard !markets[index].orders.isEmpty || hasPerpetualPosition(index) else { return }
        let time = trade.receivedTime
        for id in markets[index].orders.map(\.id) {
            guard let position = markets[index].position(of: id) else { continue }
            let order = markets[index].orders[position]
            guard !order.held, order.activeFrom <= time else { continue }
            if order.isMarket {
                fillMarket(id, instrument: index, at: time)
            } else if order.worksAsLimit, let level = order.price {
                let through = order.side == .buy ? trade.price < level : trade.price > level
                let atLevel = trade.price == level && trade.aggressor == order.side.opposite
                if through {
                    fill(id, instrument: index, quantity: order.leaves, price: level, liquidity: .maker, at: time)
                } else if atLevel {
                    if let ahead = order.queueAhead {
                        let remaining = ahead - trade.size.raw
                        if remaining < 0 {
                            markets[index].orders[position].queueAhead = 0
                            let quantity = Quantity.minimum(order.leaves, Quantity(raw: -remaining))
                            fill(id, instrument: index, quantity: quantity, price: level, liquidity: .maker, at: time)
                        } else {
                            markets[index].orders[position].queueAhead = remaining
                        }
                    } else if configuration.limitFill == .touch {
                        let quantity = Quantity.minimum(order.leaves, trade.size)
                        fill(id, instrument: index, quantity: quantity, price: level, liquidity: .maker, at: time)
                    }
                }
            } else {
                checkTrigger(id, instrument: index, reference: trade.price, at: time)
            }
        }
        checkLiquidation(index, mark: trade.price, at: time)
    }

    /// A best bid/offer update: fills resting limits the touch crossed and waiting market orders;
    /// triggers stops when no trades are replayed.
    mutating func matchQuote(_ quote: QuoteTick) {
        let index = quote.instrument.int
        markets[index].lastQuote = quote
        markets[index].sawQuotes = true
        guard !markets[index].orders.isEmpty || hasPerpetualPosition(index) else { return }
        let time = quote.receivedTime
        for id in markets[index].orders.map(\.id) {
            guard let position = markets[index].position(of: id) else { continue }
            let order = markets[index].orders[position]
            guard !order.held, order.activeFrom <= time else { continue }
            if order.isMarket {
                fillMarket(id, instrument: index, at: time)
            } else if order.worksAsLimit, let level = order.price {
                let crossed = order.side == .buy ? quote.askPrice <= level : quote.bidPrice >= level
                if crossed {
                    fill(id, instrument: index, quantity: order.leaves, price: level, liquidity: .maker, at: time)
                }
            } else if !markets[index].sawTrades {
                checkTrigger(
                    id,
                    instrument: index,
                    reference: order.side == .buy ? quote.askPrice : quote.bidPrice,
                    at: time
                )
            }
        }
        if !markets[index].sawTrades { checkLiquidation(index, mark: quote.midPrice, at: time) }
    }

    /// A book update: shrinks queues ahead of resting limits to the level's new size, fills limits the
    /// opposite side crossed and waiting market orders; triggers stops when no trades or quotes are
    /// replayed.
    mutating func matchBook(_ update: BookUpdate) {
        let index = update.instrument.int
        if markets[index].book == nil { markets[index].book = OrderBook() }
        markets[index].book?.apply(update)
        markets[index].sawBook = true
        guard !markets[index].orders.isEmpty || hasPerpetualPosition(index), let book = markets[index].book else {
            return
        }
        let time = update.receivedTime
        for id in markets[index].orders.map(\.id) {
            guard let position = markets[index].position(of: id) else { continue }
            let order = markets[index].orders[position]
            guard !order.held, order.activeFrom <= time else { continue }
            if order.isMarket {
                fillMarket(id, instrument: index, at: time)
            } else if order.worksAsLimit, let level = order.price {
                let opposite = order.side == .buy ? book.bestAsk?.price : book.bestBid?.price
                if let opposite, order.side == .buy ? opposite <= level : opposite >= level {
                    fill(id, instrument: index, quantity: order.leaves, price: level, liquidity: .maker, at: time)
                } else if let ahead = order.queueAhead {
                    let size = book.restingSize(at: level, side: order.side).raw
                    markets[index].orders[position].queueAhead = min(ahead, size)
                }
            } else if !markets[index].sawTrades && !markets[index].sawQuotes,
                let reference = markets[index].touch(for: order.side)
            {
                checkTrigger(id, instrument: index, reference: reference, at: time)
            }
        }
        if !markets[index].sawTrades && !markets[index].sawQuotes, let mid = book.midPrice {
            checkLiquidation(index, mark: mid, at: time)
        }
    }

    /// Triggers a conditional order whose trigger the reference price reached; trailing stops first move
    /// their best price.
    private mutating func checkTrigger(_ id: ClientOrderID, instrument index: Int, reference: Price, at time: Timestamp)
    {
        guard let position = markets[index].position(of: id) else { return }
        var order = markets[index].orders[position]
        let instrument = instruments[index]
        let fires: Bool
        switch order.type {
        case .stopMarket, .stopLimit:
            guard let trigger = order.trigger, !order.triggered else { return }
            fires = order.side == .buy ? reference >= trigger : reference <= trigger
        case .takeProfitMarket:
            guard let trigger = order.trigger else { return }
            fires = order.side == .buy ? reference <= trigger : reference >= trigger
        case .trailingStopMarket:
            let sell = order.side == .sell
            let best = order.trailingExtreme.map { sell ? max($0, reference) : min($0, reference) } ?? reference
            order.trailingExtreme = best
            markets[index].orders[position] = order
            let trigger = Self.trailingTrigger(best: best, order: order, instrument: instrument)
            fires = sell ? reference <= trigger : reference >= trigger
        case .market, .limit:
            return
        }
        guard fires else { return }
        events.append(.triggered(id, exchangeTime: time))
        if order.type == .stopLimit {
            markets[index].orders[position].triggered = true
            markets[index].orders[position].activeFrom = time
            executeLimit(id, instrument: index, at: time)
        } else {
            fillMarket(id, instrument: index, at: time)
        }
    }
}
