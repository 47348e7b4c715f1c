import TradingCore

/// A store that cannot be opened, read or written, or an import that was refused.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { ErrorText.clipped(message) }
}
