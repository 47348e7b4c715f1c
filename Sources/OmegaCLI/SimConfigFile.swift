import TradingFarm
import TradingSim

/// `omega sim --config sim.yaml`: the sim's settings and accounts in a file. Every field is optional and
/// takes the name of its flag (`admin_token` for `--admin-token`); a flag given on the command line wins.
/// `${NAME}` is replaced by the environment variable `NAME`, so secrets need not be written in the file.
///
/// ```yaml
/// port: 8765
/// speed: 60
/// data: [../shared/data/binance_BTCUSDT_1m.csv, ../shared/data/binanceusdm_funding_rates_8h.csv]
/// faults: latency=5..50ms,http5xx=1%
/// admin_token: ${OMEGA_SIM_ADMIN_TOKEN}
/// accounts:
///   - name: alice
///     api_key: alice-key
///     secret: ${ALICE_SECRET}
///     balances: {USDT: 10000, BTC: 1}
/// ```
struct SimConfigFile {
    var host: String?
    var port: Int?
    var seed: UInt64?
    var bars: Int?
    var history: Int?
    var speed: Double?
    var clock: String?
    var limits: String?
    var state: String?
    var adminToken: String?
    var faults: String?
    var fundingRate: String?
    var data: [String]?
    var accounts: [SimAccount]?

    static let fields = [
        "host", "port", "seed", "bars", "history", "speed", "clock", "limits", "state", "admin_token", "faults",
        "funding_rate", "data", "accounts",
    ]

    /// Reads `path`. - Throws: ``FarmError`` naming the file and the field (never a secret's value).
    static func load(path: String) throws(FarmError) -> SimConfigFile {
        let (root, secrets) = try FarmConfiguration.document(path: path)
        do {
            return try parse(root, source: path)
        } catch {
            throw error.redacting(secrets)
        }
    }

    static func parse(_ root: Any, source: String) throws(FarmError) -> SimConfigFile {
        let reader = FarmConfiguration.Reader(source: source)
        guard let document = root as? [String: Any] else {
            throw FarmError("\(source): the document must be a mapping")
        }
        try reader.allow(document, fields, at: "")
        var file = SimConfigFile()
        file.host = try reader.string(document["host"], at: "host")
        file.port = try reader.integer(document["port"], at: "port", in: 0...65_535)
        file.seed = try reader.integer(document["seed"], at: "seed", in: 0...Int.max).map { UInt64($0) }
        file.bars = try reader.integer(document["bars"], at: "bars", in: SizeLimits.farmBars)
        file.history = try reader.integer(document["history"], at: "history", in: 0...SizeLimits.farmBars.upperBound)
        file.speed = try reader.number(document["speed"], at: "speed", in: 0.000_001...1_000_000)
        file.clock = try reader.string(document["clock"], at: "clock")
        file.limits = try reader.string(document["limits"], at: "limits")
        file.state = try reader.string(document["state"], at: "state")
        file.adminToken = try reader.string(document["admin_token"], at: "admin_token")
        file.faults = try reader.string(document["faults"], at: "faults")
        file.fundingRate = try decimal(document["funding_rate"], at: "funding_rate", reader: reader)
        file.data = try reader.strings(document["data"], at: "data")
        if let list = document["accounts"] {
            guard let entries = list as? [Any] else { throw reader.fail("accounts", "expected a list of accounts") }
            var accounts: [SimAccount] = []
            for (index, entry) in entries.enumerated() {
                let path = "accounts[\(index)]"
                guard let map = entry as? [String: Any] else { throw reader.fail(path, "expected a mapping") }
                try reader.allow(map, ["name", "api_key", "secret", "balances"], at: path)
                func required(_ key: String) throws(FarmError) -> String {
                    guard let value = try reader.string(map[key], at: "\(path).\(key)") else {
                        throw reader.fail("\(path).\(key)", "is required")
                    }
                    return value
                }
                let name = try required("name")
                let apiKey = try required("api_key")
                let secret = try required("secret")
                guard let balances = map["balances"] as? [String: Any], !balances.isEmpty else {
                    throw reader.fail("\(path).balances", "expected a mapping of assets to amounts, e.g. {USDT: 10000}")
                }
                var amounts: [String] = []
                for asset in balances.keys.sorted() {
                    guard let amount = try decimal(balances[asset], at: "\(path).balances.\(asset)", reader: reader)
                    else { throw reader.fail("\(path).balances.\(asset)", "expected an amount") }
                    amounts.append("\(asset)=\(amount)")
                }
                let account: SimAccount
                do {
                    account = try SimAccount(
                        parsing: "\(name):\(apiKey):\(secret):\(amounts.joined(separator: ","))"
                    )
                } catch {
                    // The error names the part that is wrong, never its value.
                    throw reader.fail(path, "\(error)")
                }
                guard !accounts.contains(where: { $0.name == account.name || $0.apiKey == account.apiKey }) else {
                    throw reader.fail(path, "the name or API key is used twice")
                }
                accounts.append(account)
            }
            guard !accounts.isEmpty else { throw reader.fail("accounts", "the list is empty") }
            file.accounts = accounts
        }
        return file
    }

    /// A number written as text or as a YAML number, as plain decimal text (never `1e-05`).
    static func decimal(_ value: Any?, at path: String, reader: FarmConfiguration.Reader) throws(FarmError) -> String? {
        switch value {
        case nil: return nil
        case let number as Int: return String(number)
        case let text as String: return text
        case let number as Double:
            let text = String(number)
            guard !text.contains("e") else { throw reader.fail(path, "write \(text) as plain decimal text") }
            return text
        default: throw reader.fail(path, "expected a number")
        }
    }
}
