import Foundation
import TradingCore

/// Binance depth messages: the REST snapshot (`lastUpdateId`, `bids`, `asks`) and the stream's
/// `depthUpdate` event, raw or wrapped by a combined stream (`{"stream":…,"data":{…}}`).
public enum BinanceDepthParsing {
    /// - Throws: ``ResponseFormatError`` naming the field that is missing or not a decimal.
    public static func snapshot(_ body: [UInt8]) throws -> DepthSnapshot {
        guard let root = try JSONBody.object(body) as? [String: Any] else {
            throw ResponseFormatError("depth snapshot: expected a JSON object")
        }
        guard let last = (root["lastUpdateId"] as? NSNumber)?.uint64Value else {
            throw ResponseFormatError("depth snapshot: lastUpdateId missing")
        }
        return DepthSnapshot(
            lastUpdateID: last,
            bids: try levels(root["bids"], "bids"),
            asks: try levels(root["asks"], "asks")
        )
    }

    /// - Throws: ``ResponseFormatError`` for a message that is not a `depthUpdate`.
    public static func diff(_ body: [UInt8]) throws -> DepthDiff {
        guard var event = try JSONBody.object(body) as? [String: Any] else {
            throw ResponseFormatError("depthUpdate: expected a JSON object")
        }
        if let data = event["data"] as? [String: Any] { event = data }
        guard event["e"] as? String == "depthUpdate" else {
            throw ResponseFormatError("depthUpdate: event type is \(event["e"] ?? "missing")")
        }
        guard let first = (event["U"] as? NSNumber)?.uint64Value, let final = (event["u"] as? NSNumber)?.uint64Value
        else { throw ResponseFormatError("depthUpdate: U or u missing") }
        let time = (event["E"] as? NSNumber)?.int64Value ?? 0
        return DepthDiff(
            firstUpdateID: first,
            finalUpdateID: final,
            previousFinalUpdateID: (event["pu"] as? NSNumber)?.uint64Value,
            bids: try levels(event["b"], "b"),
            asks: try levels(event["a"], "a"),
            exchangeTime: Timestamp(milliseconds: time)
        )
    }

    static func levels(_ value: Any?, _ field: String) throws -> [BookLevel] {
        guard let rows = value as? [[Any]] else { throw ResponseFormatError("\(field): expected [[price, size], …]") }
        return try rows.map { row in
            guard row.count >= 2, let price = JSONBody.decimal(row[0]), let size = JSONBody.decimal(row[1]) else {
                throw ResponseFormatError("\(field): a level is not [\"price\", \"size\"]: \(row)")
            }
            do { return BookLevel(price: try Price(price), size: try Quantity(size)) } catch {
                throw ResponseFormatError("\(field): \(price) × \(size) is not a decimal level")
            }
        }
    }
}
