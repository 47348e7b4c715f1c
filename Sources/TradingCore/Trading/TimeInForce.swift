/// How long an order stays working.
///
/// | value | meaning |
/// | --- | --- |
/// | `gtc` | good till cancelled: rests until filled or cancelled |
/// | `ioc` | immediate or cancel: fills what it can on arrival, the rest is cancelled |
/// | `fok` | fill or kill: fills completely on arrival or is cancelled without any fill |
/// | `postOnly` | rests as a maker order; rejected if it would take liquidity on arrival (Binance `GTX`) |
public enum TimeInForce: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case gtc
    case ioc
    case fok
    case postOnly = "post_only"

    public var description: String { rawValue }
}
