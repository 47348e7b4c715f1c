/// Why an instrument definition was rejected; names the offending field.
public struct InstrumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public let instrument: String
    public let field: String
    public let reason: String

    public init(instrument: String, field: String, reason: String) {
        self.instrument = instrument
        self.field = field
        self.reason = reason
    }

    public var description: String { "instrument \(instrument): field '\(field)': \(reason)" }
}

/// Why a price, quantity or notional does not fit an instrument's grid and limits.
public enum InstrumentViolation: Sendable, Hashable, CustomStringConvertible {
    case nonPositivePrice(Price)
    case offTickGrid(Price, tickSize: Price)
    case zeroQuantity
    case offLotGrid(Quantity, lotStep: Quantity)
    case belowMinimumQuantity(Quantity, minimum: Quantity)
    case aboveMaximumQuantity(Quantity, maximum: Quantity)
    case belowMinimumNotional(Money, minimum: Money)

    public var description: String {
        switch self {
        case .nonPositivePrice(let price): "price \(price) is not positive"
        case .offTickGrid(let price, let tick): "price \(price) is not a multiple of the tick size \(tick)"
        case .zeroQuantity: "quantity is zero"
        case .offLotGrid(let quantity, let step): "quantity \(quantity) is not a multiple of the lot step \(step)"
        case .belowMinimumQuantity(let quantity, let minimum): "quantity \(quantity) is below the minimum \(minimum)"
        case .aboveMaximumQuantity(let quantity, let maximum): "quantity \(quantity) is above the maximum \(maximum)"
        case .belowMinimumNotional(let notional, let minimum): "notional \(notional) is below the minimum \(minimum)"
        }
    }
}
