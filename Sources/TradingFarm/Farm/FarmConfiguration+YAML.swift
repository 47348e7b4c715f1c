import TradingBacktest
import TradingCore
import TradingMarketData
import Yams

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FarmConfiguration {
    /// Reads a `farm.yaml`. `${NAME}` is replaced by the environment variable `NAME` (an unset one is an
    /// error). Errors name the file and the path of the bad field, e.g. `farm.yaml: bots[2].persona: …`.
    ///
    /// ```yaml
    /// name: demo
    /// exchange: binance
    /// cash: 60000
    /// fee_bps: 10
    /// data: [../shared/data/binance_BTCUSDT_1m.csv]
    /// limits: {daily_loss: 0.1, max_drawdown: 0.3, max_leverage: 3}
    /// personas:                  # optional: your own, each a built-in one with changes
    ///   steady_scalper: {base: scalper, greed: 0.05, panic: 0.1, fatigue_per_hour: 0.02}
    /// bots:
    ///   - name: strategic_btc
    ///     persona: strategic
    ///     instrument: BTCUSDT
    ///     timeframe: 15m           # optional: decides on 15-minute bars built from the data's
    ///     capital: 0.25            # a fraction of cash, or an amount such as "15000"
    ///     strategy: ema_cross      # optional: overrides the persona's
    ///     params: {fast: 50, slow: 200}
    ///     risk: {stop_loss: 0.02, take_profit: 0.05, risk_tolerance: [0.4, 0.6]}
    ///     enabled: true
    /// ```
    public static func load(path: String) throws(FarmError) -> FarmConfiguration {
        let text: String
        do {
            text = try TimeSeriesFile.readText(path)
        } catch {
            throw FarmError("\(path): cannot read the file")
        }
        return try parse(yaml: text, source: path, environment: { name in getenv(name).map { String(cString: $0) } })
    }

    /// Parses farm YAML (see ``load(path:)``); `source` names it in errors.
    public static func parse(
        yaml text: String,
        source: String,
        environment: (String) -> String?
    ) throws(FarmError) -> FarmConfiguration {
        let interpolated = try interpolate(text, source: source, environment: environment)
        let root: Any?
        do {
            root = try Yams.load(yaml: interpolated)
        } catch {
            throw FarmError("\(source): not valid YAML: \(error)")
        }
        let reader = Reader(source: source)
        guard let document = root as? [String: Any] else {
            throw FarmError("\(source): the document must be a mapping")
        }
        try reader.allow(
            document,
            [
                "name", "exchange", "cash", "fee_bps", "slippage_bps", "data", "synthetic_bars", "seed", "limits",
                "personas", "bots", "sentiment_file", "schumann_file",
            ],
            at: ""
        )
        var configuration = FarmConfiguration(bots: [])
        configuration.name = try reader.string(document["name"], at: "name") ?? "farm"
        configuration.exchange = try reader.string(document["exchange"], at: "exchange") ?? "simulated"
        if let cash = try reader.decimalText(document["cash"], at: "cash") { configuration.cash = cash }
        configuration.feeBps = try reader.number(document["fee_bps"], at: "fee_bps") ?? 10
        configuration.slippageBps = try reader.number(document["slippage_bps"], at: "slippage_bps") ?? 0
        configuration.data = try reader.strings(document["data"], at: "data") ?? []
        configuration.syntheticBars = try reader.integer(document["synthetic_bars"], at: "synthetic_bars") ?? 43_200
        guard configuration.syntheticBars > 0 else { throw FarmError("\(source): synthetic_bars: must be positive") }
        configuration.seed = UInt64(max(0, try reader.integer(document["seed"], at: "seed") ?? 42))
        configuration.sentimentFile = try reader.string(document["sentiment_file"], at: "sentiment_file")
        configuration.schumannFile = try reader.string(document["schumann_file"], at: "schumann_file")
        if let limits = document["limits"] {
            guard let map = limits as? [String: Any] else { throw FarmError("\(source): limits: must be a mapping") }
            try reader.allow(
                map,
                [
                    "daily_loss", "max_drawdown", "max_position_notional", "max_gross_exposure", "orders_per_minute",
                    "bot_daily_loss", "max_leverage",
                ],
                at: "limits"
            )
            let leverage = try reader.number(map["max_leverage"], at: "limits.max_leverage")
            if let leverage, !(1...125).contains(leverage) {
                throw FarmError("\(source): limits.max_leverage: must be within 1…125, got \(leverage)")
            }
            configuration.limits = Limits(
                dailyLoss: try reader.fraction(map["daily_loss"], at: "limits.daily_loss"),
                maximumDrawdown: try reader.fraction(map["max_drawdown"], at: "limits.max_drawdown"),
                maximumPositionNotional: try reader.number(
                    map["max_position_notional"],
                    at: "limits.max_position_notional"
                ),
                maximumGrossExposure: try reader.number(map["max_gross_exposure"], at: "limits.max_gross_exposure"),
                ordersPerMinute: try reader.integer(map["orders_per_minute"], at: "limits.orders_per_minute"),
                botDailyLoss: try reader.fraction(map["bot_daily_loss"], at: "limits.bot_daily_loss"),
                maximumLeverage: leverage ?? Limits.defaultMaximumLeverage
            )
        }
        var personas: [String: PersonaPreset] = [:]
        if let definitions = document["personas"] {
            guard let map = definitions as? [String: Any] else {
                throw FarmError("\(source): personas: must be a mapping of names")
            }
            for name in map.keys.sorted() { personas[name] = try reader.persona(named: name, map[name] as Any) }
        }
        guard let bots = document["bots"] as? [Any], !bots.isEmpty else {
            throw FarmError("\(source): bots: a non-empty list is required")
        }
        for (index, entry) in bots.enumerated() {
            configuration.bots.append(try reader.bot(entry, personas: personas, at: "bots[\(index)]"))
        }
        return configuration
    }

    static func interpolate(
        _ text: String,
        source: String,
        environment: (String) -> String?
    ) throws(FarmError) -> String {
        var output = ""
        var rest = Substring(text)
        while let dollar = rest.indices.first(where: {
            rest[$0] == "$" && rest.index(after: $0) < rest.endIndex && rest[rest.index(after: $0)] == "{"
        }) {
            output += rest[..<dollar]
            let open = rest.index(dollar, offsetBy: 2)
            guard let end = rest[open...].firstIndex(of: "}") else {
                throw FarmError("\(source): unterminated ${ in '\(rest[dollar...].prefix(30))'")
            }
            let name = String(rest[open..<end])
            guard let value = environment(name) else {
                throw FarmError("\(source): environment variable \(name) is not set")
            }
            output += value
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }

    /// Typed field access with errors naming the path.
    struct Reader {
        let source: String

        func fail(_ path: String, _ reason: String) -> FarmError { FarmError("\(source): \(path): \(reason)") }

        func allow(_ map: [String: Any], _ keys: [String], at path: String) throws(FarmError) {
            for key in map.keys.sorted() where !keys.contains(key) {
                throw fail(
                    path.isEmpty ? key : "\(path).\(key)",
                    "unknown field (expected one of \(keys.joined(separator: ", ")))"
                )
            }
        }

        func string(_ value: Any?, at path: String) throws(FarmError) -> String? {
            guard let value else { return nil }
            if let text = value as? String { return text }
            if let number = value as? Int { return String(number) }
            throw fail(path, "expected text")
        }

        func number(_ value: Any?, at path: String) throws(FarmError) -> Double? {
            guard let value else { return nil }
            if let number = value as? Double, number.isFinite { return number }
            if let number = value as? Int { return Double(number) }
            if let text = value as? String, let number = Double(text), number.isFinite { return number }
            throw fail(path, "expected a number")
        }

        func fraction(_ value: Any?, at path: String) throws(FarmError) -> Double? {
            guard let number = try number(value, at: path) else { return nil }
            guard number > 0 && number <= 1 else {
                throw fail(path, "expected a fraction within (0, 1], got \(number)")
            }
            return number
        }

        func integer(_ value: Any?, at path: String) throws(FarmError) -> Int? {
            guard let value else { return nil }
            if let number = value as? Int { return number }
            throw fail(path, "expected an integer")
        }

        func bool(_ value: Any?, at path: String) throws(FarmError) -> Bool? {
            guard let value else { return nil }
            if let flag = value as? Bool { return flag }
            throw fail(path, "expected true or false")
        }

        func strings(_ value: Any?, at path: String) throws(FarmError) -> [String]? {
            guard let value else { return nil }
            if let text = value as? String { return [text] }
            guard let list = value as? [Any] else { throw fail(path, "expected a list of text") }
            var result: [String] = []
            for (index, item) in list.enumerated() {
                guard let text = try string(item, at: "\(path)[\(index)]") else {
                    throw fail("\(path)[\(index)]", "expected text")
                }
                result.append(text)
            }
            return result
        }

        func decimalText(_ value: Any?, at path: String) throws(FarmError) -> Decimal128Text? {
            guard let value else { return nil }
            let text: String
            if let string = value as? String {
                text = string
            } else if let number = value as? Int {
                text = String(number)
            } else if let number = value as? Double {
                text = String(number)
            } else {
                throw fail(path, "expected an amount")
            }
            guard let raw = try? FixedPoint.parse(text), raw > 0 else {
                throw fail(path, "expected a positive decimal amount, got '\(text)'")
            }
            return Decimal128Text(text)
        }

        /// The preset fields a persona definition or a bot's `risk` can set: YAML key and field.
        static var numericFields: [(key: String, field: WritableKeyPath<PersonaPreset, Double>)] {
            [
                ("initial_risk_tolerance", \.initialRiskTolerance), ("max_position_fraction", \.maxPositionFraction),
                ("stop_loss", \.stopLoss), ("take_profit", \.takeProfit), ("entry_threshold", \.entryThreshold),
                ("win_sensitivity", \.winSensitivity), ("loss_sensitivity", \.lossSensitivity),
                ("confidence_floor", \.confidenceFloor),
                ("greed", \.greed), ("fatigue_per_hour", \.fatiguePerHour), ("fomo", \.fomo), ("panic", \.panic),
                ("mistake_probability", \.mistakeProbability), ("learning_rate", \.learningRate),
                ("cosmic_weight", \.cosmicWeight),
                ("max_leverage", \.maxLeverage),
            ]
        }
        /// What a bot's `risk` may override.
        static let riskKeys = [
            "stop_loss", "take_profit", "risk_tolerance", "max_position_fraction", "entry_threshold", "max_leverage",
            "holding_minutes",
        ]

        /// A user-defined persona: a built-in `base` with any preset field changed.
        func persona(named name: String, _ entry: Any) throws(FarmError) -> PersonaPreset {
            let path = "personas.\(name)"
            guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                throw fail(path, "a persona name must be one word")
            }
            guard Persona(rawValue: name) == nil else {
                throw fail(path, "'\(name)' is a built-in persona; give yours another name")
            }
            guard let map = entry as? [String: Any] else { throw fail(path, "must be a mapping with a base persona") }
            let keys =
                ["base", "strategy", "params", "risk_tolerance", "holding_minutes", "signal_delay_bars"]
                + Self.numericFields.map(\.key)
            try allow(map, keys, at: path)
            guard let baseName = try string(map["base"], at: "\(path).base") else {
                throw fail("\(path).base", "is required: the built-in persona yours starts from")
            }
            guard let base = Persona(rawValue: baseName) else {
                throw fail(
                    "\(path).base",
                    "unknown persona '\(baseName)' (expected \(Persona.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            var preset = PersonaPreset.builtIn(base)
            preset.customName = name
            try applyStrategy(map, to: &preset, at: path)
            try applyOverrides(map, keys: keys, to: &preset, at: path)
            if let value = map["signal_delay_bars"] {
                guard let bars = try integer(value, at: "\(path).signal_delay_bars") else {
                    throw fail("\(path).signal_delay_bars", "expected an integer")
                }
                preset.signalDelayBars = bars
            }
            if let problem = preset.problems.first { throw fail(path, problem) }
            return preset
        }

        func applyStrategy(_ map: [String: Any], to preset: inout PersonaPreset, at path: String) throws(FarmError) {
            if let strategy = try string(map["strategy"], at: "\(path).strategy") {
                preset.strategy = strategy
                preset.parameters = [:]
            }
            if let params = map["params"] {
                guard let params = params as? [String: Any] else { throw fail("\(path).params", "must be a mapping") }
                for (key, value) in params {
                    preset.parameters[key] = try string(value, at: "\(path).params.\(key)") ?? "\(value)"
                }
            }
        }

        /// Sets the preset fields among `keys` that `map` gives.
        func applyOverrides(
            _ map: [String: Any],
            keys: [String],
            to preset: inout PersonaPreset,
            at path: String
        ) throws(FarmError) {
            for (key, field) in Self.numericFields where keys.contains(key) {
                if let value = try number(map[key], at: "\(path).\(key)") { preset[keyPath: field] = value }
            }
            if keys.contains("holding_minutes"), let value = map["holding_minutes"] {
                guard let minutes = try integer(value, at: "\(path).holding_minutes"), minutes >= 1 else {
                    throw fail("\(path).holding_minutes", "expected a positive integer")
                }
                preset.holdingMinutes = 1...minutes
            }
            if keys.contains("risk_tolerance"), let band = map["risk_tolerance"] {
                guard let list = band as? [Any], list.count == 2,
                    let low = try number(list[0], at: "\(path).risk_tolerance[0]"),
                    let high = try number(list[1], at: "\(path).risk_tolerance[1]"), low <= high
                else { throw fail("\(path).risk_tolerance", "expected [low, high]") }
                preset.riskTolerance = low...high
                if map["initial_risk_tolerance"] == nil {
                    preset.initialRiskTolerance = min(high, max(low, preset.initialRiskTolerance))
                }
            }
        }

        func bot(_ entry: Any, personas: [String: PersonaPreset], at path: String) throws(FarmError) -> Bot {
            guard let map = entry as? [String: Any] else { throw fail(path, "must be a mapping") }
            try allow(
                map,
                [
                    "name", "persona", "instrument", "capital", "strategy", "params", "risk", "enabled", "seed",
                    "timeframe",
                ],
                at: path
            )
            guard let name = try string(map["name"], at: "\(path).name"), !name.isEmpty else {
                throw fail("\(path).name", "is required")
            }
            guard let personaName = try string(map["persona"], at: "\(path).persona") else {
                throw fail("\(path).persona", "is required")
            }
            var preset: PersonaPreset
            if let custom = personas[personaName] {
                preset = custom
            } else if let persona = Persona(rawValue: personaName) {
                preset = PersonaPreset.builtIn(persona)
            } else {
                let known = Persona.allCases.map(\.rawValue) + personas.keys.sorted()
                throw fail(
                    "\(path).persona",
                    "unknown persona '\(personaName)' (expected \(known.joined(separator: ", ")))"
                )
            }
            try applyStrategy(map, to: &preset, at: path)
            if let risk = map["risk"] {
                guard let risk = risk as? [String: Any] else { throw fail("\(path).risk", "must be a mapping") }
                try allow(risk, Self.riskKeys, at: "\(path).risk")
                try applyOverrides(risk, keys: Self.riskKeys, to: &preset, at: "\(path).risk")
            }
            if let problem = preset.problems.first { throw fail("\(path).risk", problem) }
            let capital: Bot.Capital
            switch map["capital"] {
            case nil:
                throw fail(
                    "\(path).capital",
                    "is required (a fraction of cash such as 0.25, or an amount such as \"15000\")"
                )
            case let number as Double where number > 0 && number <= 1: capital = .fraction(number)
            case let number as Int where number == 1: capital = .fraction(1)
            case let value:
                // Non-nil: the nil case is above.
                capital = .amount(try decimalText(value, at: "\(path).capital")!)
            }
            let seed = try integer(map["seed"], at: "\(path).seed").map { UInt64(max(0, $0)) }
            var timeframe: Timeframe?
            if let text = try string(map["timeframe"], at: "\(path).timeframe") {
                guard let parsed = Timeframe(text) else {
                    throw fail(
                        "\(path).timeframe",
                        "unknown timeframe '\(text)' (expected a count and a unit: 1m, 15m, 1h, 4h, 1d)"
                    )
                }
                timeframe = parsed
            }
            return Bot(
                name: name,
                preset: preset,
                instrument: try string(map["instrument"], at: "\(path).instrument"),
                capital: capital,
                enabled: try bool(map["enabled"], at: "\(path).enabled") ?? true,
                seed: seed,
                timeframe: timeframe
            )
        }
    }
}
