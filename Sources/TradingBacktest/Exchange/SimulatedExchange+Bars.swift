import TradingCore
import TradingEngine

/// One thing that happens to an order at a point of a bar's path.
private struct BarHit {
    enum Action {
        /// Fill the remaining quantity at `price`; `triggered` says a stop fired first.
        case fill(ClientOrderID, price: Price, liquidity: LiquiditySide, triggered: Bool)
        /// A stop-limit's trigger was reached; it works as a limit order from now on.
        case trigger(ClientOrderID)
        case cancel(ClientOrderID, reason: CancelReason)
        case liquidate(price: Price)
    }

    /// Why the path cancels an order on arrival.
    enum CancelReason {
        case postOnlyWouldTake
        case notMarketable(TimeInForce)

        var text: ReasonText {
            switch self {
            case .postOnlyWouldTake: "post-only order would take liquidity"
            case .notMarketable(let timeInForce): "\(timeInForce) limit was not marketable"
            }
        }
    }

    let time: Int64
    let action: Action
}

extension SimulatedExchange {
    /// Walks the bar's intra-bar path (see ``BarPath``) and applies, in time order, every fill, trigger,
    /// cancellation and liquidation it reaches. Orders placed by fills on the way (bracket exits) take
    /// part from their activation time.
    mutating func matchBar(_ bar: Bar) {
        // The matching reads the instrument where the venue's table holds it: reading it from `instruments`
        // while `self` is mutated retained and released the array around the call, and a local copy cost a
        // copy of 368 bytes for every bar with orders.
        matchBar(bar, instrument: instrumentTable[bar.instrument.int])
    }

    private mutating func matchBar(_ bar: Bar, instrument: UnsafePointer<Instrument>) {
        let index = bar.instrument.int
        let rules = configuration
        if fillsLoneMarketOrder(index, bar: bar, instrument: instrument, rules: rules) { return }
        let path = BarPath(bar, tickSize: instrument.pointee.tickSize)
        var cursor = path.t0
        // The orders are read under exclusive accesses: plain reads of them here, in a mutating method, retained
        // and released their storage each time.
        let hasTrailingStops = markets[index].orders.withExclusiveBufferPointer { orders in
            orders.contains { $0.type == .trailingStopMarket }
        }
        for _ in 0..<10_000 {
            var best: BarHit?
            var ties = 0
            markets[index].orders.withExclusiveBufferPointer { orders in
                for position in orders.indices where !orders[position].held {
                    let start = max(orders[position].activeFrom.nanoseconds, cursor)
                    guard start <= path.t3,
                        let hit = Self.hit(
                            for: orders.baseAddress! + position,
                            path: path,
                            from: start,
                            instrument: instrument,
                            rules: rules
                        )
                    else { continue }
                    if best == nil || hit.time < best!.time {  // Non-nil: checked first.
                        best = hit
                        ties = 1
                    } else if hit.time == best!.time {
                        ties += 1
                    }
                }
            }
            if let liquidation = Self.liquidationHit(
                account: account,
                instrument: instrument,
                index: index,
                path: path,
                from: cursor,
                crossMargin: crossMargin(excluding: index)
            ),
                best == nil || liquidation.time < best!.time  // Non-nil: checked first.
            {
                best = liquidation
                ties = 1
            }
            guard let best else { break }
            if hasTrailingStops { advanceTrailingStops(index, path: path, from: cursor, to: best.time) }
            cursor = best.time
            guard apply(best, instrument: index), ties > 1 else { continue }
            // Several orders are hit at the same time. Plain fills leave the others' hits as they were, so
            // they are applied in order without rescanning: a bar costs O(orders), not O(orders²), when a
            // farm's bots fill together.
            var earliest: [BarHit] = []
            earliest.reserveCapacity(ties - 1)
            markets[index].orders.withExclusiveBufferPointer { orders in
                for position in orders.indices where !orders[position].held {
                    let start = max(orders[position].activeFrom.nanoseconds, cursor)
                    guard start == cursor,
                        let hit = Self.hit(
                            for: orders.baseAddress! + position,
                            path: path,
                            from: start,
                            instrument: instrument,
                            rules: rules
                        ),
                        hit.time == cursor
                    else { continue }
                    earliest.append(hit)
                }
            }
            for hit in earliest {
                // Anything but a plain fill (a trigger, a cancel, a fill with linked orders) may change
                // other orders' hits: look again.
                guard apply(hit, instrument: index) else { break }
            }
        }
        if hasTrailingStops { advanceTrailingStops(index, path: path, from: cursor, to: path.t3) }
    }

    /// The usual bar with an order, taken without the general search: one working market order without
    /// linked orders on a spot instrument (no liquidation to race it, no trailing stop to advance). It fills
    /// where the path is when it becomes active, as the search below would find: its first hit, after which
    /// nothing is left to match. Returns whether it was taken. The path is built only for an order that
    /// becomes active after the bar's open: at the open (the usual case) the path's price is the open.
    @inline(__always)
    private mutating func fillsLoneMarketOrder(
        _ index: Int,
        bar: Bar,
        instrument: UnsafePointer<Instrument>,
        rules: SimulatedExchangeConfiguration
    ) -> Bool {
        let open = bar.openTime.nanoseconds
        guard instrument.pointee.kind == .spot else { return false }
        let lone: (id: ClientOrderID, side: OrderSide, start: Int64, leaves: Quantity)? =
            markets[index].orders.withExclusiveBufferPointer { orders in
                guard orders.count == 1, !orders[0].held, orders[0].ticket.spec.type == .market,
                    case .none = orders[0].ticket.contingency
                else { return nil }
                return (
                    orders[0].ticket.clientOrderID, orders[0].ticket.spec.side,
                    max(orders[0].activeFrom.nanoseconds, open), orders[0].leaves
                )
            }
        guard let lone else { return false }
        // Not active within the bar (the path ends at the close): nothing happens (the search finds no hit
        // either).
        guard lone.start <= bar.closeTime.nanoseconds else { return true }
        let reached =
            lone.start == open ? bar.open : BarPath(bar, tickSize: instrument.pointee.tickSize).price(at: lone.start)
        let price = Self.slipped(reached, side: lone.side, instrument: instrument.pointee, slippage: rules.slippage)
        fill(
            lone.id,
            at: 0,
            instrument: index,
            quantity: lone.leaves,
            price: price,
            liquidity: .taker,
            at: Timestamp(nanoseconds: lone.start)
        )
        return true
    }

    /// Applies one hit; `true` when it was a fill of an order without linked orders, which leaves every
    /// other order's hit as it was.
    @inline(__always)
    private mutating func apply(_ hit: BarHit, instrument index: Int) -> Bool {
        let time = Timestamp(nanoseconds: hit.time)
        switch hit.action {
        case .fill(let id, let price, let liquidity, let triggered):
            if triggered { events.append(.triggered(id, exchangeTime: time)) }
            guard let position = markets[index].position(of: id) else { return true }
            let leaves = markets[index].orders[position].leaves
            let independent: Bool
            if case .none = markets[index].orders[position].ticket.contingency {
                independent = true
            } else {
                independent = false
            }
            fill(id, at: position, instrument: index, quantity: leaves, price: price, liquidity: liquidity, at: time)
            return independent
        case .trigger(let id):
            guard let position = markets[index].position(of: id) else { return false }
            markets[index].orders[position].triggered = true
            markets[index].orders[position].activeFrom = time
            events.append(.triggered(id, exchangeTime: time))
        case .cancel(let id, let reason):
            removeOrder(id, instrument: index, reason: reason.text, at: time)
        case .liquidate(let price):
            liquidate(index, at: price, time: time)
        }
        return false
    }

    /// The first thing the path does to `pointer`'s order from `start` on, if anything. A market order (the
    /// usual case) is answered from the fields it needs; other types read a copy of the order.
    private static func hit(
        for pointer: UnsafePointer<VenueOrder>,
        path: BarPath,
        from start: Int64,
        instrument: UnsafePointer<Instrument>,
        rules: SimulatedExchangeConfiguration
    ) -> BarHit? {
        if pointer.pointee.ticket.spec.type == .market {
            let price = slipped(
                path.price(at: start),
                side: pointer.pointee.ticket.spec.side,
                instrument: instrument.pointee,
                slippage: rules.slippage
            )
            return BarHit(
                time: start,
                action: .fill(pointer.pointee.ticket.clientOrderID, price: price, liquidity: .taker, triggered: false)
            )
        }
        return hit(for: pointer.pointee, path: path, from: start, instrument: instrument.pointee, rules: rules)
    }

    private static func hit(
        for order: VenueOrder,
        path: BarPath,
        from start: Int64,
        instrument: Instrument,
        rules: SimulatedExchangeConfiguration
    ) -> BarHit? {
        let arrivesNow = order.activeFrom.nanoseconds >= start
        switch order.type {
        case .market:
            return BarHit(
                time: start,
                action: .fill(
                    order.id,
                    price: slipped(
                        path.price(at: start),
                        side: order.side,
                        instrument: instrument,
                        slippage: rules.slippage
                    ),
                    liquidity: .taker,
                    triggered: false
                )
            )
        case .limit, .stopLimit:
            if order.type == .stopLimit && !order.triggered {
                guard let trigger = order.trigger,
                    let reach = path.firstReach(trigger, below: order.side == .sell, from: start)
                else { return nil }
                return BarHit(time: reach.time, action: .trigger(order.id))
            }
            return limitHit(
                order,
                path: path,
                from: start,
                arrivesNow: arrivesNow,
                instrument: instrument,
                rules: rules
            )
        case .stopMarket, .takeProfitMarket:
            guard let trigger = order.trigger else { return nil }
            // Stops trigger against the position (buy stop: price rises to it); take-profits in its favour.
            let below = order.type == .stopMarket ? order.side == .sell : order.side == .buy
            guard let reach = path.firstReach(trigger, below: below, from: start) else { return nil }
            return BarHit(
                time: reach.time,
                action: .fill(
                    order.id,
                    price: slipped(reach.price, side: order.side, instrument: instrument, slippage: rules.slippage),
                    liquidity: .taker,
                    triggered: true
                )
            )
        case .trailingStopMarket:
            let reach = path.trailingReach(side: order.side, extreme: order.trailingExtreme, from: start) {
                trailingTrigger(best: $0, order: order, instrument: instrument)
            }
            guard let hit = reach.hit else { return nil }
            return BarHit(
                time: hit.time,
                action: .fill(
                    order.id,
                    price: slipped(hit.price, side: order.side, instrument: instrument, slippage: rules.slippage),
                    liquidity: .taker,
                    triggered: true
                )
            )
        }
    }

    private static func limitHit(
        _ order: VenueOrder,
        path: BarPath,
        from start: Int64,
        arrivesNow: Bool,
        instrument: Instrument,
        rules: SimulatedExchangeConfiguration
    ) -> BarHit? {
        guard let level = order.price else { return nil }
        let buying = order.side == .buy
        let atStart = path.price(at: start)
        let marketable = buying ? atStart <= level : atStart >= level
        if arrivesNow {
            if marketable {
                if order.timeInForce == .postOnly {
                    return BarHit(time: start, action: .cancel(order.id, reason: .postOnlyWouldTake))
                }
                return BarHit(time: start, action: .fill(order.id, price: atStart, liquidity: .taker, triggered: false))
            }
            if order.timeInForce == .ioc || order.timeInForce == .fok {
                return BarHit(time: start, action: .cancel(order.id, reason: .notMarketable(order.timeInForce)))
            }
        }
        // Resting: fills at its price when the path reaches it (or trades through it, by the rule).
        var reachLevel = level
        if rules.limitFill == .through {
            reachLevel = Price(raw: buying ? level.raw - instrument.tickSize.raw : level.raw + instrument.tickSize.raw)
        }
        guard let reach = path.firstReach(reachLevel, below: buying, from: start) else { return nil }
        // A gap through the level fills at the better price.
        let price = reach.immediate ? reach.price : level
        return BarHit(time: reach.time, action: .fill(order.id, price: price, liquidity: .maker, triggered: false))
    }

    /// The trigger of a trailing stop whose best price so far is `best`, rounded away from the market.
    static func trailingTrigger(best: Price, order: VenueOrder, instrument: Instrument) -> Price {
        let sell = order.side == .sell
        let raw: Price
        switch order.ticket.spec.trailingOffset {
        case .price(let offset):
            raw = sell ? best - offset : best + offset
        case .basisPoints(let bps):
            let fraction = Ratio.basisPoints(bps)
            raw = best.multiplied(by: sell ? Ratio.one - fraction : Ratio.one + fraction, rounding: sell ? .down : .up)
        case nil:
            raw = best
        }
        return instrument.round(price: raw, rounding: sell ? .down : .up)
    }

    /// Updates trailing stops' best prices over the part of the path between two times.
    private mutating func advanceTrailingStops(_ index: Int, path: BarPath, from: Int64, to: Int64) {
        for position in markets[index].orders.indices {
            let order = markets[index].orders[position]
            guard order.type == .trailingStopMarket, !order.held else { continue }
            let start = max(order.activeFrom.nanoseconds, from)
            guard start <= to else { continue }
            let highest = order.side == .sell
            let seen = path.extreme(from: start, to: to, highest: highest)
            let current = order.trailingExtreme ?? seen
            markets[index].orders[position].trailingExtreme = highest ? max(current, seen) : min(current, seen)
        }
    }

    private static func liquidationHit(
        account: borrowing Ledger,
        instrument: UnsafePointer<Instrument>,
        index: Int,
        path: BarPath,
        from start: Int64,
        crossMargin: Int128?
    ) -> BarHit? {
        guard instrument.pointee.kind == .linearPerpetual,
            let price = liquidationPrice(
                account: account,
                instrument: instrument.pointee,
                index: index,
                crossMargin: crossMargin
            )
        else { return nil }
        let long = account.signedQuantityRaw(InstrumentIndex(index)) > 0
        guard let reach = path.firstReach(price, below: long, from: start) else { return nil }
        return BarHit(time: reach.time, action: .liquidate(price: reach.price))
    }
}
