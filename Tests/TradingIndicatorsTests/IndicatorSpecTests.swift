import Testing
import TradingIndicators

@Suite("Indicator specs")
struct IndicatorSpecTests {
    @Test("specs parse with defaults and name their columns as the issue states")
    func columns() throws {
        #expect(try IndicatorSpec(parsing: "ema:12").columns == ["ema:12"])
        #expect(try IndicatorSpec(parsing: "obv").columns == ["obv"])
        #expect(
            try IndicatorSpec(parsing: "macd:12:26:9").columns == [
                "macd:12:26:9.macd", "macd:12:26:9.signal", "macd:12:26:9.hist",
            ]
        )
        #expect(
            try IndicatorSpec(parsing: "bbands:20:2").columns == [
                "bbands:20:2.upper", "bbands:20:2.middle", "bbands:20:2.lower",
            ]
        )
        #expect(try IndicatorSpec(parsing: "stoch:14:3:3").columns == ["stoch:14:3:3.k", "stoch:14:3:3.d"])
        #expect(try IndicatorSpec(parsing: "adx:14").columns == ["adx:14.adx", "adx:14.plus_di", "adx:14.minus_di"])
        let macd = try IndicatorSpec(parsing: "macd")
        #expect(macd.arguments == [12, 26, 9])
        #expect(try IndicatorSpec(parsing: "bbands:10").arguments == [10, 2])
        for kind in IndicatorCatalog.kinds {
            let spec = try IndicatorSpec(parsing: kind.name)
            #expect(spec.makeIndicator().outputCount == kind.outputs.count, "\(kind.name)")
        }
    }

    @Test(
        "bad specs are refused with the spec, the problem and the valid choices",
        arguments: [
            ("foo:3", "unknown indicator 'foo'"),
            ("ema:0", "period must be in 1…100000"),
            ("ema:x", "period must be a number, got 'x'"),
            ("ema:2.5", "period must be a whole number"),
            ("ema:12:3", "ema takes at most 1"),
            ("obv:3", "obv takes no arguments"),
            ("macd:26:12:9", "fast (26) must be below slow (12)"),
            ("", "empty indicator name"),
        ]
    )
    func errors(spec: String, message: String) {
        do {
            _ = try IndicatorSpec(parsing: spec)
            Issue.record("\(spec) was accepted")
        } catch {
            #expect(error.description.hasPrefix("indicator '\(spec)':"))
            #expect(error.description.contains(message), "\(error.description)")
            if message.hasPrefix("unknown") { #expect(error.description.contains("valid names: sma, ema")) }
        }
    }
}
