public import TradingCore

/// Pre-trade limits on an order and on the exposure it would leave, checked after ``BasicRiskPolicy``.
/// Each limit is off when `nil`. A refused order becomes an `OrderDenied` with the limit's code and the
/// measured value against the limit in its message.
///
/// - `priceBand`: a limit price or stop trigger at most this fraction away from the last price (a fat-finger
///   guard); code `price_band`.
/// - `maximumOrderNotional`: quantity × price × multiplier; code `order_notional`.
/// - `maximumPositionNotional`: the instrument's position after the order fills; code `position_notional`.
/// - `maximumGrossExposure`, `maximumNetExposure`: Σ |position notional| and |Σ signed notional| after the
///   order fills; codes `gross_exposure`, `net_exposure`.
/// - `maximumLeverage`: gross exposure over equity after the order fills; code `leverage`.
/// - `maximumOpenPositions`: instruments with a position after the order fills; code `open_positions`.
///
/// Positions are valued at the last price, the order at its limit (or trigger, or the last) price, in the
/// account currency. Orders already working count as if they filled, in the direction that makes each
/// position largest, so no set of approved orders can together exceed a limit. An order that only reduces
/// a position passes every exposure limit.
public struct PreTradeLimits: RiskPolicy, Hashable {
    public var priceBand: Ratio?
    public var maximumOrderNotional: Money?
    public var maximumPositionNotional: Money?
    public var maximumGrossExposure: Money?
    public var maximumNetExposure: Money?
    public var maximumLeverage: Ratio?
    public var maximumOpenPositions: Int?

    public init(
        priceBand: Ratio? = nil, maximumOrderNotional: Money? = nil, maximumPositionNotional: Money? = nil,
        maximumGrossExposure: Money? = nil, maximumNetExposure: Money? = nil, maximumLeverage: Ratio? = nil,
        maximumOpenPositions: Int? = nil
    ) {
        self.priceBand = priceBand
        self.maximumOrderNotional = maximumOrderNotional
        self.maximumPositionNotional = maximumPositionNotional
        self.maximumGrossExposure = maximumGrossExposure
        self.maximumNetExposure = maximumNetExposure
        self.maximumLeverage = maximumLeverage
        self.maximumOpenPositions = maximumOpenPositions
    }

    public func check(_ order: Order, state: borrowing EngineState) -> RiskRefusal? {
        let instrument = state.instruments[order.instrument.int]
        let last = state.market.lastPrice(order.instrument)
        if let band = priceBand, let last, last.raw > 0 {
            for (name, level) in [("limit price", order.price), ("trigger", order.triggerPrice)] {
                guard let level else { continue }
                let distance = Ratio(raw: FixedPoint.divide(abs(level.raw - last.raw), last.raw, rounding: .up))
                if distance > band {
                    return .policy(code: "price_band", message: "\(name) \(level) is \(percent(distance)) from the last price \(last); the band is \(percent(band))")
                }
            }
        }
        guard let price = order.price ?? order.triggerPrice ?? last, price.raw > 0 else {
            return hasExposureLimits ? .noMarketPrice : nil
        }
        let quantity: Quantity
        switch order.requestedQuantity {
        case .base(let base): quantity = base
        case .quote(let amount):
            let unit = FixedPoint.multiply(price.raw, instrument.contractMultiplier.raw, rounding: .up)
            quantity = Quantity(raw: unit > 0 ? FixedPoint.divide(amount.raw, unit, rounding: .down) : 0)
        }
        let orderNotional = instrument.notional(of: quantity, at: price)
        if let limit = maximumOrderNotional, orderNotional > limit {
            return .policy(code: "order_notional", message: "order notional \(orderNotional) exceeds \(limit)")
        }
        guard hasExposureLimits else { return nil }
        // Working orders (not reduce-only), by instrument: buys and sells still to fill. A few entries at
        // most, so a flat list beats a dictionary (no allocation on the common path of no working orders).
        var pending: [(instrument: Int, buys: Int128, sells: Int128)] = []
        for working in state.orders.openOrders where !working.reduceOnly {
            let leaves = working.quantity.raw - working.filledQuantity.raw
            guard leaves > 0 else { continue }
            let key = working.instrument.int
            if let slot = pending.firstIndex(where: { $0.instrument == key }) {
                if working.side == .buy { pending[slot].buys += leaves } else { pending[slot].sells += leaves }
            } else {
                pending.append((key, working.side == .buy ? leaves : 0, working.side == .sell ? leaves : 0))
            }
        }
        func worst(_ held: Int128, _ buys: Int128, _ sells: Int128) -> Int128 {
            let longest = held + buys
            let shortest = held - sells
            return abs(longest) >= abs(shortest) ? longest : shortest
        }
        let target = order.instrument.int
        let held = state.portfolio.signedQuantityRaw(order.instrument)
        let existing = pending.firstIndex { $0.instrument == target }
        let beforeBuys = existing.map { pending[$0].buys } ?? 0
        let beforeSells = existing.map { pending[$0].sells } ?? 0
        let afterBuys = beforeBuys + (order.side == .buy ? quantity.raw : 0)
        let afterSells = beforeSells + (order.side == .sell ? quantity.raw : 0)
        // An order that does not make the instrument's largest possible position larger cannot breach an
        // exposure limit (it reduces, or stays within what working orders already allow).
        if abs(worst(held, afterBuys, afterSells)) <= abs(worst(held, beforeBuys, beforeSells)) { return nil }
        if let existing {
            pending[existing].buys = afterBuys
            pending[existing].sells = afterSells
        } else {
            pending.append((target, afterBuys, afterSells))
        }
        var gross: Int128 = 0
        var net: Int128 = 0
        var open = 0
        var positionAfter: Int128 = 0
        func add(_ index: Int) {
            let working = pending.first { $0.instrument == index }
            let signed = worst(state.portfolio.signedQuantityRaw(InstrumentIndex(index)), working?.buys ?? 0, working?.sells ?? 0)
            guard signed != 0 else { return }
            let mark: Price
            if index == target {
                mark = price
            } else {
                guard let known = state.market.lastPrice(InstrumentIndex(index)) else { return }
                mark = known
            }
            let value = state.instruments[index].notional(of: Quantity(raw: abs(signed)), at: mark).raw
            if index == target { positionAfter = value }
            gross += value
            net += signed > 0 ? value : -value
            open += 1
        }
        let openNow = state.portfolio.openInstruments
        for index in openNow { add(index) }
        for entry in pending where !openNow.contains(entry.instrument) { add(entry.instrument) }
        let currency = state.portfolio.accountCurrency
        if let limit = maximumPositionNotional, positionAfter > limit.raw {
            return .policy(code: "position_notional", message: "position notional after the order \(Money(raw: positionAfter, currency: currency)) exceeds \(limit)")
        }
        if let limit = maximumGrossExposure, gross > limit.raw {
            return .policy(code: "gross_exposure", message: "gross exposure after the order \(Money(raw: gross, currency: currency)) exceeds \(limit)")
        }
        if let limit = maximumNetExposure, abs(net) > limit.raw {
            return .policy(code: "net_exposure", message: "net exposure after the order \(Money(raw: abs(net), currency: currency)) exceeds \(limit)")
        }
        if let limit = maximumLeverage {
            let equity = state.equity
            guard equity.raw > 0 else { return .policy(code: "leverage", message: "equity \(equity) is not positive") }
            let leverage = Ratio(raw: FixedPoint.divide(gross, equity.raw, rounding: .up))
            if leverage > limit {
                return .policy(code: "leverage", message: "leverage after the order \(leverage)× exceeds \(limit)×")
            }
        }
        if let limit = maximumOpenPositions, open > limit {
            return .policy(code: "open_positions", message: "\(open) open positions after the order; the limit is \(limit)")
        }
        return nil
    }

    private var hasExposureLimits: Bool {
        maximumPositionNotional != nil || maximumGrossExposure != nil || maximumNetExposure != nil || maximumLeverage != nil
            || maximumOpenPositions != nil
    }

    private func percent(_ ratio: Ratio) -> String {
        "\(ratio.multiplied(by: Ratio(100), rounding: .toNearestOrEven)) %"
    }
}
