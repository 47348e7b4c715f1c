import Foundation

/// The success envelope of Bybit (`retCode` 0), OKX (`code` "0") and Bitget (`code` "00000") replies.
public enum VenueReply {
    /// The reply object once its envelope says success.
    /// - Throws: ``VenueRejection`` carrying the venue's code and message when it does not.
    public static func checked(_ body: [UInt8], venue: String) throws -> [String: Any] {
        guard let root = try JSONBody.object(body) as? [String: Any] else {
            throw ResponseFormatError("\(venue): expected a JSON object")
        }
        let fields = JSONFields(root, venue)
        let code: String
        let message: String
        let success: String
        switch venue {
        case "bybit":
            code = fields.string("retCode") ?? ""
            message = fields.string("retMsg") ?? ""
            success = "0"
        case "bitget":
            code = fields.string("code") ?? ""
            message = fields.string("msg") ?? ""
            success = "00000"
        default:
            code = fields.string("code") ?? ""
            message = fields.string("msg") ?? ""
            success = "0"
        }
        guard code == success else { throw VenueRejection(venue: venue, code: code, message: message) }
        return root
    }
}

/// A reply in which the venue refused the request, with its own code and message.
public struct VenueRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public let venue: String
    public let code: String
    public let message: String

    public init(venue: String, code: String, message: String) {
        self.venue = venue
        self.code = code
        self.message = message
    }

    public var description: String { "\(venue) refused the request: \(code) \(message)" }
}
