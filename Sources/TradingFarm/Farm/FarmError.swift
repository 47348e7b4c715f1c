import TradingCore

/// A farm that cannot be built or run: the message names the configuration path, file or bot.
public struct FarmError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { ErrorText.clipped(message) }
}
