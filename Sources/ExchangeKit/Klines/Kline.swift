/// One candle as an exchange sent it: open time in Unix milliseconds, numbers as the exchange's decimal text.
public struct Kline: Sendable, Hashable {
    public let openTime: Int64
    public let open: String
    public let high: String
    public let low: String
    public let close: String
    public let volume: String

    public init(openTime: Int64, open: String, high: String, low: String, close: String, volume: String) {
        self.openTime = openTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}

/// A bar length a kline endpoint understands, in minutes (calendar months are `months`).
public enum KlineInterval: Sendable, Hashable {
    case minutes(Int)
    case months(Int)

    /// Parses `1m`, `15m`, `1h`, `4h`, `1d`, `1w`, `1M`.
    public init?(_ text: String) {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0 else { return nil }
        switch unit {
        case "m": self = .minutes(count)
        case "h": self = .minutes(count * 60)
        case "d": self = .minutes(count * 1_440)
        case "w": self = .minutes(count * 10_080)
        case "M": self = .months(count)
        default: return nil
        }
    }

    /// The bar length in ms (31 days for a month, an upper bound used only to size request windows).
    public var milliseconds: Int64 {
        switch self {
        case .minutes(let n): Int64(n) * 60_000
        case .months(let n): Int64(n) * 31 * 86_400_000
        }
    }
}

/// One exchange's public kline endpoint: how to ask for a window of bars and how to read the answer.
public protocol KlineVenue: Sendable {
    var name: String { get }
    /// The production base URL.
    var defaultBaseURL: String { get }
    /// Bars per request.
    var pageSize: Int { get }
    /// Request weight against ``rateLimit``.
    var weight: Int { get }
    /// The public limit: weight per window.
    var rateLimit: (capacity: Int, window: Duration) { get }
    /// The used-weight header and its per-window limit, if the exchange sends one.
    var usedWeightHeader: (name: String, limit: Int)? { get }

    /// The exchange's code for a bar length, or `nil` if it has none.
    func intervalCode(_ interval: KlineInterval) -> String?
    /// The URL for bars opening in `[start, end)` (ms).
    func url(base: String, symbol: String, interval: String, start: Int64, end: Int64) -> String
    /// The bars of a response, in any order.
    func parse(_ body: [UInt8]) throws -> [Kline]
}

/// The venues by name.
public enum KlineVenues {
    public static let all: [any KlineVenue] = [
        BinanceKlines(futures: false), BinanceKlines(futures: true), BybitKlines(), OKXKlines(), BitgetKlines(),
    ]

    public static func venue(named name: String) -> (any KlineVenue)? { all.first { $0.name == name.lowercased() } }

    public static var names: [String] { all.map(\.name) }
}
