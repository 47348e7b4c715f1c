public import TradingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The four principal phases of the Moon.
public enum MoonPhase: String, Sendable, Hashable, CaseIterable, Codable {
    case new
    case firstQuarter = "first_quarter"
    case full
    case lastQuarter = "last_quarter"

    /// The fraction of a lunation at which the phase falls (0 new, 0.25 first quarter, …).
    var lunationOffset: Double {
        switch self {
        case .new: 0
        case .firstQuarter: 0.25
        case .full: 0.5
        case .lastQuarter: 0.75
        }
    }
}

/// One principal phase: its kind and time (UTC).
public struct MoonPhaseEvent: Sendable, Hashable {
    public let time: Timestamp
    public let phase: MoonPhase
}

/// The eight names of the Moon's phase at an instant, by elongation from the Sun in 45° sectors centred on
/// the principal phases.
public enum MoonPhaseName: String, Sendable, Hashable, CaseIterable {
    case new
    case waxingCrescent = "waxing_crescent"
    case firstQuarter = "first_quarter"
    case waxingGibbous = "waxing_gibbous"
    case full
    case waningGibbous = "waning_gibbous"
    case lastQuarter = "last_quarter"
    case waningCrescent = "waning_crescent"
}

/// The Moon's phases and illumination, from Jean Meeus, *Astronomical Algorithms* (2nd ed.):
///
/// - phase times: chapter 49, the mean phase plus the periodic terms and the fourteen planetary
///   arguments (accurate to well under a minute over 1900–2100);
/// - illuminated fraction: chapter 48's phase angle from the mean elongation and anomalies with the six
///   largest periodic terms (accurate to about 0.005);
/// - elongation (for the phase name): the same series.
public enum MoonPhases {
    /// The principal phases with `from ≤ time < to`, in time order.
    public static func events(from: Timestamp, to: Timestamp) -> [MoonPhaseEvent] {
        guard from < to else { return [] }
        let startYear = JulianDate.decimalYear(julianDay: JulianDate.julianDay(from))
        var k = ((startYear - 2000) * 12.3685).rounded(.down) - 1
        var events: [MoonPhaseEvent] = []
        while true {
            var passedEnd = true
            for phase in MoonPhase.allCases {
                let time = JulianDate.roundedToSecond(
                    JulianDate.timestamp(ephemerisDay: ephemerisDay(lunation: k + phase.lunationOffset, phase: phase))
                )
                if time < to { passedEnd = false }
                if time >= from && time < to { events.append(MoonPhaseEvent(time: time, phase: phase)) }
            }
            if passedEnd { break }
            k += 1
        }
        return events
    }

    /// The Julian Ephemeris Day of the phase with (fractional) lunation number `k` (Meeus 49.1 and the
    /// periodic terms of table 49.A).
    static func ephemerisDay(lunation k: Double, phase: MoonPhase) -> Double {
        let t = k / 1236.85
        let t2 = t * t
        let t3 = t2 * t
        let t4 = t3 * t
        var jde = 2_451_550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4
        let e = 1 - 0.002516 * t - 0.0000074 * t2
        let m = radians(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3)
        let mp = radians(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4)
        let f = radians(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4)
        let omega = radians(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3)
        switch phase {
        case .new, .full:
            let c: [Double] =
                phase == .new
                ? [-0.40720, 0.17241, 0.01608, 0.01039, 0.00739, -0.00514, 0.00208]
                : [-0.40614, 0.17302, 0.01614, 0.01043, 0.00734, -0.00515, 0.00209]
            jde +=
                c[0] * sin(mp) + c[1] * e * sin(m) + c[2] * sin(2 * mp) + c[3] * sin(2 * f)
                + c[4] * e * sin(mp - m) + c[5] * e * sin(mp + m) + c[6] * e * e * sin(2 * m)
            jde +=
                -0.00111 * sin(mp - 2 * f) - 0.00057 * sin(mp + 2 * f) + 0.00056 * e * sin(2 * mp + m)
                - 0.00042 * sin(3 * mp) + 0.00042 * e * sin(m + 2 * f) + 0.00038 * e * sin(m - 2 * f)
                - 0.00024 * e * sin(2 * mp - m) - 0.00017 * sin(omega) - 0.00007 * sin(mp + 2 * m)
                + 0.00004 * sin(2 * mp - 2 * f) + 0.00004 * sin(3 * m) + 0.00003 * sin(mp + m - 2 * f)
                + 0.00003 * sin(2 * mp + 2 * f) - 0.00003 * sin(mp + m + 2 * f) + 0.00003 * sin(mp - m + 2 * f)
                - 0.00002 * sin(mp - m - 2 * f) - 0.00002 * sin(3 * mp + m) + 0.00002 * sin(4 * mp)
        case .firstQuarter, .lastQuarter:
            jde +=
                -0.62801 * sin(mp) + 0.17172 * e * sin(m) - 0.01183 * e * sin(mp + m) + 0.00862 * sin(2 * mp)
                + 0.00804 * sin(2 * f) + 0.00454 * e * sin(mp - m) + 0.00204 * e * e * sin(2 * m)
                - 0.00180 * sin(mp - 2 * f) - 0.00070 * sin(mp + 2 * f) - 0.00040 * sin(3 * mp)
                - 0.00034 * e * sin(2 * mp - m) + 0.00032 * e * sin(m + 2 * f) + 0.00032 * e * sin(m - 2 * f)
                - 0.00028 * e * e * sin(mp + 2 * m) + 0.00027 * e * sin(2 * mp + m) - 0.00017 * sin(omega)
                - 0.00005 * sin(mp - m - 2 * f) + 0.00004 * sin(2 * mp + 2 * f) - 0.00004 * sin(mp + m + 2 * f)
                + 0.00004 * sin(mp - 2 * m) + 0.00003 * sin(mp + m - 2 * f) + 0.00003 * sin(3 * m)
                + 0.00002 * sin(2 * mp - 2 * f) + 0.00002 * sin(mp - m + 2 * f) - 0.00002 * sin(3 * mp + m)
            let w =
                0.00306 - 0.00038 * e * cos(m) + 0.00026 * cos(mp) - 0.00002 * cos(mp - m)
                + 0.00002 * cos(mp + m) + 0.00002 * cos(2 * f)
            jde += phase == .firstQuarter ? w : -w
        }
        // The planetary arguments A1…A14, common to all phases.
        let arguments: [(Double, Double, Double)] = [
            (0.000325, 299.77, 0.107408), (0.000165, 251.88, 0.016321), (0.000164, 251.83, 26.651886),
            (0.000126, 349.42, 36.412478), (0.000110, 84.66, 18.206239), (0.000062, 141.74, 53.303771),
            (0.000060, 207.14, 2.453732), (0.000056, 154.84, 7.306860), (0.000047, 34.52, 27.261239),
            (0.000042, 207.19, 0.121824), (0.000040, 291.34, 1.844379), (0.000037, 161.72, 24.198154),
            (0.000035, 239.56, 25.513099), (0.000023, 331.55, 3.592518),
        ]
        for (index, (coefficient, base, rate)) in arguments.enumerated() {
            var angle = base + rate * k
            if index == 0 { angle -= 0.009173 * t2 }
            jde += coefficient * sinDegrees(angle)
        }
        return jde
    }

    /// The Moon's elongation from the Sun in degrees, [0, 360): 0 at new moon, 90 at first quarter,
    /// 180 at full, 270 at last quarter (Meeus 48.4 and the terms of the phase angle).
    public static func elongation(at time: Timestamp) -> Double {
        let t = (JulianDate.ephemerisDay(time) - JulianDate.j2000) / 36_525
        let t2 = t * t
        let t3 = t2 * t
        let t4 = t3 * t
        let d = 297.8501921 + 445_267.1114034 * t - 0.0018819 * t2 + t3 / 545_868 - t4 / 113_065_000
        let m = 357.5291092 + 35_999.0502909 * t - 0.0001536 * t2 + t3 / 24_490_000
        let mp = 134.9633964 + 477_198.8675055 * t + 0.0087414 * t2 + t3 / 69_699 - t4 / 14_712_000
        // The phase angle is i = 180 − D − (terms); the elongation is its supplement, kept on the full circle.
        let terms =
            6.289 * sinDegrees(mp) - 2.100 * sinDegrees(m) + 1.274 * sinDegrees(2 * d - mp)
            + 0.658 * sinDegrees(2 * d) + 0.214 * sinDegrees(2 * mp) + 0.110 * sinDegrees(d)
        return normalizedDegrees(d + terms)
    }

    /// The illuminated fraction of the Moon's disk, 0…1 (Meeus 48.1 with the phase angle of 48.4).
    public static func illuminatedFraction(at time: Timestamp) -> Double {
        let phaseAngle = 180 - elongation(at: time)
        return (1 + cosDegrees(phaseAngle)) / 2
    }

    /// The phase's name at `time`.
    public static func phaseName(at time: Timestamp) -> MoonPhaseName { phaseName(elongation: elongation(at: time)) }

    static func phaseName(elongation: Double) -> MoonPhaseName {
        let sector = Int(normalizedDegrees(elongation + 22.5) / 45) % 8
        return MoonPhaseName.allCases[sector]
    }
}
