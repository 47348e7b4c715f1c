/// The text each venue signs, as its documentation defines it (see ``Signer`` for the table).
public enum Prehash {
    /// Binance: the query string followed by the body, with no separator.
    public static func binance(query: String, body: String) -> String { query + body }

    /// Bybit v5 REST: timestamp (ms) + API key + receive window + (the query string of a GET, else the
    /// exact JSON body).
    public static func bybit(timestamp: Int64, apiKey: String, recvWindow: Int, payload: String) -> String {
        "\(timestamp)\(apiKey)\(recvWindow)\(payload)"
    }

    /// Bybit v5 WebSocket login: `GET/realtime` + expiry (ms).
    public static func bybitWebSocket(expires: Int64) -> String { "GET/realtime\(expires)" }

    /// OKX v5 REST: ISO-8601 UTC timestamp with milliseconds + METHOD + path (with `?query`) + body.
    public static func okx(timestamp: String, method: String, target: String, body: String) -> String {
        timestamp + method + target + body
    }

    /// OKX v5 WebSocket login: Unix seconds + `GET/users/self/verify`.
    public static func okxWebSocket(seconds: Int64) -> String { "\(seconds)GET/users/self/verify" }

    /// Bitget v2 REST: timestamp (ms) + METHOD + path (with `?query` when there is one) + body.
    public static func bitget(timestamp: Int64, method: String, target: String, body: String) -> String {
        "\(timestamp)\(method)\(target)\(body)"
    }

    /// OKX's timestamp form, `2023-11-14T22:13:20.000Z`, of epoch milliseconds.
    public static func isoTimestamp(milliseconds: Int64) -> String {
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let msOfDay = milliseconds - days * 86_400_000
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let hours = msOfDay / 3_600_000
        let minutes = msOfDay / 60_000 % 60
        let seconds = msOfDay / 1_000 % 60
        let millis = msOfDay % 1_000
        return
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(millis, 3))Z"
    }
}
