import Foundation
import Testing
import TradingCore
import TradingSim
import TradingTestSupport

@Suite("omega sim: signed requests and accounts")
struct AuthenticationTests {
    static let wall = Timestamp(nanoseconds: 1_700_000_000_000_000_000)
    static let account = SimAccount.demo
    static let authenticator = RequestAuthenticator(accounts: [account])

    static func signed(_ query: String, secret: String = account.secret) -> String {
        query + "&signature=" + RequestAuthenticator.signature(of: query, secret: secret)
    }

    static func code(_ body: () throws(BinanceError) -> SimAccount) -> Int? {
        do throws(BinanceError) {
            _ = try body()
            return nil
        } catch {
            return error.code
        }
    }

    @Test(
        "HMAC-SHA256 signatures match Binance's published vectors (../shared/vectors/signing_vectors.json)",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func vectors() throws {
        let directory = try #require(SharedData.directory)
        let data = try Data(contentsOf: directory.appendingPathComponent("vectors/signing_vectors.json"))
        let document = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let vectors = try #require(document["vectors"] as? [[String: Any]])
        let binance = vectors.filter {
            $0["exchange"] as? String == "binance" && ($0["scheme"] as? String ?? "").hasPrefix("HMAC")
        }
        #expect(binance.count >= 3)
        for vector in binance {
            let message = try #require(vector["message"] as? String)
            let secret = try #require(vector["secret"] as? String)
            let expected = try #require(vector["expected"] as? String)
            #expect(
                RequestAuthenticator.signature(of: message, secret: secret) == expected.lowercased(),
                "\(vector["id"] ?? "")"
            )
        }
    }

    @Test("a request signed with the account's secret passes; the account it names is returned")
    func valid() throws {
        let query = "recvWindow=5000&timestamp=\(Self.wall.milliseconds - 100)"
        let account = try Self.authenticator.verify(
            apiKey: Self.account.apiKey,
            rawQuery: Self.signed(query),
            rawBody: "",
            wall: Self.wall
        )
        #expect(account.name == "demo")
        // Upper-case hex, the signature in the body, microsecond timestamps: all as Binance accepts them.
        let upper =
            query + "&signature=" + RequestAuthenticator.signature(of: query, secret: Self.account.secret).uppercased()
        #expect(throws: Never.self) {
            try Self.authenticator.verify(apiKey: Self.account.apiKey, rawQuery: upper, rawBody: "", wall: Self.wall)
        }
        let body = "symbol=BTCUSDT&timestamp=\(Self.wall.milliseconds)"
        let signature = RequestAuthenticator.signature(of: "a=1" + body, secret: Self.account.secret)
        #expect(throws: Never.self) {
            try Self.authenticator.verify(
                apiKey: Self.account.apiKey,
                rawQuery: "a=1",
                rawBody: body + "&signature=\(signature)",
                wall: Self.wall
            )
        }
        let micro = "timestamp=\(Self.wall.milliseconds * 1_000)"
        #expect(throws: Never.self) {
            try Self.authenticator.verify(
                apiKey: Self.account.apiKey,
                rawQuery: Self.signed(micro),
                rawBody: "",
                wall: Self.wall
            )
        }
    }

    @Test(
        "bad keys, signatures and timestamps get Binance's codes",
        arguments: [
            (nil, "timestamp=1700000000000", -2014),
            ("unknown-key", "timestamp=1700000000000", -2015),
            ("omega-sim-demo-key", "WRONG", -1022),
            ("omega-sim-demo-key", "timestamp=1699999990000", -1021),  // 10 s old, window 5 s
            ("omega-sim-demo-key", "timestamp=1700000002000", -1021),  // 2 s ahead
            ("omega-sim-demo-key", "timestamp=1700000000000&recvWindow=60001", -1130),
            ("omega-sim-demo-key", "recvWindow=5000", -1102),
            ("omega-sim-demo-key", "timestamp=17x", -1100),
        ] as [(String?, String, Int)]
    )
    func refused(apiKey: String?, query: String, code: Int) {
        let raw = query == "WRONG" ? "timestamp=1700000000000&signature=00ff" : Self.signed(query)
        #expect(
            Self.code { () throws(BinanceError) in
                try Self.authenticator.verify(apiKey: apiKey, rawQuery: raw, rawBody: "", wall: Self.wall)
            } == code
        )
        // A request without any signature is refused before its timestamp is read.
        #expect(
            Self.code { () throws(BinanceError) in
                try Self.authenticator.verify(
                    apiKey: Self.account.apiKey,
                    rawQuery: "timestamp=1",
                    rawBody: "",
                    wall: Self.wall
                )
            } == -1102
        )
    }

    @Test("GET /api/v3/account answers the signing account's balances, at 8 decimals")
    func account() throws {
        let api = try SimFixtures.accountAPI(
            try SimMarket(seed: 1, bars: 500, start: Timestamp(CivilTime(year: 2024, month: 1, day: 1))),
            accounts: [Self.account],
            wall: Self.wall
        )
        let query = Self.signed("timestamp=\(Self.wall.milliseconds)")
        let answer = try #require(
            api.handle(
                method: "GET",
                path: "/api/v3/account",
                query: query,
                body: "",
                apiKey: Self.account.apiKey,
                wall: Self.wall
            )
        )
        #expect(answer.status == 200)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
        let balances = try #require(document["balances"] as? [[String: String]])
        #expect(balances.first == ["asset": "USDT", "free": "10000.00000000", "locked": "0.00000000"])
        #expect(
            api.handle(method: "GET", path: "/api/v3/klines", query: "", body: "", apiKey: nil, wall: Self.wall) == nil
        )
        let refused = try #require(
            api.handle(
                method: "GET",
                path: "/api/v3/account",
                query: "timestamp=1",
                body: "",
                apiKey: "nobody",
                wall: Self.wall
            )
        )
        #expect(refused.status == 401 && refused.body.contains("-2015"))
    }

    @Test(
        "--account values parse, and bad ones say what is wrong",
        arguments: [
            ("a:k:s:USDT=10000,BTC=0.5", nil), ("a:k:s", "NAME:KEY:SECRET"), ("a:k:s:usdt=1", "upper-case"),
            ("a:k:s:USDT=-1", "non-negative"), ("a:k:s:USDT=1,USDT=2", "twice"), (":k:s:USDT=1", "the name"),
            ("a:k:s:USDT=1.123456789", "non-negative"),
        ] as [(String, String?)]
    )
    func accountSpecs(text: String, problem: String?) {
        do {
            let account = try SimAccount(parsing: text)
            #expect(problem == nil)
            #expect(account.balances.map(\.asset) == ["USDT", "BTC"] && account.balances[1].amount == "0.5")
        } catch {
            #expect(problem.map { error.description.contains($0) } == true, "\(error)")
        }
    }
}
