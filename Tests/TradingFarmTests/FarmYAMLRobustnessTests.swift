import Testing
import TradingCore
import TradingFarm
import TradingTestSupport

@Suite("farm.yaml never traps on bad input (seeded property)")
struct FarmYAMLRobustnessTests {
    static let valid = """
        name: demo
        exchange: binance
        cash: 60000
        fee_bps: 10
        seed: 7
        limits: {daily_loss: 0.1, max_drawdown: 0.3, max_leverage: 3, orders_per_minute: 60}
        personas:
          steady_scalper: {base: scalper, greed: 0.05, panic: 0.1, fatigue_per_hour: 0.02, holding_minutes: 30}
        bots:
          - name: strategic_btc
            persona: strategic
            instrument: BTCUSDT
            timeframe: 15m
            capital: ${CAPITAL}
            strategy: ema_cross
            params: {fast: 50, slow: 200}
            risk: &shared {stop_loss: 0.02, take_profit: 0.05, risk_tolerance: [0.4, 0.6]}
          - {name: steady, persona: steady_scalper, capital: "15000", seed: 3, enabled: true, risk: *shared}

        """

    static let tokens = [
        "*shared", "&x", "*x", "<<: *shared", "${SECRET}", "${", "}", "[", "]", "{", "-", ":", "? ", "!!binary",
        "!!int", "~", "null", ".nan", "-.inf", "1e400", "-1", "0", "99999999999999999999", "\"", "'", "|", ">", "#",
        "\t", "  ", "\n", "- ", "%YAML 1.1", "---", "...", String(repeating: "[", count: 80), "é", "😀",
    ]

    @Test("10,000 mutations of a farm.yaml end in a FarmError or a configuration, never showing a secret")
    func mutations() {
        let environment = ["CAPITAL": "0.25", "SECRET": "sk-live-abcdef"]
        var outcomes = (parsed: 0, refused: 0)
        let failures = PropertyTesting.check("farm.yaml loader on bad input", cases: 10_000) { generator in
            var text = Self.valid
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                var characters = Array(text)
                let position = Int.random(in: 0...characters.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0 where !characters.isEmpty:
                    characters.remove(at: min(position, characters.count - 1))
                case 1:
                    characters.insert(contentsOf: Array(Self.tokens.randomElement(using: &generator)!), at: position)
                case 2:
                    characters = Array(characters.prefix(position))
                default:
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    var moved = lines
                    let line = moved.remove(at: Int.random(in: 0..<lines.count, using: &generator))
                    moved.insert(line, at: Int.random(in: 0...moved.count, using: &generator))
                    characters = Array(moved.joined(separator: "\n"))
                }
                text = String(characters)
            }
            do {
                _ = try FarmConfiguration.parse(yaml: text, source: "farm.yaml") { environment[$0] }
                outcomes.parsed += 1
            } catch {
                outcomes.refused += 1
                let error = "\(error)"
                if error.contains("sk-live") { return "an error showed the secret: \(error)" }
                if !error.hasPrefix("farm.yaml") { return "an error without the file: \(error)" }
            }
            return nil
        }
        print("farm.yaml: \(outcomes.parsed) parsed, \(outcomes.refused) refused with a FarmError")
        #expect(failures.isEmpty, "\(failures)")
        #expect(outcomes.refused > 1_000 && outcomes.parsed > 100)
    }
}
