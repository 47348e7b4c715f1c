public import TradingCore

/// A new order in the venue-neutral form the CLI and the runtime hand to an adapter.
///
/// The adapter puts ``amount`` and the prices on the market's grid and maps the kind, time in force and
/// flags to the venue's fields; the request it sends is shown back to the user.
public struct OrderRequest: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case market
        case limit
        /// A market order once the trigger price trades.
        case stopMarket = "stop-market"
        /// A limit order at ``OrderRequest/price`` once the trigger price trades.
        case stopLimit = "stop-limit"
        /// A market order once the take-profit trigger trades.
        case takeProfit = "take-profit"
        /// A limit order once the take-profit trigger trades.
        case takeProfitLimit = "take-profit-limit"

        /// Whether the order waits for a trigger price (a conditional or algo order).
        public var isConditional: Bool { self != .market && self != .limit }
        /// Whether the order carries a limit price.
        public var hasLimitPrice: Bool { self == .limit || self == .stopLimit || self == .takeProfitLimit }
    }

    public var symbol: String
    public var side: OrderSide
    public var kind: Kind
    /// In the market's unit (base currency, or contracts on OKX swaps).
    public var amount: Quantity
    public var price: Price?
    public var triggerPrice: Price?
    /// `gtc`, `ioc` or `fok`; post-only is ``postOnly``.
    public var timeInForce: TimeInForce
    public var postOnly: Bool
    public var reduceOnly: Bool
    /// The client order ID the venue will know the order by; always set by the runtime
    /// (see ``ClientOrderIDFormat``).
    public var clientOrderID: String?

    public init(
        symbol: String,
        side: OrderSide,
        kind: Kind,
        amount: Quantity,
        price: Price? = nil,
        triggerPrice: Price? = nil,
        timeInForce: TimeInForce = .gtc,
        postOnly: Bool = false,
        reduceOnly: Bool = false,
        clientOrderID: String? = nil
    ) {
        self.symbol = symbol
        self.side = side
        self.kind = kind
        self.amount = amount
        self.price = price
        self.triggerPrice = triggerPrice
        self.timeInForce = timeInForce
        self.postOnly = postOnly
        self.reduceOnly = reduceOnly
        self.clientOrderID = clientOrderID
    }

    /// Checks the fields against each other and the market: prices where the kind needs them, a
    /// positive amount on the grid, reduce-only only on a perpetual.
    /// - Throws: ``OrderRequestError`` naming the field.
    public func validated(for market: VenueMarket) throws(OrderRequestError) -> OrderRequest {
        var order = self
        // Post-only given as a time in force is the post-only flag on a good-till-cancelled order.
        if order.timeInForce == .postOnly {
            order.timeInForce = .gtc
            order.postOnly = true
        }
        order.amount = market.round(amount: amount)
        guard amount.raw > 0 else { throw OrderRequestError(field: "amount", "must be positive") }
        guard order.amount.raw > 0 else {
            throw OrderRequestError(
                field: "amount",
                "\(amount) is below the lot step \(market.lotStep) of \(market.symbol)"
            )
        }
        if kind.hasLimitPrice {
            guard let price, price.raw > 0 else {
                throw OrderRequestError(field: "price", "a \(kind.rawValue) order needs a positive price")
            }
            order.price = market.round(price: price)
        } else if price != nil {
            throw OrderRequestError(field: "price", "a \(kind.rawValue) order takes no price")
        }
        if kind.isConditional {
            guard let triggerPrice, triggerPrice.raw > 0 else {
                throw OrderRequestError(field: "stop-price", "a \(kind.rawValue) order needs a positive stop price")
            }
            order.triggerPrice = market.round(price: triggerPrice)
        } else if triggerPrice != nil {
            throw OrderRequestError(field: "stop-price", "a \(kind.rawValue) order takes no stop price")
        }
        if reduceOnly && !market.isContract {
            throw OrderRequestError(field: "reduce-only", "\(market.symbol) is spot: only perpetuals reduce a position")
        }
        if order.postOnly && kind != .limit {
            throw OrderRequestError(field: "post-only", "only a limit order can be post-only")
        }
        if order.postOnly && order.timeInForce != .gtc {
            throw OrderRequestError(field: "tif", "a post-only order rests: it cannot also be \(order.timeInForce)")
        }
        return order
    }
}

/// An order the adapter will not send, naming the field at fault.
public struct OrderRequestError: Error, Sendable, CustomStringConvertible {
    public let field: String
    public let reason: String

    public init(field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
