import Foundation
import Testing
import TradingCore
import TradingCosmos
import TradingTestSupport

/// Moon phases, illumination and Mercury stations against PyEphem's (VSOP87 / ELP-2000) published values in
/// `../shared/reference/astronomy_2023_2026.json`, and against a few almanac dates that need no file.
@Suite("Astronomy")
struct AstronomyTests {
    struct Reference: Decodable {
        struct Phase: Decodable {
            let time: String
            let phase: String
        }
        struct Station: Decodable {
            let time: String
            let station: String
        }
        struct Illumination: Decodable {
            let time: String
            let illuminated_fraction: Double
        }
        let moon_phases: [Phase]
        let mercury_stations: [Station]
        let moon_illumination_daily: [Illumination]
    }

    static func time(_ text: String) throws -> Timestamp { try Timestamp(parsing: text) }

    static func reference() throws -> Reference {
        let data = try Data(contentsOf: URL(fileURLWithPath: SharedData.reference("astronomy_2023_2026.json")))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    @Test("Almanac dates: new moon of the 2024-04-08 eclipse, full moon 2024-01-25, Mercury retrograde April 2024")
    func almanac() throws {
        let phases = MoonPhases.events(
            from: try Self.time("2024-01-20T00:00:00Z"),
            to: try Self.time("2024-04-10T00:00:00Z")
        )
        let full = try #require(phases.first { $0.phase == .full })
        #expect(abs((full.time - (try Self.time("2024-01-25T17:54:00Z"))).totalNanoseconds) < 600_000_000_000)
        let eclipse = try #require(phases.last { $0.phase == .new })
        #expect(abs((eclipse.time - (try Self.time("2024-04-08T18:21:00Z"))).totalNanoseconds) < 600_000_000_000)
        let stations = MercuryRetrograde.stations(
            from: try Self.time("2024-03-01T00:00:00Z"),
            to: try Self.time("2024-05-01T00:00:00Z")
        )
        #expect(stations.map(\.kind) == [.retrogradeStart, .retrogradeEnd])
        let day: Int64 = 86_400_000_000_000
        #expect(abs((stations[0].time - (try Self.time("2024-04-01T22:14:00Z"))).totalNanoseconds) < day)
        #expect(abs((stations[1].time - (try Self.time("2024-04-25T12:54:00Z"))).totalNanoseconds) < day)
        #expect(MercuryRetrograde.isRetrograde(at: try Self.time("2024-04-10T00:00:00Z")))
        #expect(!MercuryRetrograde.isRetrograde(at: try Self.time("2024-05-10T00:00:00Z")))
    }

    @Test(
        "Every moon phase of 2023–2026 is within 10 minutes of the reference",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func moonPhases() throws {
        let reference = try Self.reference()
        let first = try Self.time(reference.moon_phases.first!.time)
        let last = try Self.time(reference.moon_phases.last!.time)
        let computed = MoonPhases.events(from: first - .seconds(3_600), to: last + .seconds(3_600))
        #expect(computed.count == reference.moon_phases.count)
        var worst: Int64 = 0
        for (ours, theirs) in zip(computed, reference.moon_phases) {
            #expect(ours.phase.rawValue == theirs.phase)
            let error = abs((ours.time - (try Self.time(theirs.time))).totalNanoseconds)
            worst = max(worst, error)
            #expect(error <= 600_000_000_000, "\(theirs.phase) at \(theirs.time): ours \(ours.time)")
        }
        print("moon phases: \(computed.count), worst error \(Double(worst) / 60e9) min")
    }

    @Test(
        "Daily illuminated fraction is within 0.01 of the reference",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func illumination() throws {
        let reference = try Self.reference()
        var worst = 0.0
        for day in reference.moon_illumination_daily {
            let ours = MoonPhases.illuminatedFraction(at: try Self.time(day.time))
            worst = max(worst, abs(ours - day.illuminated_fraction))
            #expect(abs(ours - day.illuminated_fraction) <= 0.01, "\(day.time)")
        }
        print("illumination: \(reference.moon_illumination_daily.count) days, worst error \(worst)")
    }

    @Test(
        "Every Mercury station of 2023–2026 is within a day of the reference",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func mercuryStations() throws {
        let reference = try Self.reference()
        let computed = MercuryRetrograde.stations(
            from: try Self.time("2023-01-01T00:00:00Z"),
            to: try Self.time("2027-01-01T00:00:00Z")
        )
        #expect(computed.count == reference.mercury_stations.count)
        var worst: Int64 = 0
        for (ours, theirs) in zip(computed, reference.mercury_stations) {
            #expect(ours.kind.rawValue == theirs.station)
            let error = abs((ours.time - (try Self.time(theirs.time))).totalNanoseconds)
            worst = max(worst, error)
            #expect(error <= 86_400_000_000_000, "\(theirs.station) at \(theirs.time): ours \(ours.time)")
        }
        print("mercury stations: \(computed.count), worst error \(Double(worst) / 3_600e9) h")
    }

    @Test("Phase names follow the elongation; the Schumann model stays within its band and peaks at 15:00 UTC")
    func namesAndSchumann() throws {
        let full = try #require(
            MoonPhases.events(from: try Self.time("2024-01-20T00:00:00Z"), to: try Self.time("2024-02-01T00:00:00Z"))
                .first { $0.phase == .full }
        )
        #expect(MoonPhases.phaseName(at: full.time) == .full)
        #expect(MoonPhases.illuminatedFraction(at: full.time) > 0.99)
        #expect(MoonPhases.phaseName(at: full.time + .seconds(5 * 86_400)) == .waningGibbous)
        let peak = SchumannResonance.modelFrequency(at: try Self.time("2024-03-01T15:00:00Z"))
        let trough = SchumannResonance.modelFrequency(at: try Self.time("2024-03-01T03:00:00Z"))
        #expect(abs(peak - 7.98) < 1e-9)
        #expect(abs(trough - 7.68) < 1e-9)
        let measured = SchumannResonance(
            measurements: TimeSeries([(time: try Self.time("2024-03-01T00:00:00Z"), value: 8.1)])
        )
        #expect(measured.frequency(at: try Self.time("2024-03-02T00:00:00Z")) == 8.1)
        #expect(MarketSentiment().value(at: try Self.time("2024-03-02T00:00:00Z")) == 50)
    }
}
