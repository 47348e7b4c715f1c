public import TradingCore
public import TradingEngine
import TradingIndicators

/// A spot price grid: `levels` intervals between `(1 − range)` and `(1 + range)` times the first close,
/// evenly spaced (arithmetic) or by a constant ratio (geometric). It rests a buy limit at every level
/// below the price; when a buy at level i fills it rests a sell of the same quantity at level i + 1, and
/// when that sells it rests the buy at level i again. Each level commits `investment / levels` of the
/// starting equity. Long inventory only; nothing is placed outside the grid.
public struct GridTrading: Strategy, SpecializedStrategy {
    public let id: StrategyID
    public let subscriptions: [InstrumentID]
    let range: Double
    let levelCount: Int
    let geometric: Bool
    let investment: Double
    private var instrument: InstrumentIndex?
    private var prices: [Price] = []
    private var budget = 0.0
    /// Resting orders: their level and side.
    private var resting: [ClientOrderID: (level: Int, side: OrderSide, quantity: Quantity)] = [:]

    static let descriptor = StrategyDescriptor(
        name: "grid",
        summary: "Fixed or geometric price grid: buy limits below the price, each filled buy resells one level up",
        parameters: [
            StrategyParameter(
                name: "range",
                kind: .decimal(0.005...0.9),
                defaultValue: "0.1",
                summary: "the grid spans the first close × (1 ± range)"
            ),
            StrategyParameter(
                name: "levels",
                kind: .integer(2...500),
                defaultValue: "20",
                summary: "intervals in the grid"
            ),
            StrategyParameter(
                name: "spacing",
                kind: .choice(["arithmetic", "geometric"]),
                defaultValue: "arithmetic",
                summary: "equal price steps, or equal percentage steps"
            ),
            StrategyParameter(
                name: "investment",
                kind: .decimal(0.01...1),
                defaultValue: "0.9",
                summary: "fraction of the starting equity committed across the grid"
            ),
        ],
        validate: { _ in nil },
        make: { id, instrument, values in GridTrading(id: id, instrument: instrument, values: values) }
    )

    public init(id: StrategyID, instrument: InstrumentID, values: ParameterValues) {
        self.id = id
        subscriptions = [instrument]
        range = values.decimal("range")
        levelCount = values.integer("levels")
        geometric = values.choice("spacing") == "geometric"
        investment = values.decimal("investment")
    }

    /// The grid's prices for a centre price, lowest first.
    static func levels(center: Double, range: Double, count: Int, geometric: Bool) -> [Double] {
        let low = center * (1 - range)
        let high = center * (1 + range)
        return (0...count).map { index in
            let t = Double(index) / Double(count)
            return geometric ? low * pow(high / low, t) : low + (high - low) * t
        }
    }

    public mutating func onStart(context: inout StrategyContext) {
        instrument = context.index(of: subscriptions[0])
    }

    public mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        guard let instrument, prices.isEmpty else { return }
        let definition = context.instrument(instrument)
        prices = Self.levels(center: bar.closeValue, range: range, count: levelCount, geometric: geometric).compactMap {
            Price(approximating: $0).map { definition.round(price: $0, rounding: .toNearestOrEven) }
        }
        budget = context.equity.doubleValue * investment / Double(levelCount)
        for level in prices.indices.dropLast() where prices[level] < bar.close {
            placeBuy(level, context: &context)
        }
    }

    private mutating func placeBuy(_ level: Int, context: inout StrategyContext) {
        guard let instrument, let raw = Quantity(approximating: budget / prices[level].doubleValue) else { return }
        let quantity = context.instrument(instrument).round(quantity: raw, rounding: .down)
        guard quantity.raw > 0 else { return }
        let id = context.submit(.limit(instrument, .buy, quantity, price: prices[level], tag: "grid_buy"))
        resting[id] = (level, .buy, quantity)
    }

    /// It acts only on orders that have closed.
    public var orderUpdateInterest: OrderUpdateInterest { .closing }

    public mutating func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {
        // A refused or cancelled order frees its level.
        if update.status.isClosed && update.status != .filled { resting[update.clientOrderID] = nil }
    }

    public mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        guard let instrument, let update, update.status == .filled,
            let order = resting.removeValue(forKey: update.clientOrderID)
        else { return }
        if order.side == .buy {
            let next = order.level + 1
            guard next < prices.count else { return }
            let id = context.submit(
                .limit(
                    instrument,
                    .sell,
                    update.filledQuantity,
                    price: prices[next],
                    reduceOnly: true,
                    tag: "grid_sell"
                )
            )
            resting[id] = (next, .sell, update.filledQuantity)
        } else {
            placeBuy(order.level - 1, context: &context)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
