/// Each venue's error codes and the outcome each maps to. `docs/exchanges.md` prints the same table;
/// a test checks that the two agree.
public enum VenueErrorTable {
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        case rejected(RejectReason)
        case unknownOutcome
        case rateLimited
        case authentication(AuthenticationProblem)

        public var description: String {
            switch self {
            case .rejected(let reason): "rejected: \(reason.rawValue)"
            case .unknownOutcome: "unknown outcome"
            case .rateLimited: "rate limited"
            case .authentication(let problem): "authentication: \(problem.rawValue)"
            }
        }
    }

    public struct Entry: Sendable, Hashable {
        public let code: String
        public let outcome: Outcome
        public let meaning: String
    }

    static func entry(_ code: String, _ outcome: Outcome, _ meaning: String) -> Entry {
        Entry(code: code, outcome: outcome, meaning: meaning)
    }

    /// The codes of `exchange` (Binance `code`, Bybit `retCode`, OKX `code`/`sCode`, Bitget `code`).
    public static func entries(_ exchange: ExchangeName) -> [Entry] {
        switch exchange {
        case .binance: binance
        case .bybit: bybit
        case .okx: okx
        case .bitget: bitget
        }
    }

    static let binance: [Entry] = [
        entry("-1000", .unknownOutcome, "unknown error while processing the request"),
        entry("-1001", .unknownOutcome, "internal error; disconnected"),
        entry("-1003", .rateLimited, "too many requests (request weight)"),
        entry("-1006", .unknownOutcome, "unexpected response from the message bus; execution status unknown"),
        entry("-1007", .unknownOutcome, "timeout waiting for the backend; send and execution status unknown"),
        entry("-1008", .unknownOutcome, "server overloaded"),
        entry("-1013", .rejected(.filter), "invalid quantity or price (a filter failed)"),
        entry("-1015", .rateLimited, "too many new orders"),
        entry("-1021", .authentication(.clock), "timestamp outside recvWindow"),
        entry("-1022", .authentication(.signature), "signature not valid"),
        entry("-1100", .rejected(.invalidRequest), "illegal characters in a parameter"),
        entry("-1102", .rejected(.invalidRequest), "a mandatory parameter is missing"),
        entry("-1111", .rejected(.filter), "precision over the maximum for this asset"),
        entry("-1121", .rejected(.unknownSymbol), "invalid symbol"),
        entry("-2010", .rejected(.insufficientFunds), "new order rejected (insufficient balance; see the message)"),
        entry("-2011", .rejected(.unknownOrder), "cancel rejected: unknown order"),
        entry("-2013", .rejected(.unknownOrder), "order does not exist"),
        entry("-2014", .authentication(.credentials), "API key format invalid"),
        entry("-2015", .authentication(.credentials), "invalid API key, IP or permissions"),
        entry("-2019", .rejected(.insufficientFunds), "margin is insufficient"),
        entry("-2022", .rejected(.reduceOnly), "reduce-only order rejected"),
        entry("-4003", .rejected(.filter), "quantity less than zero or below the minimum"),
        entry("-4164", .rejected(.filter), "notional below the minimum"),
        entry("-5022", .rejected(.postOnlyWouldTake), "post-only (GTX) order would take"),
    ]

    static let bybit: [Entry] = [
        entry("10001", .rejected(.invalidRequest), "parameter error"),
        entry("10002", .authentication(.clock), "request time outside recv_window"),
        entry("10003", .authentication(.credentials), "API key invalid"),
        entry("10004", .authentication(.signature), "signature error"),
        entry("10005", .authentication(.credentials), "permission denied for the key"),
        entry("10006", .rateLimited, "too many visits (rate limit)"),
        entry("10010", .authentication(.credentials), "unmatched IP"),
        entry("10016", .unknownOutcome, "server error"),
        entry("10018", .rateLimited, "IP rate limit exceeded"),
        entry("110001", .rejected(.unknownOrder), "order does not exist"),
        entry("110004", .rejected(.insufficientFunds), "wallet balance insufficient"),
        entry("110007", .rejected(.insufficientFunds), "available balance insufficient"),
        entry("110017", .rejected(.reduceOnly), "reduce-only order would increase the position"),
        entry("110094", .rejected(.filter), "order value below the minimum"),
        entry("170121", .rejected(.unknownSymbol), "invalid symbol"),
        entry("170131", .rejected(.insufficientFunds), "balance insufficient (spot)"),
        entry("170136", .rejected(.filter), "order quantity below the minimum (spot)"),
        entry("170140", .rejected(.filter), "order value below the minimum (spot)"),
        entry("170213", .rejected(.unknownOrder), "order does not exist (spot)"),
        entry("170218", .rejected(.postOnlyWouldTake), "post-only order would take (spot)"),
    ]

    static let okx: [Entry] = [
        entry("50001", .unknownOutcome, "service temporarily unavailable"),
        entry("50004", .unknownOutcome, "endpoint request timeout; the order may have been placed"),
        entry("50011", .rateLimited, "rate limit reached"),
        entry("50013", .unknownOutcome, "system busy"),
        entry("50061", .rateLimited, "sub-account order rate limit reached"),
        entry("50102", .authentication(.clock), "timestamp request expired"),
        entry("50105", .authentication(.signature), "passphrase incorrect"),
        entry("50111", .authentication(.credentials), "invalid OK-ACCESS-KEY"),
        entry("50113", .authentication(.signature), "invalid sign"),
        entry("51000", .rejected(.invalidRequest), "parameter error"),
        entry("51001", .rejected(.unknownSymbol), "instrument ID does not exist"),
        entry("51006", .rejected(.filter), "order price outside the price limit"),
        entry("51008", .rejected(.insufficientFunds), "insufficient balance"),
        entry("51020", .rejected(.filter), "order amount below the minimum"),
        entry("51121", .rejected(.filter), "order quantity not a multiple of the lot size"),
        entry("51169", .rejected(.reduceOnly), "no position to reduce"),
        entry("51603", .rejected(.unknownOrder), "order does not exist"),
    ]

    static let bitget: [Entry] = [
        entry("40006", .authentication(.credentials), "invalid ACCESS-KEY"),
        entry("40008", .authentication(.clock), "request timestamp expired"),
        entry("40009", .authentication(.signature), "sign signature error"),
        entry("40010", .unknownOutcome, "request timed out"),
        entry("40012", .authentication(.signature), "apikey or passphrase error"),
        entry("40019", .rejected(.invalidRequest), "parameter cannot be empty"),
        entry("40034", .rejected(.invalidRequest), "parameter does not exist"),
        entry("40762", .rejected(.insufficientFunds), "order amount exceeds the balance"),
        entry("40808", .rejected(.filter), "parameter verification exception (precision)"),
        entry("43012", .rejected(.insufficientFunds), "insufficient balance"),
        entry("43025", .rejected(.unknownOrder), "order does not exist"),
        entry("45110", .rejected(.filter), "less than the minimum order amount"),
        entry("40309", .rejected(.unknownSymbol), "symbol has been removed"),
        entry("22002", .rejected(.reduceOnly), "no position to close"),
        entry("429", .rateLimited, "too many requests"),
    ]
}
