public import TradingBacktest
public import TradingCore
import TradingEngine

/// One account's side of one market (spot or USD-M): the backtest's ``SimulatedExchange`` that matches its
/// orders and keeps its ledger, and the Binance-shaped records the endpoints report (orders with their IDs,
/// fills, funding).
///
/// Binance's placement checks run here before the simulated exchange sees an order: free balance (spot,
/// net of what open orders lock) or available margin (USD-M), and unique open client order IDs. The
/// simulated exchange then decides every fill, by the same rules as a backtest on the same trades.
public struct AccountMarket: Sendable {
    public let kind: SimMarketKind
    public let symbols: [SimSymbol]
    public private(set) var exchange: SimulatedExchange
    /// Every order the account sent, by ID (sharded, so that growing never stops the venue to rehash them all).
    public private(set) var orders = ShardedDictionary<Int64, SimOrder>()
    public private(set) var trades: [SimTrade] = []
    public private(set) var funding: [SimFunding] = []
    /// USD-M: each symbol's leverage (Binance's default is 20) and the account's margin type.
    public private(set) var leverage: [Int]
    public private(set) var marginMode: MarginMode = .cross
    let instruments: [Instrument]
    /// The IDs of the orders still open, so that locks, margins and open-order lists cost the open orders,
    /// not every order the account ever sent.
    private var openIDs: Set<Int64> = []
    /// The highest order ID the account has (a liquidation's own order is numbered above it).
    private var highestOrderId: Int64 = 0
    /// The client order IDs of the open orders (a new order may not reuse one).
    private var openClientIDs: [String: Int64] = [:]
    /// Per symbol, each client order ID's latest order, open or not (Binance answers a query by client ID
    /// with it): keyed by ``clientKey(_:_:)``.
    private var latestClientIDs = ShardedDictionary<String, Int64>()
    private var nextTradeId: Int64 = 1
    /// The last trade price per instrument (the mark for margin and PnL figures).
    public private(set) var lastPrice: [Price?]
    /// Per instrument: signed quantity and cost basis, to report each fill's realised PnL.
    private var shadow: [(quantity: Int128, cost: Int128)]
    /// Updates since the last ``drainUpdates()``: the orders, fills and funding the user-data streams carry.
    public private(set) var updates: [SimAccountUpdate] = []

    /// - Parameters:
    ///   - balances: the wallet (spot: every asset; USD-M: the quote asset's amount).
    public init(kind: SimMarketKind, balances: [Money], marginMode: MarginMode = .cross) throws {
        self.kind = kind
        symbols = SimInstruments.symbols(kind)
        instruments = try SimInstruments.instruments(kind)
        leverage = Array(repeating: 20, count: instruments.count)
        self.marginMode = marginMode
        lastPrice = Array(repeating: nil, count: instruments.count)
        shadow = Array(repeating: (0, 0), count: instruments.count)
        exchange = Self.makeExchange(instruments: instruments, balances: balances, marginMode: marginMode, leverage: 20)
    }

    private static func makeExchange(
        instruments: [Instrument],
        balances: [Money],
        marginMode: MarginMode,
        leverage: Int
    ) -> SimulatedExchange {
        var levels: [InstrumentID: Ratio] = [:]
        for instrument in instruments where instrument.kind == .linearPerpetual {
            levels[instrument.id] = Ratio(leverage)
        }
        return SimulatedExchange(
            configuration: SimulatedExchangeConfiguration(marginMode: marginMode),
            instruments: instruments,
            accountCurrency: .usdt,
            balances: balances,
            leverage: levels
        )
    }

    // MARK: Market data

    /// One printed trade of `instrument`: matches the account's orders and releases held take-profit limits.
    public mutating func process(_ trade: TradeTape.Trade, instrument: InstrumentIndex) {
        lastPrice[instrument.int] = trade.price
        let tick = TradeTick(
            instrument: instrument,
            price: trade.price,
            size: trade.size,
            aggressor: trade.aggressor,
            exchangeTime: trade.time,
            receivedTime: trade.time
        )
        apply(exchange.process(.trade(tick)))
        releaseTriggered(instrument, price: trade.price, at: trade.time)
    }

    /// A book snapshot of `instrument`: orders also match against its levels (``FaultSpec/partialFills``).
    public mutating func process(_ book: BookUpdate) {
        apply(exchange.process(.book(book)))
    }

    /// A funding settlement for every open perpetual position, at `rates[i]` for instrument `i`.
    public mutating func settleFunding(rates: [Ratio], at time: Timestamp) {
        for index in instruments.indices where instruments[index].kind == .linearPerpetual && index < rates.count {
            let update = FundingRateUpdate(
                instrument: InstrumentIndex(index),
                rate: rates[index],
                fundingTime: time,
                receivedTime: time
            )
            apply(exchange.process(.funding(update)))
        }
    }

    // MARK: Requests

    /// Places `order` at market time `time`.
    /// - Returns: the order as the venue holds it after its arrival (filled at once when marketable).
    /// - Throws: Binance's error when a placement check fails or the venue refuses it on arrival.
    public mutating func place(_ order: NewOrder, orderId: Int64, at time: Timestamp) throws(BinanceError) -> SimOrder {
        if let existing = openClientIDs[order.clientOrderId], orders[existing]?.status.isOpen == true {
            throw BinanceError(code: -2010, message: "Duplicate order sent.")
        }
        try checkFunds(order)
        guard let internalID = try? ClientOrderID("S\(orderId)") else {
            throw BinanceError(
                status: 500,
                code: -1000,
                message: "An unknown error occurred while processing the request."
            )
        }
        let milliseconds = time.milliseconds
        var record = SimOrder(
            orderId: orderId,
            clientOrderId: order.clientOrderId,
            symbol: order.symbol,
            instrument: order.instrument,
            internalID: internalID,
            side: order.side,
            type: order.binanceType,
            timeInForce: order.timeInForce,
            price: order.price,
            stopPrice: order.stopPrice,
            origQty: order.quantity ?? .zero,
            quoteOrderQty: order.quoteOrderQty,
            reduceOnly: order.reduceOnly,
            time: milliseconds,
            updateTime: milliseconds,
            awaitingTrigger: order.awaitsTrigger
        )
        record.isAlgo = order.isAlgo
        record.closePosition = order.closePosition
        if order.awaitsTrigger, let stop = order.stopPrice, let last = lastPrice[order.instrument.int],
            order.side == .buy ? last <= stop : last >= stop
        {
            throw BinanceError(code: -2010, message: "Stop price would trigger immediately.")
        }
        put(record)
        openClientIDs[order.clientOrderId] = orderId
        let clientKey = Self.clientKey(order.symbol, order.clientOrderId)
        let previous = latestClientIDs.updateValue(orderId, forKey: clientKey)
        updates.append(.order(record))
        if order.awaitsTrigger { return record }
        let ticket = OrderTicket(clientOrderID: internalID, spec: order.spec())
        let events = exchange.receive(.receivedByVenue(.submit(ticket)), at: time)
        if let refusal = Self.refusal(of: internalID, in: events, kind: kind) {
            // Binance never creates an order it refuses: forget it, and any update it queued.
            orders[orderId] = nil
            openIDs.remove(orderId)
            openClientIDs[order.clientOrderId] = nil
            latestClientIDs[clientKey] = previous
            updates.removeLast()
            throw refusal
        }
        apply(events)
        record = orders[orderId] ?? record
        return record
    }

    /// Cancels an open order.
    /// - Throws: -2011 when the order is unknown or no longer open.
    public mutating func cancel(orderId: Int64, at time: Timestamp) throws(BinanceError) -> SimOrder {
        guard var order = orders[orderId], order.status.isOpen else {
            throw BinanceError(code: -2011, message: "Unknown order sent.")
        }
        if order.awaitingTrigger {
            order.status = .canceled
            order.updateTime = time.milliseconds
            order.awaitingTrigger = false
            put(order)
            updates.append(.order(order))
            return order
        }
        apply(
            exchange.receive(
                .receivedByVenue(.cancel(instrument: order.instrument, clientOrderID: order.internalID)),
                at: time
            )
        )
        if var stale = orders[orderId], stale.status.isOpen {
            // The venue no longer held it: it ended between trades (should not happen); report it closed.
            stale.status = .canceled
            put(stale)
        }
        return orders[orderId] ?? order
    }

    /// The order with this ID or, when `orderId` is `nil`, the latest order with this client order ID.
    public func find(orderId: Int64?, clientOrderId: String?, symbol: SimSymbol) -> SimOrder? {
        if let orderId { return orders[orderId].flatMap { $0.symbol == symbol ? $0 : nil } }
        guard let clientOrderId, let orderId = latestClientIDs[Self.clientKey(symbol, clientOrderId)] else {
            return nil
        }
        return orders[orderId]
    }

    /// The order ID in the key the simulated exchange knows an order by (`S<orderId>`, `L<orderId>` for a
    /// liquidation), so that no map from one to the other is kept.
    private static func orderId(of internalID: ClientOrderID) -> Int64? {
        let value = internalID.value
        guard value.utf8.count > 1 else { return nil }
        return Int64(value.dropFirst())
    }

    private static func clientKey(_ symbol: SimSymbol, _ clientOrderId: String) -> String {
        symbol.symbol + " " + clientOrderId
    }

    /// Open orders, oldest first, of one symbol or all; `algo` selects USD-M's algo orders or the others
    /// (`nil`: both).
    public func openOrders(_ symbol: SimSymbol?, algo: Bool? = nil) -> [SimOrder] {
        openIDs.compactMap { orders[$0] }.filter {
            (symbol == nil || $0.symbol == symbol) && (algo == nil || $0.isAlgo == algo)
        }
        .sorted { $0.orderId < $1.orderId }
    }

    /// Every order of a symbol, oldest first (`algo` as in ``openOrders(_:algo:)``).
    public func allOrders(_ symbol: SimSymbol, algo: Bool? = nil) -> [SimOrder] {
        orders.values.filter { $0.symbol == symbol && (algo == nil || $0.isAlgo == algo) }.sorted {
            $0.orderId < $1.orderId
        }
    }

    /// The signed position of `instrument` (positive long), raw.
    public func positionRaw(_ instrument: InstrumentIndex) -> Int128 {
        exchange.account.signedQuantityRaw(instrument)
    }

    /// Takes the updates queued since the last call.
    public mutating func drainUpdates() -> [SimAccountUpdate] {
        defer { updates.removeAll() }
        return updates
    }

    /// Stores an order and keeps the set of open ones.
    private mutating func put(_ order: SimOrder) {
        orders[order.orderId] = order
        highestOrderId = max(highestOrderId, order.orderId)
        if order.status.isOpen {
            openIDs.insert(order.orderId)
        } else {
            openIDs.remove(order.orderId)
            if openClientIDs[order.clientOrderId] == order.orderId { openClientIDs[order.clientOrderId] = nil }
        }
    }

    // MARK: USD-M settings

    /// The highest leverage `instrument` allows.
    public func maximumLeverage(_ instrument: InstrumentIndex) -> Int {
        Int(instruments[instrument.int].maxLeverage.doubleValue.rounded())
    }

    /// Sets a symbol's leverage (1 up to the instrument's maximum).
    /// - Throws: -4028 when out of range.
    public mutating func setLeverage(_ value: Int, instrument: InstrumentIndex) throws(BinanceError) {
        let maximum = maximumLeverage(instrument)
        guard (1...maximum).contains(value) else {
            throw BinanceError(code: -4028, message: "Leverage \(value) is not valid")
        }
        leverage[instrument.int] = value
        exchange.setLeverage(Ratio(value), for: instrument)
    }

    /// Sets the margin type. The simulated exchange margins the whole account one way, so it changes only
    /// while the account has no position and no open order in any symbol.
    /// - Throws: -4046 when already set, -4047/-4048 while orders or positions exist.
    public mutating func setMarginMode(_ mode: MarginMode) throws(BinanceError) {
        guard mode != marginMode else { throw BinanceError(code: -4046, message: "No need to change margin type.") }
        guard openOrders(nil).isEmpty else {
            throw BinanceError(code: -4047, message: "Margin type cannot be changed if there exists open orders.")
        }
        guard instruments.indices.allSatisfy({ exchange.account.isFlat(InstrumentIndex($0)) }) else {
            throw BinanceError(code: -4048, message: "Margin type cannot be changed if there exists position.")
        }
        let balances = exchange.account.balances
        let levels = leverage
        marginMode = mode
        exchange = Self.makeExchange(instruments: instruments, balances: balances, marginMode: mode, leverage: 20)
        for (index, level) in levels.enumerated() { exchange.setLeverage(Ratio(level), for: InstrumentIndex(index)) }
        for (index, price) in lastPrice.enumerated() {
            guard let price else { continue }
            let tick = TradeTick(
                instrument: InstrumentIndex(index),
                price: price,
                size: instruments[index].lotStep,
                aggressor: .buy,
                exchangeTime: .zero,
                receivedTime: .zero
            )
            _ = exchange.process(.trade(tick))
        }
    }

    // MARK: Balances

    /// What open orders lock of `currency` (spot): buys their remaining quote value, sells their base.
    public func locked(_ currency: Currency) -> Int128 {
        var total: Int128 = 0
        for id in openIDs {
            guard let order = orders[id] else { continue }
            let instrument = instruments[order.instrument.int]
            if order.side == .sell, instrument.base == currency {
                total += order.leaves.raw
            } else if order.side == .buy, instrument.quote == currency,
                let price = order.price ?? order.stopPrice ?? lastPrice[order.instrument.int]
            {
                total += FixedPoint.multiply(order.leaves.raw, price.raw, rounding: .up)
            }
        }
        return total
    }

    /// USD-M: the initial margin open orders would use, at their limit (or last) price and the leverage.
    public func openOrderMargin() -> Int128 {
        var total: Int128 = 0
        for id in openIDs {
            guard let order = orders[id], !order.reduceOnly else { continue }
            guard let price = order.price ?? order.stopPrice ?? lastPrice[order.instrument.int] else { continue }
            let notional = FixedPoint.multiply(order.leaves.raw, price.raw, rounding: .up)
            total += notional / Int128(leverage[order.instrument.int])
        }
        return total
    }

    /// USD-M: the unrealised PnL of every position at the last trade price.
    public func unrealizedPnl() -> Int128 {
        var total: Int128 = 0
        for index in instruments.indices {
            let position = exchange.account.position(InstrumentIndex(index))
            guard position.isOpen, let mark = lastPrice[index] else { continue }
            total += position.unrealizedRaw(at: mark, multiplier: instruments[index].contractMultiplier)
        }
        return total
    }

    /// USD-M: what a new order may still use: wallet plus unrealised PnL less position and order margins.
    public func availableMargin() -> Int128 {
        let wallet = exchange.account.balance(.usdt).raw
        return wallet + min(0, unrealizedPnl()) - exchange.account.marginInUse(.usdt).raw - openOrderMargin()
    }

    private func checkFunds(_ order: NewOrder) throws(BinanceError) {
        let instrument = instruments[order.instrument.int]
        guard let reference = order.price ?? order.stopPrice ?? lastPrice[order.instrument.int] else { return }
        let quantity = order.quantity?.raw ?? 0
        switch kind {
        case .spot:
            if order.side == .buy {
                let needed =
                    order.quoteOrderQty?.raw ?? FixedPoint.multiply(quantity, reference.raw, rounding: .up)
                let free = exchange.account.balance(instrument.quote).raw - locked(instrument.quote)
                if needed > free { throw Self.insufficientBalance }
            } else {
                let free = exchange.account.balance(instrument.base).raw - locked(instrument.base)
                if quantity > free { throw Self.insufficientBalance }
            }
        case .usdm:
            guard !order.reduceOnly else { return }
            let notional = FixedPoint.multiply(quantity, reference.raw, rounding: .up)
            let required = notional / Int128(leverage[order.instrument.int])
            if required > availableMargin() { throw BinanceError(code: -2019, message: "Margin is insufficient.") }
        }
    }

    static let insufficientBalance = BinanceError(
        code: -2010,
        message: "Account has insufficient balance for requested action."
    )

    /// Binance's error for an order the venue refused on arrival, if it did.
    static func refusal(of id: ClientOrderID, in events: [AccountEvent], kind: SimMarketKind) -> BinanceError? {
        for event in events {
            let reason: String
            switch event {
            case .rejected(let rejected, let text, _) where rejected == id: reason = "\(text)"
            case .canceled(let canceled, let text?, _) where canceled == id: reason = "\(text)"
            default: continue
            }
            if reason.hasPrefix("insufficient balance") || reason.hasPrefix("the fill's notional") {
                return insufficientBalance
            }
            if reason.hasPrefix("insufficient margin") {
                return BinanceError(code: -2019, message: "Margin is insufficient.")
            }
            if reason.hasPrefix("post-only") {
                return kind == .spot
                    ? BinanceError(code: -2010, message: "Order would immediately match and take.")
                    : BinanceError(
                        code: -5022,
                        message:
                            "Due to the order could not be executed as maker, the Post Only order will be rejected."
                    )
            }
            if reason.hasPrefix("reduce-only") {
                return BinanceError(code: -2022, message: "ReduceOnly Order is rejected.")
            }
            if reason.hasPrefix("order would immediately trigger") {
                return kind == .spot
                    ? BinanceError(code: -2010, message: "Stop price would trigger immediately.")
                    : BinanceError(code: -2021, message: "Order would immediately trigger.")
            }
            if case .rejected = event { return BinanceError(code: -2010, message: "Order rejected: \(reason).") }
        }
        return nil
    }

    // MARK: Reports

    /// Folds the simulated exchange's reports into the order records.
    private mutating func apply(_ events: [AccountEvent]) {
        for event in events {
            switch event {
            case .accepted, .updated, .requestRefused:
                continue
            case .triggered(let id, let time):
                if let orderId = Self.orderId(of: id) {
                    if var order = orders[orderId] {
                        order.triggerTime = time.milliseconds
                        put(order)
                        updates.append(.order(order))
                    }
                }
            case .rejected(let id, let reason, let time):
                close(id, status: .expired, reason: "\(reason)", at: time)
            case .canceled(let id, let reason, let time):
                close(id, status: reason == nil ? .canceled : .expired, reason: reason.map { "\($0)" }, at: time)
            case .expired(let id, let time):
                close(id, status: .expired, reason: nil, at: time)
            case .filled(let fill):
                record(fill)
            case .funding(let applied):
                let record = SimFunding(
                    symbol: symbols[applied.instrument.int],
                    rate: applied.rate,
                    payment: applied.payment,
                    time: applied.exchangeTime.milliseconds
                )
                funding.append(record)
                updates.append(.funding(record))
            }
        }
    }

    private mutating func close(_ id: ClientOrderID, status: SimOrder.Status, reason: String?, at time: Timestamp) {
        guard let orderId = Self.orderId(of: id), var order = orders[orderId], order.status.isOpen else { return }
        order.status = status
        order.endReason = reason
        order.updateTime = time.milliseconds
        put(order)
        updates.append(.order(order))
    }

    private mutating func record(_ fill: OrderFilled) {
        let index = fill.instrument.int
        var orderId: Int64
        if let id = fill.clientOrderID, let known = Self.orderId(of: id), orders[known] != nil {
            orderId = known
        } else {
            // A liquidation: Binance reports it as an order of its own.
            orderId = highestOrderId + 1_000_000
            let time = fill.exchangeTime.milliseconds
            guard let internalID = try? ClientOrderID("L\(orderId)") else { return }
            put(
                SimOrder(
                    orderId: orderId,
                    clientOrderId: "autoclose-\(time)",
                    symbol: symbols[index],
                    instrument: fill.instrument,
                    internalID: internalID,
                    side: fill.side,
                    type: "LIQUIDATION",
                    timeInForce: "IOC",
                    price: nil,
                    stopPrice: nil,
                    origQty: fill.quantity,
                    quoteOrderQty: nil,
                    reduceOnly: true,
                    time: time,
                    updateTime: time,
                    awaitingTrigger: false
                )
            )
            latestClientIDs[Self.clientKey(symbols[index], "autoclose-\(time)")] = orderId
        }
        guard var order = orders[orderId] else { return }
        let quote = FixedPoint.multiply(fill.quantity.raw, fill.price.raw, rounding: .toNearestOrEven)
        if order.quoteOrderQty != nil { order.origQty = order.executedQty + fill.quantity + fill.leavesQuantity }
        order.executedQty = order.executedQty + fill.quantity
        order.cumulativeQuoteRaw += quote
        order.status = fill.leavesQuantity.isZero ? .filled : .partiallyFilled
        order.updateTime = fill.exchangeTime.milliseconds
        put(order)
        let realized = kind == .usdm ? shadowBook(index, side: fill.side, quantity: fill.quantity.raw, quote: quote) : 0
        let trade = SimTrade(
            id: nextTradeId,
            orderId: orderId,
            symbol: symbols[index],
            side: fill.side,
            price: fill.price,
            quantity: fill.quantity,
            quoteRaw: quote,
            commission: fill.fee,
            isMaker: fill.liquidity == .maker,
            realizedPnlRaw: realized,
            time: fill.exchangeTime.milliseconds
        )
        nextTradeId += 1
        trades.append(trade)
        updates.append(.fill(order, trade))
    }

    /// Books a fill into the shadow position and returns the PnL it realised.
    private mutating func shadowBook(_ index: Int, side: OrderSide, quantity: Int128, quote: Int128) -> Int128 {
        var (position, cost) = shadow[index]
        let signed = side == .buy ? quantity : -quantity
        var realized: Int128 = 0
        if position != 0 && (position > 0) != (signed > 0) {
            let closing = min(abs(position), quantity)
            let closedCost = FixedPoint.multiplyDivide(cost, closing, abs(position), rounding: .toNearestOrEven)
            let closedQuote = FixedPoint.multiplyDivide(quote, closing, quantity, rounding: .toNearestOrEven)
            realized = position > 0 ? closedQuote - closedCost : closedCost - closedQuote
            cost -= closedCost
            position += position > 0 ? -closing : closing
            let opening = quantity - closing
            if opening > 0 {
                position = side == .buy ? opening : -opening
                cost = quote - closedQuote
            }
        } else {
            position += signed
            cost += quote
        }
        shadow[index] = (position, cost)
        return realized
    }

    /// Places the held take-profit limits whose trigger `price` reached.
    private mutating func releaseTriggered(_ instrument: InstrumentIndex, price: Price, at time: Timestamp) {
        let held = openIDs.compactMap { orders[$0] }.filter { $0.awaitingTrigger && $0.instrument == instrument }
        for var order in held.sorted(by: { $0.orderId < $1.orderId }) {
            guard let stop = order.stopPrice, order.side == .buy ? price <= stop : price >= stop else { continue }
            order.awaitingTrigger = false
            order.triggerTime = time.milliseconds
            put(order)
            let spec = OrderSpec(
                instrument: instrument,
                side: order.side,
                type: .limit,
                quantity: .base(order.origQty),
                price: order.price,
                timeInForce: TimeInForce(binance: order.timeInForce),
                reduceOnly: order.reduceOnly
            )
            let ticket = OrderTicket(clientOrderID: order.internalID, spec: spec)
            apply(exchange.receive(.receivedByVenue(.submit(ticket)), at: time))
        }
    }
}

/// A change the user-data streams report: an order's new state, a fill (with the order after it), or a
/// funding payment.
public enum SimAccountUpdate: Sendable, Hashable {
    case order(SimOrder)
    case fill(SimOrder, SimTrade)
    case funding(SimFunding)
}

extension TimeInForce {
    /// The engine's time in force for Binance's (`GTX` is post-only).
    init(binance text: String) {
        switch text {
        case "IOC": self = .ioc
        case "FOK": self = .fok
        case "GTX": self = .postOnly
        default: self = .gtc
        }
    }
}
