extension Instrument {
    /// Whether `price` is positive and on the tick grid; the violation otherwise.
    public func validate(price: Price) -> InstrumentViolation? {
        guard price.raw > 0 else { return .nonPositivePrice(price) }
        guard price.raw % tickSize.raw == 0 else { return .offTickGrid(price, tickSize: tickSize) }
        return nil
    }

    /// Whether `quantity` is on the lot grid and within the minimum and maximum; the violation otherwise.
    public func validate(quantity: Quantity) -> InstrumentViolation? {
        guard quantity.raw > 0 else { return .zeroQuantity }
        guard quantity.raw % lotStep.raw == 0 else { return .offLotGrid(quantity, lotStep: lotStep) }
        guard quantity >= minQuantity else { return .belowMinimumQuantity(quantity, minimum: minQuantity) }
        if let maxQuantity, quantity > maxQuantity {
            return .aboveMaximumQuantity(quantity, maximum: maxQuantity)
        }
        return nil
    }

    /// Whether the notional of `quantity` at `price` reaches the minimum notional.
    public func validate(quantity: Quantity, at price: Price) -> InstrumentViolation? {
        let value = notional(of: quantity, at: price)
        guard value >= minNotional else { return .belowMinimumNotional(value, minimum: minNotional) }
        return nil
    }

    /// `price` rounded to a multiple of the tick size by `rounding`.
    public func round(price: Price, rounding: RoundingRule = .toNearestOrEven) -> Price {
        Price(raw: FixedPoint.round(price.raw, toMultipleOf: tickSize.raw, rounding: rounding))
    }

    /// `quantity` rounded to a multiple of the lot step by `rounding` (down by default, so an order never
    /// asks for more than intended).
    public func round(quantity: Quantity, rounding: RoundingRule = .down) -> Quantity {
        Quantity(raw: FixedPoint.round(quantity.raw, toMultipleOf: lotStep.raw, rounding: rounding))
    }

    /// `quantity × price × contractMultiplier` in the quote currency, rounded half to even once.
    public func notional(of quantity: Quantity, at price: Price) -> Money {
        var raw = FixedPoint.multiply(quantity.raw, price.raw, rounding: .toNearestOrEven)
        if contractMultiplier != .one {
            raw = FixedPoint.multiply(raw, contractMultiplier.raw, rounding: .toNearestOrEven)
        }
        return Money(raw: raw, currency: quote)
    }

    /// A price as text with the instrument's price precision.
    public func format(price: Price) -> String { price.formatted(decimals: pricePrecision) }

    /// A quantity as text with the instrument's quantity precision.
    public func format(quantity: Quantity) -> String { quantity.formatted(decimals: quantityPrecision) }
}
