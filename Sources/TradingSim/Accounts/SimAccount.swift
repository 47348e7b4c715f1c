/// An account on the sim: its name, API key and secret, and its balances as decimal text per asset.
public struct SimAccount: Sendable, Hashable {
    public let name: String
    public let apiKey: String
    public let secret: String
    /// Free balances, in the order given (`USDT=10000,BTC=1`).
    public let balances: [(asset: String, amount: String)]

    public init(name: String, apiKey: String, secret: String, balances: [(asset: String, amount: String)]) {
        self.name = name
        self.apiKey = apiKey
        self.secret = secret
        self.balances = balances
    }

    public static func == (lhs: SimAccount, rhs: SimAccount) -> Bool {
        lhs.name == rhs.name && lhs.apiKey == rhs.apiKey && lhs.secret == rhs.secret
            && lhs.balances.map(\.asset) == rhs.balances.map(\.asset)
            && lhs.balances.map(\.amount) == rhs.balances.map(\.amount)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(apiKey)
    }

    /// The development account `omega sim` starts with when none is given: its key and secret are printed
    /// and documented (docs/sim.md), since the sim only listens on loopback and holds no real money.
    public static let demo = SimAccount(
        name: "demo",
        apiKey: "omega-sim-demo-key",
        secret: "omega-sim-demo-secret",
        balances: [("USDT", "10000"), ("BTC", "1"), ("ETH", "10"), ("SOL", "100")]
    )

    /// Parses `NAME:KEY:SECRET:ASSET=AMOUNT,ASSET=AMOUNT` (the `--account` option).
    /// - Throws: ``SimAccountError`` naming the part that is wrong.
    public init(parsing text: String) throws(SimAccountError) {
        let parts = text.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4 else {
            throw SimAccountError("expected NAME:KEY:SECRET:ASSET=AMOUNT[,ASSET=AMOUNT…], got \(parts.count) parts")
        }
        let (name, key, secret, list) = (parts[0], parts[1], parts[2], parts[3])
        func word(_ value: String, _ what: String, maximum: Int) throws(SimAccountError) {
            let allowed = value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x3A && $0 != 0x2C && $0 != 0x3D }
            guard !value.isEmpty, value.utf8.count <= maximum, allowed else {
                throw SimAccountError(
                    "\(what) must be 1 to \(maximum) printable ASCII characters without ':', ',' or '='"
                )
            }
        }
        try word(name, "the name", maximum: 64)
        try word(key, "the API key", maximum: 128)
        try word(secret, "the secret", maximum: 128)
        var balances: [(asset: String, amount: String)] = []
        for entry in list.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = entry.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard pair.count == 2, !pair[0].isEmpty,
                pair[0].utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }),
                pair[0].utf8.count <= 20
            else {
                throw SimAccountError("balance '\(entry.prefix(40))': expected ASSET=AMOUNT with an upper-case asset")
            }
            guard Self.isAmount(pair[1]) else {
                throw SimAccountError(
                    "balance \(pair[0]): '\(pair[1].prefix(40))' is not a non-negative decimal amount"
                )
            }
            guard !balances.contains(where: { $0.asset == pair[0] }) else {
                throw SimAccountError("balance \(pair[0]) is given twice")
            }
            balances.append((pair[0], pair[1]))
        }
        self.init(name: name, apiKey: key, secret: secret, balances: balances)
    }

    /// Digits with at most one point, at most 12 before and 8 after it.
    static func isAmount(_ text: String) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 12,
            whole.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        if parts.count == 2 {
            let fraction = parts[1]
            return !fraction.isEmpty && fraction.count <= 8 && fraction.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        return true
    }
}

/// A bad `--account` value.
public struct SimAccountError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
