import ExchangeKit
import Foundation
import Testing

/// Compares a built request with a vector case's `expected_url`, `expected_body` and `expected_headers`.
///
/// A case captured with credentials and a clock must match byte for byte: the query and body text (so the
/// parameter order too) and every header, signature included. A transcribed ccxt static case compares the
/// path, the query as a set and the parsed body, each without its `skip_keys`.
enum RequestComparison {
    static func check(
        _ request: VenueRequest,
        against vector: VectorCase,
        sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        let expectedURL = try vector.string("expected_url")
        guard let url = URLComponents(string: expectedURL) else { throw VectorError("bad expected_url \(expectedURL)") }
        #expect(request.path == url.percentEncodedPath, sourceLocation: sourceLocation)
        let expectedQuery = url.percentEncodedQuery ?? ""
        var skip = Set(vector["skip_keys"] as? [String] ?? [])
        // A case may note a parameter the current client adds ("ccxt 4.5.90 additionally sends limit=200;
        // otherwise equal"): that parameter is left out of the comparison, as the case says.
        if let note = vector["note"] as? String, let range = note.range(of: "additionally sends ") {
            skip.insert(String(note[range.upperBound...].prefix { $0 != "=" }))
        }
        if let method = (vector["http_method"] ?? vector["http_method_observed"]) as? String {
            #expect(request.method.rawValue == method, sourceLocation: sourceLocation)
        }
        if vector["clock_ms"] != nil {
            #expect(request.query == expectedQuery, sourceLocation: sourceLocation)
            #expect(request.body == expectedBodyText(vector["expected_body"]), sourceLocation: sourceLocation)
            let expectedHeaders = vector["expected_headers"] as? [String: String] ?? [:]
            let headers = Dictionary(
                request.headers.map { ($0.name, $0.value) },
                uniquingKeysWith: { first, _ in first }
            )
            #expect(headers == expectedHeaders, sourceLocation: sourceLocation)
        } else {
            #expect(formPairs(request.query, skip) == formPairs(expectedQuery, skip), sourceLocation: sourceLocation)
            let expectedBody = vector["expected_body"]
            if let object = expectedBody as? [String: Any] {
                #expect(jsonObject(request.body, skip) == canonical(object, skip), sourceLocation: sourceLocation)
            } else if let text = expectedBody as? String, text.hasPrefix("{") || text.hasPrefix("[") {
                #expect(jsonObject(request.body, skip) == jsonObject(text, skip), sourceLocation: sourceLocation)
            } else if let text = expectedBody as? String {
                #expect(formPairs(request.body, skip) == formPairs(text, skip), sourceLocation: sourceLocation)
            } else {
                #expect(request.body.isEmpty, sourceLocation: sourceLocation)
            }
        }
    }

    static func expectedBodyText(_ value: Any?) -> String {
        if let text = value as? String { return text }
        return ""
    }

    /// `a=1&b=2` as a set of pairs, less the skipped names.
    static func formPairs(_ text: String, _ skip: Set<String>) -> Set<String> {
        Set(
            text.split(separator: "&").compactMap { pair -> String? in
                let name = String(pair.split(separator: "=", maxSplits: 1).first ?? "")
                return skip.contains(name) ? nil : String(pair)
            }
        )
    }

    /// A JSON text (object, or array of objects) as canonical text with the skipped keys dropped.
    static func jsonObject(_ text: String, _ skip: Set<String>) -> String {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return "not JSON: \(text)" }
        return canonical(value, skip)
    }

    static func canonical(_ value: Any, _ skip: Set<String>) -> String {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { !skip.contains($0.key) }.mapValues(strip)
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let data = (try? JSONSerialization.data(withJSONObject: strip(value), options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
