import ArgumentParser
import TradingBacktest
import TradingCore
import TradingCosmos
import TradingFarm
import TradingReports

/// `omega cosmic`: moon phases, Mercury stations and the cosmic factors at an instant, computed offline.
struct CosmicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cosmic",
        abstract: "List moon phases and Mercury stations over a range, and the cosmic factors at an instant.",
        discussion: """
            Moon phases follow Meeus' Astronomical Algorithms (chapter 49), the illuminated fraction chapter 48, \
            Mercury's stations the JPL Keplerian elements. The Schumann value is a documented daily model \
            (7.83 Hz ± 0.15 Hz, peak 15:00 UTC) unless --schumann gives measurements; sentiment is neutral (50) \
            unless --sentiment gives a series (time,value on the 0–100 fear-and-greed scale).
            """
    )

    @OptionGroup var period: TimeRangeOptions

    @Option(
        help: "An instant (UTC) whose factors to report: illumination, phase, Mercury, Schumann, sentiment.",
        transform: TimeArgument.parse
    )
    var at: TimeArgument?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "A sentiment series: CSV of time,value (0–100).")
    var sentiment: String?

    @Option(help: "Measured Schumann frequencies: CSV of time,hertz.")
    var schumann: String?

    func validate() throws {
        if period.from == nil && period.to == nil && at == nil {
            throw ValidationError("give --from and --to, or --at, or both")
        }
        if (period.from == nil) != (period.to == nil) { throw ValidationError("--from and --to go together") }
    }

    func run() throws {
        var calculator = CosmicCalculator()
        do {
            if let sentiment {
                calculator.sentiment = MarketSentiment(series: try TimeSeriesFile.read(sentiment, valueRange: 0...100))
            }
            if let schumann {
                calculator.schumann = SchumannResonance(
                    measurements: try TimeSeriesFile.read(schumann, valueRange: 0...100)
                )
            }
        } catch {
            throw ValidationError("\(error)")
        }
        var members: [(String, JSONValue)] = []
        var phases: [MoonPhaseEvent] = []
        var stations: [MercuryStation] = []
        if let start = period.from?.value, let end = period.to?.value {
            guard end - start <= .seconds(200 * 366 * 86_400) else {
                throw ValidationError("the range is limited to 200 years")
            }
            phases = MoonPhases.events(from: start, to: end)
            stations = MercuryRetrograde.stations(from: start, to: end)
            members.append(("from", .string(start.iso8601)))
            members.append(("to", .string(end.iso8601)))
            members.append(
                (
                    "moon_phases",
                    .array(
                        phases.map {
                            .object([("time", .string($0.time.iso8601)), ("phase", .string($0.phase.rawValue))])
                        }
                    )
                )
            )
            members.append(
                (
                    "mercury_stations",
                    .array(
                        stations.map {
                            .object([
                                ("time", .string($0.time.iso8601)), ("station", .string($0.kind.rawValue)),
                                ("ecliptic_longitude_deg", .double(($0.longitude * 1000).rounded() / 1000)),
                            ])
                        }
                    )
                )
            )
        }
        var instant: CosmicInfluences?
        if let at {
            let influences = calculator.influences(at: at.value)
            instant = influences
            members.append(
                (
                    "at",
                    .object([
                        ("time", .string(influences.time.iso8601)),
                        ("illuminated_fraction", .double((influences.moonIllumination * 1e6).rounded() / 1e6)),
                        ("moon_phase", .string(influences.moonPhase.rawValue)),
                        ("mercury_retrograde", .bool(influences.mercuryRetrograde)),
                        ("schumann_hz", .double((influences.schumannHz * 1e4).rounded() / 1e4)),
                        ("sentiment", .double(influences.sentiment)),
                        ("sentiment_label", .string(MarketSentiment.label(influences.sentiment))),
                        ("cosmic_score", .double((influences.score * 1e4).rounded() / 1e4)),
                    ])
                )
            )
        }
        if json {
            print(JSONValue.object(members).serialized())
            return
        }
        if period.from != nil {
            print("Moon phases (\(phases.count))")
            for phase in phases { print("  \(phase.time.iso8601)  \(phase.phase.rawValue)") }
            print("Mercury stations (\(stations.count))")
            for station in stations { print("  \(station.time.iso8601)  \(station.kind.rawValue)") }
        }
        if let instant {
            print("At \(instant.time.iso8601)")
            print(
                "  moon: \(instant.moonPhase.rawValue), \(DisplayFormat.fixed2(instant.moonIllumination * 100)) % illuminated"
            )
            print("  mercury: \(instant.mercuryRetrograde ? "retrograde" : "direct")")
            print("  schumann: \(DisplayFormat.fixed2(instant.schumannHz)) Hz")
            print(
                "  sentiment: \(DisplayFormat.fixed2(instant.sentiment)) (\(MarketSentiment.label(instant.sentiment)))"
            )
            print("  cosmic score: \(DisplayFormat.fixed2(instant.score))")
        }
    }
}
