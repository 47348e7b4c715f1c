/// `application/x-www-form-urlencoded` text in the order the parameters were added, as Binance reads it and
/// as ccxt and python-binance write it: letters, digits and `-_.~` stay, a space becomes `+`, every other
/// byte of the UTF-8 text becomes `%XX` (upper-case hex). Binance signs this text, so non-ASCII symbols are
/// encoded before signing.
public struct FormEncoding: Sendable, Hashable {
    public private(set) var pairs: [(name: String, value: String)] = []

    public init() {}

    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { append(name, value) }
    }

    public mutating func append(_ name: String, _ value: String) { pairs.append((name, value)) }

    /// Appends `value` if it is not `nil`.
    public mutating func append(_ name: String, _ value: String?) {
        if let value { pairs.append((name, value)) }
    }

    public var isEmpty: Bool { pairs.isEmpty }

    /// The encoded text, `a=1&b=2`.
    public var encoded: String {
        pairs.map { "\(Self.escape($0.name))=\(Self.escape($0.value))" }.joined(separator: "&")
    }

    /// `text` with form escaping (see the type's description).
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func == (lhs: FormEncoding, rhs: FormEncoding) -> Bool { lhs.encoded == rhs.encoded }
    public func hash(into hasher: inout Hasher) { hasher.combine(encoded) }
}
