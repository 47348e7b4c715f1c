/// The venues Omega connects to. Binance covers spot and USD-M futures, Bybit v5 spot, linear and inverse,
/// OKX v5 spot and swaps, Bitget v2 spot and USDT-M futures; a market's symbol picks the product.
public enum ExchangeName: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case binance
    case bybit
    case okx
    case bitget

    public var description: String { rawValue }

    /// The prefix of the environment variables that hold this venue's keys: `OMEGA_BINANCE_`.
    public var environmentPrefix: String { "OMEGA_\(rawValue.uppercased())_" }
}
