/// An error as Binance answers it: an HTTP status and `{"code": …, "msg": …}` with Binance's code and text.
public struct BinanceError: Error, Sendable, Hashable {
    public let status: Int
    public let code: Int
    public let message: String

    public init(status: Int = 400, code: Int, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// -1100: a parameter holds characters it may not.
    public static func illegalCharacters(_ name: String) -> BinanceError {
        BinanceError(
            code: -1100,
            message: "Illegal characters found in parameter '\(name)'; legal range is '^[A-Z0-9-_.]{1,20}$'."
        )
    }

    /// -1101: a parameter sent twice.
    public static func duplicate(_ name: String) -> BinanceError {
        BinanceError(code: -1101, message: "Duplicate values for parameter '\(name)'.")
    }

    /// -1102: a mandatory parameter missing or empty.
    public static func mandatory(_ name: String) -> BinanceError {
        BinanceError(
            code: -1102,
            message: "Mandatory parameter '\(name)' was not sent, was empty/null, or malformed."
        )
    }

    /// -1100 for a number that does not parse (Binance's answer to `limit=abc`).
    public static func notANumber(_ name: String) -> BinanceError {
        BinanceError(
            code: -1100,
            message: "Illegal characters found in parameter '\(name)'; legal range is '^[0-9]{1,20}$'."
        )
    }

    /// -1120: an interval Binance does not have.
    public static let invalidInterval = BinanceError(code: -1120, message: "Invalid interval.")

    /// -1121: a symbol not listed.
    public static let invalidSymbol = BinanceError(code: -1121, message: "Invalid symbol.")

    /// -1130: a parameter value out of range (`limit`).
    public static func invalidValue(_ name: String) -> BinanceError {
        BinanceError(code: -1130, message: "Data sent for parameter '\(name)' is not valid.")
    }

    /// 404 for a path Binance does not serve (Binance answers an empty body; the sim says which path).
    public static func notFound(_ path: String) -> BinanceError {
        BinanceError(status: 404, code: -1000, message: "Unknown path '\(path)'.")
    }
}
