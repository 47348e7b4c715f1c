/// Why decimal text could not be read as an exact fixed-point value.
public enum DecimalParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text was empty or held only a sign.
    case empty
    /// A character that is not part of a decimal number, at the given offset.
    case invalidCharacter(offset: Int)
    /// More than 18 digits after the decimal point (after applying any exponent).
    case tooPrecise
    /// The value does not fit the fixed-point range (about ±1.7 × 10²⁰).
    case outOfRange
    /// A negative value where only zero or positive values are allowed (quantities).
    case negative

    public var description: String {
        switch self {
        case .empty: "empty number"
        case .invalidCharacter(let offset): "invalid character at offset \(offset)"
        case .tooPrecise: "more than 18 decimal places"
        case .outOfRange: "number out of range"
        case .negative: "negative value where only zero or positive values are allowed"
        }
    }
}
