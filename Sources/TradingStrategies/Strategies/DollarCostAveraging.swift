public import TradingCore
public import TradingEngine
import TradingIndicators

/// Dollar-cost averaging with safety orders, as DCA bots do: a market base order, then `safety_orders`
/// resting buys below it, the k-th at a drop of `deviation × (1 + s + … + s^(k−1))` (s = `step_scale`) and
/// sized `volume_scale^k` times the base; a reduce-only take-profit sells the whole position at
/// `take_profit` above its average entry and is moved after each safety fill. When it fills, the remaining
/// safety orders are cancelled and a new cycle starts at the next bar. Long only.
public struct DollarCostAveraging: Strategy, SpecializedStrategy {
    public let id: StrategyID
    public let subscriptions: [InstrumentID]
    let baseFraction: Double
    let safetyCount: Int
    let deviation: Double
    let stepScale: Double
    let volumeScale: Double
    let takeProfit: Double
    private var instrument: InstrumentIndex?
    private var baseOrder: ClientOrderID?
    /// Resting safety orders, in placement order (an array, so cancelling them is deterministic).
    private var safetyOrders: [ClientOrderID] = []
    private var takeProfitOrder: ClientOrderID?
    private var inCycle = false

    static let descriptor = StrategyDescriptor(
        name: "dca",
        summary: "Dollar-cost averaging: a base order, safety orders on the way down, one take-profit on the average",
        parameters: [
            StrategyParameter(
                name: "base",
                kind: .decimal(0.001...1),
                defaultValue: "0.04",
                summary: "base order, fraction of equity (the whole ladder must fit in 98 % of equity)"
            ),
            StrategyParameter(
                name: "safety_orders",
                kind: .integer(0...50),
                defaultValue: "5",
                summary: "number of safety orders"
            ),
            StrategyParameter(
                name: "deviation",
                kind: .decimal(0.0001...0.5),
                defaultValue: "0.01",
                summary: "drop from the base price to the first safety order (fraction)"
            ),
            StrategyParameter(
                name: "step_scale",
                kind: .decimal(0.5...5),
                defaultValue: "1.5",
                summary: "each step's drop grows by this factor"
            ),
            StrategyParameter(
                name: "volume_scale",
                kind: .decimal(0.5...5),
                defaultValue: "1.5",
                summary: "each safety order's size grows by this factor"
            ),
            StrategyParameter(
                name: "take_profit",
                kind: .decimal(0.0005...1),
                defaultValue: "0.015",
                summary: "take profit above the average entry (fraction)"
            ),
        ],
        validate: { values in
            var drop = 0.0
            var step = values.decimal("deviation")
            var size = 1.0
            var total = 1.0
            for _ in 0..<values.integer("safety_orders") {
                drop += step
                step *= values.decimal("step_scale")
                size *= values.decimal("volume_scale")
                total += size
            }
            // Whole percents of parameters that may be absurd (1e300, NaN): never converted when out of range.
            func percent(_ value: Double) -> String {
                let scaled = (value * 100).rounded()
                return scaled.isFinite && abs(scaled) < 1e12 ? String(Int(scaled)) : String(scaled)
            }
            if drop >= 1 { return "the deepest safety order would be \(percent(drop)) % below the base price" }
            let committed = total * values.decimal("base")
            return committed <= 0.98
                ? nil
                : "the base order and its safety orders would commit \(percent(committed)) % of equity; at most 98 %"
        },
        make: { id, instrument, values in DollarCostAveraging(id: id, instrument: instrument, values: values) }
    )

    public init(id: StrategyID, instrument: InstrumentID, values: ParameterValues) {
        self.id = id
        subscriptions = [instrument]
        baseFraction = values.decimal("base")
        safetyCount = values.integer("safety_orders")
        deviation = values.decimal("deviation")
        stepScale = values.decimal("step_scale")
        volumeScale = values.decimal("volume_scale")
        takeProfit = values.decimal("take_profit")
    }

    public mutating func onStart(context: inout StrategyContext) {
        instrument = context.index(of: subscriptions[0])
    }

    public mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        guard let instrument, !inCycle, context.signedPositionRaw(instrument) == 0 else { return }
        let amount = context.equity.doubleValue * baseFraction
        guard let raw = Quantity(approximating: amount / bar.closeValue) else { return }
        let quantity = context.instrument(instrument).round(quantity: raw, rounding: .down)
        guard quantity.raw > 0 else { return }
        inCycle = true
        baseOrder = context.submit(.market(instrument, .buy, .base(quantity), tag: "dca_base"))
    }

    /// It acts only on orders that have closed.
    public var orderUpdateInterest: OrderUpdateInterest { .closing }

    public mutating func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {
        guard update.status.isClosed, update.status != .filled else { return }
        let id = update.clientOrderID
        safetyOrders.removeAll { $0 == id }
        if id == takeProfitOrder { takeProfitOrder = nil }
        if id == baseOrder {
            // The base order was refused: try again next bar.
            baseOrder = nil
            inCycle = false
        }
    }

    public mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        guard let instrument, let update, update.status == .filled else { return }
        let id = update.clientOrderID
        if id == baseOrder {
            baseOrder = nil
            placeSafetyOrders(base: fill.price.doubleValue, quantity: update.filledQuantity, context: &context)
            moveTakeProfit(context: &context)
        } else if let position = safetyOrders.firstIndex(of: id) {
            safetyOrders.remove(at: position)
            moveTakeProfit(context: &context)
        } else if id == takeProfitOrder {
            takeProfitOrder = nil
            for order in safetyOrders { context.cancel(order) }
            safetyOrders.removeAll()
            inCycle = context.signedPositionRaw(instrument) != 0
        }
    }

    private mutating func placeSafetyOrders(base: Double, quantity: Quantity, context: inout StrategyContext) {
        guard let instrument else { return }
        let definition = context.instrument(instrument)
        var drop = 0.0
        var step = deviation
        var size = quantity.doubleValue
        for _ in 0..<safetyCount {
            drop += step
            step *= stepScale
            size *= volumeScale
            guard let price = Price(approximating: base * (1 - drop)), let amount = Quantity(approximating: size) else {
                continue
            }
            let limit = definition.round(price: price, rounding: .down)
            let rounded = definition.round(quantity: amount, rounding: .down)
            guard limit.raw > 0, rounded.raw > 0 else { continue }
            safetyOrders.append(context.submit(.limit(instrument, .buy, rounded, price: limit, tag: "dca_safety")))
        }
    }

    /// Replaces the take-profit with one for the whole position at its current average entry.
    private mutating func moveTakeProfit(context: inout StrategyContext) {
        guard let instrument, let position = context.position(instrument), position.isOpen,
            let average = position.averageEntryPrice,
            let target = Price(approximating: average.doubleValue * (1 + takeProfit))
        else { return }
        if let existing = takeProfitOrder { context.cancel(existing) }
        let price = context.instrument(instrument).round(price: target, rounding: .up)
        takeProfitOrder = context.submit(
            .limit(instrument, .sell, position.quantity, price: price, reduceOnly: true, tag: "dca_take_profit")
        )
    }
}
