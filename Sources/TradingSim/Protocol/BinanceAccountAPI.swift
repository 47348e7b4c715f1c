public import TradingCore
import TradingReports

/// Binance's SIGNED account endpoints (so far `GET /api/v3/account`), each request checked by the
/// ``RequestAuthenticator``: the account is the one whose key and secret signed it.
public struct BinanceAccountAPI: Sendable {
    public let authenticator: RequestAuthenticator

    public init(accounts: [SimAccount]) { authenticator = RequestAuthenticator(accounts: accounts) }

    /// The answer to a signed endpoint, or `nil` when `method path` is not one (the public API answers it).
    public func handle(
        method: String,
        path: String,
        query: String,
        body: String,
        apiKey: String?,
        wall: Timestamp
    ) -> (status: Int, body: String)? {
        guard method == "GET" && path == "/api/v3/account" else { return nil }
        do throws(BinanceError) {
            let account = try authenticator.verify(apiKey: apiKey, rawQuery: query, rawBody: body, wall: wall)
            return (200, Self.spotAccount(account, wall: wall).serialized(compact: true))
        } catch {
            return (error.status, BinancePublicAPI.errorBody(error))
        }
    }

    /// The spot account document: commissions, permissions and every balance (free, none locked yet).
    static func spotAccount(_ account: SimAccount, wall: Timestamp) -> JSONValue {
        func amount(_ text: String) -> String {
            let (units, places) = DecimalText.units(text)
            return DecimalText.format(units: units, decimals: 8, from: places)
        }
        return .object([
            ("makerCommission", .int(10)), ("takerCommission", .int(10)), ("buyerCommission", .int(0)),
            ("sellerCommission", .int(0)),
            (
                "commissionRates",
                .object([
                    ("maker", .string("0.00100000")), ("taker", .string("0.00100000")),
                    ("buyer", .string("0.00000000")), ("seller", .string("0.00000000")),
                ])
            ),
            ("canTrade", .bool(true)), ("canWithdraw", .bool(false)), ("canDeposit", .bool(false)),
            ("brokered", .bool(false)), ("requireSelfTradePrevention", .bool(false)), ("preventSor", .bool(false)),
            ("updateTime", .number(String(wall.milliseconds))), ("accountType", .string("SPOT")),
            (
                "balances",
                .array(
                    account.balances.map { balance in
                        .object([
                            ("asset", .string(balance.asset)), ("free", .string(amount(balance.amount))),
                            ("locked", .string("0.00000000")),
                        ])
                    }
                )
            ),
            ("permissions", .array([.string("SPOT")])), ("uid", .int(1)),
        ])
    }
}
