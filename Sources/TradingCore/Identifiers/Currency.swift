/// A currency or asset code: `"USDT"`, `"BTC"`, `"ETH"`.
///
/// Codes are 1 to 15 upper-case letters or digits.
public struct Currency: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The code's bytes, inline (codes are at most 15 characters), so that `Money` stays plain data.
    @usableFromInline let storage: (UInt64, UInt64)

    /// - Throws: ``IdentifierError`` unless `code` is 1 to 15 upper-case ASCII letters or digits.
    public init(_ code: String) throws(IdentifierError) {
        guard !code.isEmpty, code.utf8.count <= 15,
            code.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) })
        else {
            throw IdentifierError(kind: "currency", text: code, reason: "expected 1 to 15 upper-case letters or digits")
        }
        var storage: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &storage) { bytes in
            for (index, byte) in code.utf8.enumerated() { bytes[index] = byte }
            bytes[15] = UInt8(code.utf8.count)
        }
        self.storage = storage
    }

    /// The code, such as `"USDT"`.
    public var code: String {
        withUnsafeBytes(of: storage) { bytes in String(decoding: bytes[0..<Int(bytes[15])], as: UTF8.self) }
    }

    @inlinable
    public static func == (lhs: Currency, rhs: Currency) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
    }

    /// For codes known to be valid at compile time. Traps on an invalid code.
    public init(trusted code: StaticString) {
        do {
            try self.init(code.description)
        } catch {
            preconditionFailure("Invariant: \(error)")
        }
    }

    public var description: String { code }
    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }

    public static let usdt = Currency(trusted: "USDT")
    public static let usd = Currency(trusted: "USD")
    public static let btc = Currency(trusted: "BTC")
    public static let eth = Currency(trusted: "ETH")
}
