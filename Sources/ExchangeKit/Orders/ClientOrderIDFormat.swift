public import TradingCore

/// The client order ID a venue receives for an engine order: a pure function of the engine's ID (itself
/// derived from the bot and its intent sequence, ``ClientOrderID/init(strategy:sequence:)``), so that an
/// order whose outcome is unknown can always be looked up by it after a crash.
///
/// | venue | rule | Omega sends |
/// | --- | --- | --- |
/// | Binance | `^[.A-Z:/a-z0-9_-]{1,36}$` | the engine ID as it is |
/// | Bybit | up to 36 of letters, digits, `-`, `_` | the engine ID as it is |
/// | Bitget | up to 40 of letters, digits, `-`, `_`, `#` | the engine ID as it is |
/// | OKX | 1 to 32 letters and digits | the letters and digits of the engine ID (up to 22), then 10 hex digits of its FNV-1a hash |
///
/// An engine ID with a character the venue refuses is sent in the OKX form on every venue. The hash keeps
/// two IDs that differ only in punctuation apart (`O-1-2x` and `O-12-x`).
public enum ClientOrderIDFormat {
    /// The ID to send to `exchange` for `id`.
    public static func venueID(for id: ClientOrderID, on exchange: ExchangeName) -> String {
        venueID(for: id.value, on: exchange)
    }

    /// The ID to send to `exchange` for an engine ID's text.
    public static func venueID(for text: String, on exchange: ExchangeName) -> String {
        switch exchange {
        case .binance:
            if text.count <= 36, text.utf8.allSatisfy({ isAlphanumeric($0) || ".:/_-".utf8.contains($0) }) {
                return text
            }
        case .bybit:
            if text.count <= 36, text.utf8.allSatisfy({ isAlphanumeric($0) || "_-".utf8.contains($0) }) { return text }
        case .bitget:
            if text.count <= 40, text.utf8.allSatisfy({ isAlphanumeric($0) || "_-#".utf8.contains($0) }) { return text }
        case .okx:
            break
        }
        return alphanumeric(text)
    }

    /// Whether `text` is a valid client order ID on `exchange`.
    public static func isValid(_ text: String, on exchange: ExchangeName) -> Bool {
        guard !text.isEmpty else { return false }
        switch exchange {
        case .binance:
            return text.count <= 36 && text.utf8.allSatisfy { isAlphanumeric($0) || ".:/_-".utf8.contains($0) }
        case .bybit: return text.count <= 36 && text.utf8.allSatisfy { isAlphanumeric($0) || "_-".utf8.contains($0) }
        case .bitget: return text.count <= 40 && text.utf8.allSatisfy { isAlphanumeric($0) || "_-#".utf8.contains($0) }
        case .okx: return text.count <= 32 && text.utf8.allSatisfy(isAlphanumeric)
        }
    }

    static func alphanumeric(_ text: String) -> String {
        let kept = String(decoding: text.utf8.filter(isAlphanumeric).prefix(22), as: UTF8.self)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash >> 24, radix: 16)
        return kept + String(repeating: "0", count: max(0, 10 - hex.count)) + hex
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
