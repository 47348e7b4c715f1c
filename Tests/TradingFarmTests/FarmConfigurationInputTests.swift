import Testing
import TradingCore
import TradingFarm

@Suite("farm.yaml: bad input")
struct FarmConfigurationInputTests {
    static let bot = "bots:\n  - {name: a, persona: strategic, capital: 0.5}\n"

    func error(_ yaml: String, environment: [String: String] = [:]) -> String? {
        do {
            _ = try FarmConfiguration.parse(yaml: yaml, source: "farm.yaml") { environment[$0] }
            return nil
        } catch {
            return error.description
        }
    }

    @Test("nested aliases (a billion laughs) are refused before they expand")
    func billionLaughs() throws {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        let names = "abcdefghij".map(String.init)
        for (index, name) in names.dropFirst().enumerated() {
            let previous = names[index]
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(yaml.utf8.count < 600)
        let message = try #require(error(yaml + Self.bot))
        #expect(message.contains("expands to more than 100000 nodes"), "\(message)")
    }

    @Test("a document over 256 KiB, or nested over 64 brackets deep, is refused")
    func size() throws {
        let large = Self.bot + "# " + String(repeating: "x", count: 300_000) + "\n"
        #expect(error(large)?.contains("a farm.yaml may hold 262144") == true)
        let deep = "x: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        #expect(error(deep + Self.bot)?.contains("brackets nest 10000 deep") == true)
    }

    @Test(
        "money, fractions and limits are range-checked, naming the field",
        arguments: [
            ("limits: {max_position_notional: -5}\n", "limits.max_position_notional: must be within"),
            ("limits: {max_gross_exposure: 0}\n", "limits.max_gross_exposure: must be within"),
            ("limits: {orders_per_minute: -1}\n", "limits.orders_per_minute: must be within 1…1000000"),
            ("limits: {daily_loss: -0.1}\n", "limits.daily_loss: expected a fraction within (0, 1]"),
            ("limits: {max_leverage: 0.5}\n", "limits.max_leverage: must be within 1…125"),
            ("fee_bps: -3\n", "fee_bps: must be within 0…1000"),
            ("synthetic_bars: 100000000000000\n", "synthetic_bars: must be within 1…10000000"),
            ("seed: -1\n", "seed: must be within 0…"),
            ("cash: -100\n", "cash: expected a positive decimal amount"),
        ]
    )
    func ranges(line: String, expected: String) {
        let message = error(line + Self.bot)
        #expect(message?.contains("farm.yaml: \(expected)") == true, "\(message ?? "accepted")")
    }

    @Test("a bot's capital must be positive")
    func negativeCapital() {
        #expect(error("bots:\n  - {name: a, persona: strategic, capital: -0.5}\n")?.contains("capital") == true)
    }

    @Test("${VAR} is replaced in values only, never in comments or keys, and errors never show its value")
    func interpolation() throws {
        let environment = ["CASH": "25000", "SECRET": "sk-live-123456", "NAME": "demo"]
        let yaml = "# ${UNSET} in a comment is left alone\nname: ${NAME}\ncash: ${CASH}\n" + Self.bot
        let configuration = try FarmConfiguration.parse(yaml: yaml, source: "farm.yaml") { environment[$0] }
        #expect(configuration.name == "demo" && configuration.cash.text == "25000")
        // A value that is not a number: the error names the field and hides the value.
        let bad = try #require(error("cash: ${SECRET}\n" + Self.bot, environment: environment))
        #expect(bad.contains("farm.yaml: cash:") && !bad.contains("sk-live"), "\(bad)")
        // A value cannot add structure: it stays one string.
        let injected = ["X": "1\nbots: []"]
        let structure = try #require(error("name: ${X}\nseed: ${X}\n" + Self.bot, environment: injected))
        #expect(structure.contains("seed: expected an integer") && !structure.contains("bots: []"), "\(structure)")
        // Keys are not interpolated, and an unset variable names its field.
        #expect(error("${KEY}: 1\n" + Self.bot)?.contains("${KEY}: unknown field") == true)
        #expect(
            error("name: ${UNSET}\n" + Self.bot)?.contains("farm.yaml: name: environment variable UNSET is not set")
                == true
        )
    }

    @Test("the bots' capital must fit the farm's cash")
    func capitalFits() throws {
        let yaml = """
            cash: 10000
            synthetic_bars: 100
            bots:
              - {name: a, persona: strategic, capital: 0.9}
              - {name: b, persona: scalper, capital: 0.9}
              - {name: c, persona: newbie, capital: "9000"}

            """
        let configuration = try FarmConfiguration.parse(yaml: yaml, source: "farm.yaml") { _ in nil }
        do {
            _ = try FarmRunner(configuration: configuration).run()
            Issue.record("270 % of the cash was allocated")
        } catch {
            #expect(
                error.description
                    == "bots: the enabled bots' capital totals 27000 USDT, more than the farm's cash of 10000 USDT (270 %)",
                "\(error)"
            )
        }
    }

    @Test("a farm that never trades reports no Sharpe, not the quotient of rounding errors")
    func flatFarm() throws {
        let yaml = "synthetic_bars: 30\nbots:\n  - {name: a, persona: strategic, capital: 0.5}\n"
        let result = try FarmRunner(
            configuration: FarmConfiguration.parse(yaml: yaml, source: "farm.yaml") { _ in nil }
        ).run()
        let board = Leaderboard(result)
        #expect(board.standings.allSatisfy { $0.trades == 0 && $0.sharpe == nil })
        #expect(board.farmSharpe == nil)
    }

    @Test("a mapping key that is not text is an error (Yams' constructor would trap); << merges")
    func keys() throws {
        #expect(
            error("[a, b]: 1\n" + Self.bot)?.contains("farm.yaml: the document: a mapping key must be text") == true
        )
        #expect(error("? {x: 1}\n: 2\n" + Self.bot)?.contains("a mapping key must be text") == true)
        #expect(error("x: 1:2:3:99999999999999999999\n" + Self.bot)?.contains("x: unknown field") == true)
        let merged = try FarmConfiguration.parse(
            yaml: "bots:\n  - &a {name: a, persona: strategic, capital: 0.25}\n  - {<<: *a, name: b}\n",
            source: "farm.yaml"
        ) { _ in nil }
        #expect(merged.bots.map(\.name) == ["a", "b"])
    }
}
