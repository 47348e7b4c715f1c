/// What goes wrong on purpose, and how often: `omega sim --faults SPEC`, or the admin API at runtime.
///
/// The spec is a comma-separated list of `name=value`; probabilities are percentages (`1%`, `0.5%`):
///
/// | name | value | effect |
/// | --- | --- | --- |
/// | `latency` | `5..50ms` | every answer waits a uniformly drawn time first |
/// | `http5xx` | `P%` | an order request (new order or cancel) answers HTTP 500, 502 or 503 with -1000; half of them after the request took effect, half before (drawn per request, recorded) |
/// | `http5xx_before_accept`, `http5xx_after_accept` | `P%` | the same, always before or always after the request took effect |
/// | `timeout_before_accept`, `timeout_after_accept` | `P%` | an order request is held for `hold` and then answered HTTP 503 with -1007 ("execution status unknown"), before or after it took effect |
/// | `hold` | `15s` | how long a timeout holds its answer (default 15 s) |
/// | `reject` | `P%` | a new order is refused with -2010 before it is placed |
/// | `http429` | `P%` | any request answers HTTP 429 with -1003 and `Retry-After: 1` |
/// | `ws_drop` | `every:300s` | user-data and market streams are closed every N seconds of wall time |
/// | `ws_duplicate`, `ws_reorder` | `P%` | a user-data event is sent twice, or swapped with the next one |
/// | `partial_fills` | `on` | orders also match against the synthetic book (20 levels, refreshed with every trade), so market orders walk it and fill in parts, at several prices |
///
/// Draws come from a generator seeded by the sim's `--seed`, in request order, so a run with the same
/// requests in the same order meets the same faults.
public struct FaultSpec: Sendable, Hashable, CustomStringConvertible {
    public var latency: ClosedRange<Int>?
    public var http5xxBefore = 0.0
    public var http5xxAfter = 0.0
    public var timeoutBefore = 0.0
    public var timeoutAfter = 0.0
    public var holdMilliseconds = 15_000
    public var reject = 0.0
    public var http429 = 0.0
    public var wsDropSeconds: Int?
    public var wsDuplicate = 0.0
    public var wsReorder = 0.0
    public var partialFills = false
    /// The spec as given (normalised), for the admin API and the banner.
    public private(set) var text = ""

    public init() {}

    /// No faults.
    public static let none = FaultSpec()

    public var isEmpty: Bool { self == .none }

    public var description: String { text.isEmpty ? "none" : text }

    /// Parses a spec. - Throws: ``FaultSpecError`` naming the entry that is wrong.
    public init(parsing spec: String) throws(FaultSpecError) {
        var parts: [String] = []
        for entry in spec.split(separator: ",", omittingEmptySubsequences: true) {
            let pair = entry.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
            guard pair.count == 2, !pair[1].isEmpty else {
                throw FaultSpecError("'\(entry)': expected name=value")
            }
            let (name, value) = (pair[0], pair[1])
            switch name {
            case "latency": latency = try Self.range(value, entry: name)
            case "http5xx":
                let p = try Self.percent(value, entry: name)
                http5xxBefore += p / 2
                http5xxAfter += p / 2
            case "http5xx_before_accept": http5xxBefore += try Self.percent(value, entry: name)
            case "http5xx_after_accept": http5xxAfter += try Self.percent(value, entry: name)
            case "timeout_before_accept": timeoutBefore = try Self.percent(value, entry: name)
            case "timeout_after_accept": timeoutAfter = try Self.percent(value, entry: name)
            case "hold": holdMilliseconds = try Self.duration(value, entry: name)
            case "reject": reject = try Self.percent(value, entry: name)
            case "http429": http429 = try Self.percent(value, entry: name)
            case "ws_drop":
                guard value.hasPrefix("every:") else {
                    throw FaultSpecError("'\(name)': expected every:Ns, got '\(value)'")
                }
                let seconds = try Self.duration(String(value.dropFirst("every:".count)), entry: name) / 1_000
                guard seconds >= 1 else { throw FaultSpecError("'\(name)': the period must be at least 1 s") }
                wsDropSeconds = seconds
            case "ws_duplicate": wsDuplicate = try Self.percent(value, entry: name)
            case "ws_reorder": wsReorder = try Self.percent(value, entry: name)
            case "partial_fills":
                guard value == "on" || value == "off" else {
                    throw FaultSpecError("'\(name)': expected on or off, got '\(value)'")
                }
                partialFills = value == "on"
            default:
                throw FaultSpecError(
                    "unknown fault '\(name)' (known: latency, http5xx, http5xx_before_accept, http5xx_after_accept, "
                        + "timeout_before_accept, timeout_after_accept, hold, reject, http429, ws_drop, ws_duplicate, "
                        + "ws_reorder, partial_fills)"
                )
            }
            parts.append("\(name)=\(value)")
        }
        let orderFaults = http5xxBefore + http5xxAfter + timeoutBefore + timeoutAfter + reject
        guard orderFaults <= 1 else {
            throw FaultSpecError("the order faults add up to \(orderFaults * 100)%, more than 100%")
        }
        text = parts.joined(separator: ",")
    }

    static func percent(_ value: String, entry: String) throws(FaultSpecError) -> Double {
        guard value.hasSuffix("%"), let number = Double(value.dropLast()), number >= 0, number <= 100 else {
            throw FaultSpecError("'\(entry)': expected a percentage from 0% to 100%, got '\(value)'")
        }
        return number / 100
    }

    static func duration(_ value: String, entry: String) throws(FaultSpecError) -> Int {
        let (digits, scale): (Substring, Int) =
            value.hasSuffix("ms") ? (value.dropLast(2), 1) : value.hasSuffix("s") ? (value.dropLast(), 1_000) : ("", 0)
        guard scale > 0, let number = Int(digits), number >= 0, number <= 86_400_000 / scale else {
            throw FaultSpecError("'\(entry)': expected a duration such as 500ms or 15s, got '\(value)'")
        }
        return number * scale
    }

    static func range(_ value: String, entry: String) throws(FaultSpecError) -> ClosedRange<Int> {
        guard value.hasSuffix("ms") else { throw FaultSpecError("'\(entry)': expected A..Bms, got '\(value)'") }
        let bounds = value.dropLast(2).split(separator: ".", omittingEmptySubsequences: true)
        guard value.contains(".."), bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low >= 0,
            low <= high, high <= 60_000
        else { throw FaultSpecError("'\(entry)': expected A..Bms with 0 ≤ A ≤ B ≤ 60000, got '\(value)'") }
        return low...high
    }
}

/// A fault spec that does not parse; the message names the entry.
public struct FaultSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = "--faults: \(description)" }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
