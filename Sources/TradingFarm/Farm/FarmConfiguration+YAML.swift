import Foundation
import TradingBacktest
import TradingCore
import TradingEngine
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

    /// The largest farm.yaml read, in bytes.
    public static let maximumDocumentBytes = 256 * 1024
    /// The most nodes a document may hold once its aliases are expanded (a "billion laughs" of nested
    /// aliases would otherwise grow a few hundred bytes into gigabytes).
    public static let maximumNodes = 100_000
    /// The deepest nesting of `[` and `{` a document may use.
    public static let maximumFlowDepth = 64
    /// The most bars `synthetic_bars` may ask for.
    public static let maximumSyntheticBars = 10_000_000

    /// Parses farm YAML (see ``load(path:)``); `source` names it in errors.
    ///
    /// `${NAME}` is replaced in scalar values only, after the YAML is parsed: never in keys or comments, and a
    /// value cannot add structure. Errors never show a value taken from the environment.
    public static func parse(
        yaml text: String,
        source: String,
        environment: (String) -> String?
    ) throws(FarmError) -> FarmConfiguration {
        let (root, secrets) = try document(yaml: text, source: source, environment: environment)
        do {
            return try configuration(from: root, source: source)
        } catch {
            throw error.redacting(secrets)
        }
    }

    /// A YAML configuration document (a farm.yaml, or another command's file such as `omega sim`'s sim.yaml)
    /// as plain values (``YAMLTree``), bounded as a farm.yaml is, with `${NAME}` replaced in scalar values.
    /// - Returns: the values and the environment values used, which errors must hide (``FarmError/redacting(_:)``).
    package static func document(
        yaml text: String,
        source: String,
        environment: (String) -> String?
    ) throws(FarmError) -> (root: Any, secrets: [String]) {
        let node = try compose(text, source: source)
        var secrets: [String] = []
        do {
            let tree = try YAMLTree.value(node, at: "", source: source)
            return (try interpolate(tree, at: "", source: source, environment: environment, values: &secrets), secrets)
        } catch {
            throw error.redacting(secrets)
        }
    }

    /// ``document(yaml:source:environment:)`` of the file at `path`, with the process's environment.
    package static func document(path: String) throws(FarmError) -> (root: Any, secrets: [String]) {
        let text: String
        do {
            text = try TimeSeriesFile.readText(path)
        } catch {
            throw FarmError("\(path): cannot read the file")
        }
        return try document(yaml: text, source: path) { name in getenv(name).map { String(cString: $0) } }
    }

    /// The document's node tree, bounded in size, depth and alias expansion.
    static func compose(_ text: String, source: String) throws(FarmError) -> Node {
        guard text.utf8.count <= maximumDocumentBytes else {
            throw FarmError(
                "\(source): the file is \(text.utf8.count) bytes; a farm.yaml may hold \(maximumDocumentBytes)"
            )
        }
        var depth = 0
        var deepest = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                depth += 1
                deepest = max(deepest, depth)
            } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                depth -= 1
            }
        }
        guard deepest <= maximumFlowDepth else {
            throw FarmError("\(source): brackets nest \(deepest) deep; a farm.yaml may nest \(maximumFlowDepth)")
        }
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch {
            throw FarmError("\(source): not valid YAML: \(String(describing: error).prefix(300))")
        }
        guard let composed else { throw FarmError("\(source): the document is empty") }
        var budget = maximumNodes
        guard fits(composed, budget: &budget) else {
            throw FarmError(
                "\(source): the document expands to more than \(maximumNodes) nodes (aliases nested too deep?)"
            )
        }
        return composed
    }

    /// Whether `node` and everything under it (aliases expanded) take at most `budget` nodes; stops counting
    /// once over, so the walk is bounded too.
    static func fits(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard fits(key, budget: &budget), fits(value, budget: &budget) else { return false }
            }
        case .sequence(let sequence):
            for item in sequence { guard fits(item, budget: &budget) else { return false } }
        default: break
        }
        return true
    }

    /// `value` with `${NAME}` replaced in every string value (not in keys); the values used are added to
    /// `values`, so errors can hide them.
    static func interpolate(
        _ value: Any,
        at path: String,
        source: String,
        environment: (String) -> String?,
        values: inout [String]
    ) throws(FarmError) -> Any {
        switch value {
        case let text as String:
            return try interpolate(text, at: path, source: source, environment: environment, values: &values)
        case let list as [Any]:
            var result: [Any] = []
            for (index, item) in list.enumerated() {
                result.append(
                    try interpolate(
                        item,
                        at: "\(path)[\(index)]",
                        source: source,
                        environment: environment,
                        values: &values
                    )
                )
            }
            return result
        case let map as [String: Any]:
            var result: [String: Any] = [:]
            for (key, item) in map {
                let inner = path.isEmpty ? key : "\(path).\(key)"
                result[key] = try interpolate(
                    item,
                    at: inner,
                    source: source,
                    environment: environment,
                    values: &values
                )
            }
            return result
        default:
            return value
        }
    }

    static func interpolate(
        _ text: String,
        at path: String,
        source: String,
        environment: (String) -> String?,
        values: inout [String]
    ) throws(FarmError) -> String {
        guard text.contains("${") else { return text }
        var output = ""
        var rest = Substring(text)
        while let dollar = rest.indices.first(where: {
            rest[$0] == "$" && rest.index(after: $0) < rest.endIndex && rest[rest.index(after: $0)] == "{"
        }) {
            output += rest[..<dollar]
            let open = rest.index(dollar, offsetBy: 2)
            guard let end = rest[open...].firstIndex(of: "}") else {
                throw FarmError("\(source): \(path): unterminated ${")
            }
            let name = String(rest[open..<end])
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw FarmError("\(source): \(path): '${\(name.prefix(40))}' is not an environment variable name")
            }
            guard let value = environment(name) else {
                throw FarmError("\(source): \(path): environment variable \(name) is not set")
            }
            if !value.isEmpty { values.append(value) }
            output += value
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }

    /// The configuration in a parsed, interpolated document.
    static func configuration(from root: Any, source: String) throws(FarmError) -> FarmConfiguration {
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
        configuration.feeBps = try reader.number(document["fee_bps"], at: "fee_bps", in: 0...1_000)
        configuration.slippageBps = try reader.number(document["slippage_bps"], at: "slippage_bps", in: 0...1_000) ?? 0
        configuration.data = try reader.strings(document["data"], at: "data") ?? []
        configuration.syntheticBars =
            try reader.integer(document["synthetic_bars"], at: "synthetic_bars", in: 1...maximumSyntheticBars)
            ?? 43_200
        configuration.seed = UInt64(try reader.integer(document["seed"], at: "seed", in: 0...Int.max) ?? 42)
        configuration.sentimentFile = try reader.string(document["sentiment_file"], at: "sentiment_file")
        configuration.schumannFile = try reader.string(document["schumann_file"], at: "schumann_file")
        if let limits = document["limits"] {
            guard let map = limits as? [String: Any] else { throw FarmError("\(source): limits: must be a mapping") }
            try reader.allow(
                map,
                [
                    "daily_loss", "max_drawdown", "max_position_notional", "max_gross_exposure", "orders_per_minute",
                    "bot_daily_loss", "max_leverage", "on_halt",
                ],
                at: "limits"
            )
            let positive = 0.000_001...1e15
            configuration.limits = Limits(
                dailyLoss: try reader.fraction(map["daily_loss"], at: "limits.daily_loss"),
                maximumDrawdown: try reader.fraction(map["max_drawdown"], at: "limits.max_drawdown"),
                maximumPositionNotional: try reader.number(
                    map["max_position_notional"],
                    at: "limits.max_position_notional",
                    in: positive
                ),
                maximumGrossExposure: try reader.number(
                    map["max_gross_exposure"],
                    at: "limits.max_gross_exposure",
                    in: positive
                ),
                ordersPerMinute: try reader.integer(
                    map["orders_per_minute"],
                    at: "limits.orders_per_minute",
                    in: 1...1_000_000
                ),
                botDailyLoss: try reader.fraction(map["bot_daily_loss"], at: "limits.bot_daily_loss"),
                maximumLeverage: try reader.number(map["max_leverage"], at: "limits.max_leverage", in: 1...125)
                    ?? Limits.defaultMaximumLeverage,
                onHalt: try reader.choice(map["on_halt"], at: "limits.on_halt", CircuitBreakers.Trip.self) ?? .reducing
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
        guard bots.count <= FarmConfiguration.maximumBots else {
            throw FarmError("\(source): bots: \(bots.count) bots; a farm may run \(FarmConfiguration.maximumBots)")
        }
        for (index, entry) in bots.enumerated() {
            configuration.bots.append(try reader.bot(entry, personas: personas, at: "bots[\(index)]"))
        }
        return configuration
    }

    /// Typed field access with errors naming the path.
    package struct Reader {
        let source: String

        package init(source: String) { self.source = source }

        package func fail(_ path: String, _ reason: String) -> FarmError { FarmError("\(source): \(path): \(reason)") }

        package func allow(_ map: [String: Any], _ keys: [String], at path: String) throws(FarmError) {
            for key in map.keys.sorted() where !keys.contains(key) {
                throw fail(
                    path.isEmpty ? key : "\(path).\(key)",
                    "unknown field (expected one of \(keys.joined(separator: ", ")))"
                )
            }
        }

        package func string(_ value: Any?, at path: String) throws(FarmError) -> String? {
            guard let value else { return nil }
            if let text = value as? String { return text }
            if let number = value as? Int { return String(number) }
            throw fail(path, "expected text")
        }

        /// One of a fixed set of words.
        package func choice<Choice: RawRepresentable & CaseIterable>(
            _ value: Any?,
            at path: String,
            _ type: Choice.Type
        ) throws(FarmError) -> Choice? where Choice.RawValue == String {
            guard let text = try string(value, at: path) else { return nil }
            guard let choice = Choice(rawValue: text) else {
                let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(path, "expected one of \(names), got '\(ErrorText.excerpt(text))'")
            }
            return choice
        }

        package func number(_ value: Any?, at path: String) throws(FarmError) -> Double? {
            guard let value else { return nil }
            if let number = value as? Double, number.isFinite { return number }
            if let number = value as? Int { return Double(number) }
            if let text = value as? String, let number = Double(text), number.isFinite { return number }
            throw fail(path, "expected a number")
        }

        /// A number that must lie in `range`.
        package func number(_ value: Any?, at path: String, in range: ClosedRange<Double>) throws(FarmError) -> Double?
        {
            guard let number = try number(value, at: path) else { return nil }
            guard range.contains(number) else {
                throw fail(
                    path,
                    "must be within \(Self.format(range.lowerBound))…\(Self.format(range.upperBound)), got \(number)"
                )
            }
            return number
        }

        /// An integer that must lie in `range`.
        package func integer(_ value: Any?, at path: String, in range: ClosedRange<Int>) throws(FarmError) -> Int? {
            guard let number = try integer(value, at: path) else { return nil }
            guard range.contains(number) else {
                let upper = range.upperBound == .max ? "" : "\(range.upperBound)"
                throw fail(path, "must be within \(range.lowerBound)…\(upper), got \(number)")
            }
            return number
        }

        static func format(_ value: Double) -> String {
            value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
        }

        package func fraction(_ value: Any?, at path: String) throws(FarmError) -> Double? {
            guard let number = try number(value, at: path) else { return nil }
            guard number > 0 && number <= 1 else {
                throw fail(path, "expected a fraction within (0, 1], got \(number)")
            }
            return number
        }

        package func integer(_ value: Any?, at path: String) throws(FarmError) -> Int? {
            guard let value else { return nil }
            if let number = value as? Int { return number }
            if let text = value as? String, let number = Int(text) { return number }
            throw fail(path, "expected an integer")
        }

        package func bool(_ value: Any?, at path: String) throws(FarmError) -> Bool? {
            guard let value else { return nil }
            if let flag = value as? Bool { return flag }
            if let text = value as? String, let flag = Bool(text) { return flag }
            throw fail(path, "expected true or false")
        }

        package func strings(_ value: Any?, at path: String) throws(FarmError) -> [String]? {
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
            guard let raw = try? FixedPoint.parse(text), raw > 0, raw <= FixedPoint.scale * 1_000_000_000_000 else {
                throw fail(path, "expected a positive decimal amount up to 1e12, got '\(text.prefix(100))'")
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
                [
                    "base", "strategy", "params", "risk_tolerance", "holding_minutes", "signal_delay_bars", "timeframe",
                    "entry_order",
                ]
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
                guard let bars = try integer(value, at: "\(path).signal_delay_bars", in: 0...1_000) else {
                    throw fail("\(path).signal_delay_bars", "expected an integer")
                }
                preset.signalDelayBars = bars
            }
            if let text = try string(map["timeframe"], at: "\(path).timeframe") {
                guard let timeframe = Timeframe(text) else {
                    throw fail(
                        "\(path).timeframe",
                        "unknown timeframe '\(text)' (expected a count and a unit: 1m, 15m, 1h, 4h, 1d)"
                    )
                }
                preset.timeframe = timeframe
            }
            if let text = try string(map["entry_order"], at: "\(path).entry_order") {
                guard let order = EntryOrder(rawValue: text) else {
                    throw fail("\(path).entry_order", "unknown entry order '\(text)' (expected market or post_only)")
                }
                preset.entryOrder = order
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
                guard let minutes = try integer(value, at: "\(path).holding_minutes"), (1...525_600).contains(minutes)
                else {
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
            case let number as Double where number <= 0:
                throw fail("\(path).capital", "must be positive, got \(number)")
            case let number as Int where number == 1: capital = .fraction(1)
            case let value:
                // Non-nil: the nil case is above.
                capital = .amount(try decimalText(value, at: "\(path).capital")!)
            }
            let seed = try integer(map["seed"], at: "\(path).seed", in: 0...Int.max).map { UInt64($0) }
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

extension FarmError {
    /// This error with every value in `secrets` replaced by `***`.
    package func redacting(_ secrets: [String]) -> FarmError {
        var text = message
        for secret in secrets.sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: secret, with: "***")
        }
        return FarmError(text)
    }
}
