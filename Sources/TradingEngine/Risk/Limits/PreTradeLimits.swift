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
/// - `maximumCorrelatedExposure`: the order's instrument and every instrument whose bar returns correlate
///   with it at `correlationThreshold` or more (over the last `correlationWindow` bars) count as one
///   position: |Σ signed notional| after the order fills, an inversely correlated position counting
///   against it; code `correlated_exposure`.
///
/// Exposure sums are first estimated in `Double` and recomputed exactly when the estimate is within 10⁻⁹
/// of a limit, so every decision is the exact one.
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
    public var maximumCorrelatedExposure: Money?
    public var correlationThreshold: Ratio
    public var correlationWindow: Int

    public init(
        priceBand: Ratio? = nil,
        maximumOrderNotional: Money? = nil,
        maximumPositionNotional: Money? = nil,
        maximumGrossExposure: Money? = nil,
        maximumNetExposure: Money? = nil,
        maximumLeverage: Ratio? = nil,
        maximumOpenPositions: Int? = nil,
        maximumCorrelatedExposure: Money? = nil,
        correlationThreshold: Ratio = Ratio(raw: 7 * FixedPoint.scale / 10),
        correlationWindow: Int = 100
    ) {
        self.priceBand = priceBand
        self.maximumOrderNotional = maximumOrderNotional
        self.maximumPositionNotional = maximumPositionNotional
        self.maximumGrossExposure = maximumGrossExposure
        self.maximumNetExposure = maximumNetExposure
        self.maximumLeverage = maximumLeverage
        self.maximumOpenPositions = maximumOpenPositions
        self.maximumCorrelatedExposure = maximumCorrelatedExposure
        self.correlationThreshold = correlationThreshold
        self.correlationWindow = max(2, correlationWindow)
    }

    /// The correlated exposure limit needs the bars' returns.
    public var watchesEvents: Bool { maximumCorrelatedExposure != nil }

    public func observe(_ bar: Bar, state: inout EngineState) {
        guard maximumCorrelatedExposure != nil else { return }
        if state.risk.correlations == nil {
            state.risk.correlations = RollingCorrelations(
                instrumentCount: state.instruments.count,
                window: correlationWindow
            )
        }
        state.risk.correlations?.update(
            instrument: bar.instrument.int,
            close: bar.closeValue,
            at: bar.closeTime.nanoseconds
        )
    }

    public func check(_ order: Order, state: EngineState) -> RiskRefusal? {
        let instrument = state.instruments[order.instrument.int]
        let last = state.market.lastPrice(order.instrument)
        if let band = priceBand, let last, last.raw > 0 {
            for (name, level) in [("limit price", order.price), ("trigger", order.triggerPrice)] {
                guard let level else { continue }
                let distance = Ratio(raw: FixedPoint.divide(abs(level.raw - last.raw), last.raw, rounding: .up))
                if distance > band {
                    return .policy(
                        code: "price_band",
                        message:
                            "\(name) \(level) is \(percent(distance)) from the last price \(last); the band is \(percent(band))"
                    )
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
        // The instruments the exposure is measured over: open positions, those only working orders reach,
        // and the order's own (visited without building a list, so nothing is allocated).
        let openNow = state.portfolio.openInstruments
        let targetIsOpen = openNow.contains(target)
        func forEachMember(_ body: (Int) -> Void) {
            for index in openNow { body(index) }
            for entry in pending where !openNow.contains(entry.instrument) { body(entry.instrument) }
            if !targetIsOpen && existing == nil { body(target) }
        }
        let threshold = correlationThreshold.doubleValue
        // One read of the matrix (not the whole tracker, whose arrays would be retained on every access).
        let matrix = maximumCorrelatedExposure == nil ? [] : state.risk.correlations?.matrix ?? []
        let rowStart = target * state.instruments.count
        let grouping = !matrix.isEmpty
        /// How instrument `index` counts towards the target's correlated group: 1, -1 or 0 (NaN: unknown).
        func groupSign(_ index: Int) -> Double {
            if index == target { return 1 }
            guard grouping else { return 0 }
            let correlation = matrix[rowStart + index]
            return correlation >= threshold ? 1 : correlation <= -threshold ? -1 : 0
        }
        func worstSigned(_ index: Int) -> Int128 {
            if index == target { return worst(held, afterBuys, afterSells) }
            let working = pending.first { $0.instrument == index }
            return worst(
                state.portfolio.signedQuantityRaw(InstrumentIndex(index)),
                working?.buys ?? 0,
                working?.sells ?? 0
            )
        }
        // A fast estimate in Double: the exact sums are only needed near a limit.
        var grossEstimate = 0.0
        var netEstimate = 0.0
        var groupEstimate = 0.0
        var open = 0
        var positionAfter: Int128 = 0
        forEachMember { index in
            let signed = worstSigned(index)
            guard signed != 0 else { return }
            let definition = state.instruments[index]
            let value: Double
            if index == target {
                positionAfter = definition.notional(of: Quantity(raw: abs(signed)), at: price).raw
                value = FixedPoint.toDoubleApproximately(positionAfter)
            } else {
                let mark = state.market.markEstimate(InstrumentIndex(index))
                guard mark > 0 else { return }
                let multiplier =
                    definition.contractMultiplier == .one
                    ? 1 : FixedPoint.toDoubleApproximately(definition.contractMultiplier.raw)
                value = abs(FixedPoint.toDoubleApproximately(signed)) * mark * multiplier
            }
            grossEstimate += value
            netEstimate += signed > 0 ? value : -value
            if grouping || index == target { groupEstimate += groupSign(index) * (signed > 0 ? value : -value) }
            open += 1
        }
        /// |signed| at the instrument's last price (the order's price for the order's instrument), exact.
        func exactNotional(_ index: Int, _ signed: Int128) -> Int128? {
            let mark: Price
            if index == target {
                mark = price
            } else {
                guard let known = state.market.lastPrice(InstrumentIndex(index)) else { return nil }
                mark = known
            }
            return state.instruments[index].notional(of: Quantity(raw: abs(signed)), at: mark).raw
        }
        /// The exact sums, in the account currency, with each position at its last price.
        func exactSum(_ weight: (Int) -> Int128) -> Int128 {
            var total: Int128 = 0
            forEachMember { index in
                let signed = worstSigned(index)
                let factor = weight(index)
                guard signed != 0, factor != 0, let value = exactNotional(index, signed) else { return }
                total += factor * (signed > 0 ? value : -value)
            }
            return total
        }
        /// Σ |position notional|, exact.
        func grossExact() -> Int128 {
            var total: Int128 = 0
            forEachMember { index in
                let signed = worstSigned(index)
                guard signed != 0, let value = exactNotional(index, signed) else { return }
                total += value
            }
            return total
        }
        /// Whether `estimate` (or, near the limit, `exact()`) is above `limit`; the exact value when it is.
        func exceeds(_ estimate: Double, _ limit: Int128, exact: () -> Int128) -> Int128? {
            let bound = FixedPoint.toDoubleApproximately(limit)
            let margin = 1e-9 * max(abs(estimate), abs(bound), grossEstimate)
            if estimate < bound - margin { return nil }
            let value = exact()
            return value > limit ? value : nil
        }
        let currency = state.portfolio.accountCurrency
        if let limit = maximumPositionNotional, positionAfter > limit.raw {
            return .policy(
                code: "position_notional",
                message:
                    "position notional after the order \(Money(raw: positionAfter, currency: currency)) exceeds \(limit)"
            )
        }
        if let limit = maximumGrossExposure, let gross = exceeds(grossEstimate, limit.raw, exact: grossExact) {
            return .policy(
                code: "gross_exposure",
                message: "gross exposure after the order \(Money(raw: gross, currency: currency)) exceeds \(limit)"
            )
        }
        if let limit = maximumNetExposure,
            let net = exceeds(abs(netEstimate), limit.raw, exact: { abs(exactSum { _ in 1 }) })
        {
            return .policy(
                code: "net_exposure",
                message: "net exposure after the order \(Money(raw: net, currency: currency)) exceeds \(limit)"
            )
        }
        if let limit = maximumLeverage {
            let equityEstimate = state.equityEstimate
            let estimate = equityEstimate > 0 ? grossEstimate / equityEstimate : .infinity
            let bound = limit.doubleValue
            if estimate.isInfinite || estimate >= bound * (1 - 1e-9) {
                let equity = state.equity
                guard equity.raw > 0 else {
                    return .policy(code: "leverage", message: "equity \(equity) is not positive")
                }
                let leverage = Ratio(raw: FixedPoint.divide(grossExact(), equity.raw, rounding: .up))
                if leverage > limit {
                    return .policy(code: "leverage", message: "leverage after the order \(leverage)× exceeds \(limit)×")
                }
            }
        }
        if let limit = maximumOpenPositions, open > limit {
            return .policy(
                code: "open_positions",
                message: "\(open) open positions after the order; the limit is \(limit)"
            )
        }
        if let limit = maximumCorrelatedExposure,
            let group = exceeds(abs(groupEstimate), limit.raw, exact: { abs(exactSum { Int128(groupSign($0)) }) })
        {
            return .policy(
                code: "correlated_exposure",
                message:
                    "exposure correlated with \(state.instruments[target].id) after the order \(Money(raw: group, currency: currency)) exceeds \(limit)"
            )
        }
        return nil
    }

    private var hasExposureLimits: Bool {
        maximumPositionNotional != nil || maximumGrossExposure != nil || maximumNetExposure != nil
            || maximumLeverage != nil
            || maximumOpenPositions != nil || maximumCorrelatedExposure != nil
    }

    private func percent(_ ratio: Ratio) -> String {
        "\(ratio.multiplied(by: Ratio(100), rounding: .toNearestOrEven)) %"
    }
}
