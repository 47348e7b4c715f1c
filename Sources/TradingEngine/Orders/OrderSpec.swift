public import TradingCore

/// How much an order is for.
public enum OrderQuantity: Sendable, Hashable, CustomStringConvertible {
    /// An exact quantity of the base asset (or contracts).
    case base(Quantity)
    /// An amount of the quote currency to commit, fees included; the venue computes the quantity at the
    /// fill price (`amount / (price × (1/leverage + fee))`, rounded down to the lot step). Market orders only.
    case quote(Money)

    /// Whether the order is sized by a quote amount.
    @inlinable
    public var isQuote: Bool {
        if case .quote = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .base(let quantity): "\(quantity)"
        case .quote(let money): "\(money) worth"
        }
    }
}

/// The distance a trailing stop keeps from the best price since it was activated.
public enum TrailingOffset: Sendable, Hashable, CustomStringConvertible {
    /// A fixed price distance.
    case price(Price)
    /// A fraction of the best price, in basis points.
    case basisPoints(Ratio)

    public var description: String {
        switch self {
        case .price(let price): "\(price)"
        case .basisPoints(let bps): "\(bps) bps"
        }
    }
}

/// What a strategy asks for: the fields of a new order. Build one with the static constructors.
public struct OrderSpec: Sendable, Hashable {
    public var instrument: InstrumentIndex
    public var side: OrderSide
    public var type: OrderType
    public var quantity: OrderQuantity
    /// The limit price (limit and stop-limit orders).
    public var price: Price?
    /// The trigger price (stop, stop-limit and take-profit orders).
    public var triggerPrice: Price?
    /// The trailing distance (trailing stops).
    public var trailingOffset: TrailingOffset?
    public var timeInForce: TimeInForce
    /// The order may only reduce an existing position.
    public var reduceOnly: Bool
    /// A free label carried into reports, such as `"entry"` or `"stop_loss"`.
    public var tag: ShortText?

    public init(
        instrument: InstrumentIndex,
        side: OrderSide,
        type: OrderType,
        quantity: OrderQuantity,
        price: Price? = nil,
        triggerPrice: Price? = nil,
        trailingOffset: TrailingOffset? = nil,
        timeInForce: TimeInForce = .gtc,
        reduceOnly: Bool = false,
        tag: ShortText? = nil
    ) {
        self.instrument = instrument
        self.side = side
        self.type = type
        self.quantity = quantity
        self.price = price
        self.triggerPrice = triggerPrice
        self.trailingOffset = trailingOffset
        self.timeInForce = timeInForce
        self.reduceOnly = reduceOnly
        self.tag = tag
    }

    public static func market(
        _ instrument: InstrumentIndex,
        _ side: OrderSide,
        _ quantity: OrderQuantity,
        reduceOnly: Bool = false,
        tag: ShortText? = nil
    ) -> OrderSpec {
        OrderSpec(
            instrument: instrument,
            side: side,
            type: .market,
            quantity: quantity,
            timeInForce: .ioc,
            reduceOnly: reduceOnly,
            tag: tag
        )
    }

    public static func limit(
        _ instrument: InstrumentIndex,
        _ side: OrderSide,
        _ quantity: Quantity,
        price: Price,
        timeInForce: TimeInForce = .gtc,
        reduceOnly: Bool = false,
        tag: ShortText? = nil
    ) -> OrderSpec {
        OrderSpec(
            instrument: instrument,
            side: side,
            type: .limit,
            quantity: .base(quantity),
            price: price,
            timeInForce: timeInForce,
            reduceOnly: reduceOnly,
            tag: tag
        )
    }

    public static func stopMarket(
        _ instrument: InstrumentIndex,
        _ side: OrderSide,
        _ quantity: Quantity,
        trigger: Price,
        reduceOnly: Bool = false,
        tag: ShortText? = nil
    ) -> OrderSpec {
        OrderSpec(
            instrument: instrument,
            side: side,
            type: .stopMarket,
            quantity: .base(quantity),
            triggerPrice: trigger,
            reduceOnly: reduceOnly,
            tag: tag
        )
    }

    public static func stopLimit(
        _ instrument: InstrumentIndex,
        _ side: OrderSide,
        _ quantity: Quantity,
        trigger: Price,
        price: Price,
        timeInForce: TimeInForce = .gtc,
        reduceOnly: Bool = false,
        tag: ShortText? = nil
    ) -> OrderSpec {
        OrderSpec(
            instrument: instrument,
            side: side,
            type: .stopLimit,
            quantity: .base(quantity),
            price: price,
            triggerPrice: trigger,
            timeInForce: timeInForce,
            reduceOnly: reduceOnly,
            tag: tag
        )
    }

    public static func takeProfitMarket(
        _ instrument: InstrumentIndex,
        _ side: OrderSide,
        _ quantity: Quantity,
        trigger: Price,
        reduceOnly: Bool = false,
        tag: ShortText? = nil
    ) -> OrderSpec {
        OrderSpec(
            instrument: instrument,
            side: side,
            type: .takeProfitMarket,
            quantity: .base(quantity),
            triggerPrice: trigger,
            reduceOnly: reduceOnly,
            tag: tag
        )
    }

    public static func trailingStopMarket(
        _ instrument: InstrumentIndex,
        _ side: OrderSide,
        _ quantity: Quantity,
        offset: TrailingOffset,
        reduceOnly: Bool = false,
        tag: ShortText? = nil
    ) -> OrderSpec {
        OrderSpec(
            instrument: instrument,
            side: side,
            type: .trailingStopMarket,
            quantity: .base(quantity),
            trailingOffset: offset,
            reduceOnly: reduceOnly,
            tag: tag
        )
    }

    /// Checks that the fields fit the order type (a limit has a price, a stop a trigger, quote amounts only
    /// on market orders, post-only only on limits). Returns the problem, or `nil`.
    @inlinable @inline(__always)
    public var shapeProblem: String? {
        Self.shapeProblem(
            type: type,
            quantity: quantity,
            price: price,
            triggerPrice: triggerPrice,
            trailingOffset: trailingOffset,
            timeInForce: timeInForce
        )
    }

    /// ``shapeProblem`` of an order with these fields (an ``Order`` asks without building its spec).
    @inlinable @inline(__always)
    static func shapeProblem(
        type: OrderType,
        quantity: OrderQuantity,
        price: Price?,
        triggerPrice: Price?,
        trailingOffset: TrailingOffset?,
        timeInForce: TimeInForce
    ) -> String? {
        // The check is inlined where an order is validated (twice per order: risk and venue); only a
        // problem's text is built out of line. Passing the fields to a called check cost about 150
        // instructions a call.
        guard
            let problem = shapeCheck(
                type: type,
                quantity: quantity,
                price: price,
                triggerPrice: triggerPrice,
                trailingOffset: trailingOffset,
                timeInForce: timeInForce
            )
        else { return nil }
        return problem.message(type: type)
    }

    /// What is wrong with an order's shape, without its text.
    @usableFromInline
    enum ShapeProblem {
        case marketWithPrice, limitWithoutPrice, stopWithoutTrigger, stopLimitIncomplete, trailingWithoutOffset
        case trailingOffsetNotPositive, trailingBasisPointsOutOfRange, quoteSizedNotMarket, quoteAmountNotPositive
        case zeroQuantity, postOnlyNotLimit

        @usableFromInline @inline(never)
        func message(type: OrderType) -> String {
            switch self {
            case .marketWithPrice: "a market order has no price or trigger"
            case .limitWithoutPrice: "a limit order needs a price"
            case .stopWithoutTrigger: "a \(type) order needs a trigger price"
            case .stopLimitIncomplete: "a stop-limit order needs a trigger and a limit price"
            case .trailingWithoutOffset: "a trailing stop needs a trailing offset"
            case .trailingOffsetNotPositive: "the trailing offset must be positive"
            case .trailingBasisPointsOutOfRange: "the trailing offset must be within (0, 10000) bps"
            case .quoteSizedNotMarket: "only market orders can be sized in the quote currency"
            case .quoteAmountNotPositive: "the quote amount must be positive"
            case .zeroQuantity: "the quantity is zero"
            case .postOnlyNotLimit: "only limit orders can be post-only"
            }
        }
    }

    @inlinable @inline(__always)
    static func shapeCheck(
        type: OrderType,
        quantity: OrderQuantity,
        price: Price?,
        triggerPrice: Price?,
        trailingOffset: TrailingOffset?,
        timeInForce: TimeInForce
    ) -> ShapeProblem? {
        switch type {
        case .market:
            if price != nil || triggerPrice != nil { return .marketWithPrice }
        case .limit:
            if price == nil { return .limitWithoutPrice }
        case .stopMarket, .takeProfitMarket:
            if triggerPrice == nil { return .stopWithoutTrigger }
        case .stopLimit:
            if price == nil || triggerPrice == nil { return .stopLimitIncomplete }
        case .trailingStopMarket:
            guard let trailingOffset else { return .trailingWithoutOffset }
            switch trailingOffset {
            case .price(let offset): if offset.raw <= 0 { return .trailingOffsetNotPositive }
            case .basisPoints(let bps):
                if bps.raw <= 0 || bps >= Ratio(10_000) { return .trailingBasisPointsOutOfRange }
            }
        }
        switch quantity {
        case .quote(let money):
            if type != .market { return .quoteSizedNotMarket }
            if money.raw <= 0 { return .quoteAmountNotPositive }
        case .base(let quantity):
            if quantity.raw == 0 { return .zeroQuantity }
        }
        if timeInForce == .postOnly && type != .limit { return .postOnlyNotLimit }
        return nil
    }
}

/// An entry order with a linked stop-loss and take-profit: the exits are placed when the entry fills,
/// for the filled quantity, and one cancelling fill of either exit cancels the other (OCO).
public struct BracketSpec: Sendable, Hashable {
    public var entry: OrderSpec
    /// Trigger price of the reduce-only stop-market exit.
    public var stopLoss: Price?
    /// Price of the reduce-only limit exit.
    public var takeProfit: Price?

    public init(entry: OrderSpec, stopLoss: Price? = nil, takeProfit: Price? = nil) {
        self.entry = entry
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
    }
}
