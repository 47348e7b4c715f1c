public import TradingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Astronomical time: Julian days (UT and Terrestrial Time) and the conversions the cosmic models need.
///
/// Meeus' algorithms take Julian Ephemeris Days (TT). UTC differs from TT by ΔT (about 69 s over
/// 2020–2030); ``deltaTSeconds(year:)`` uses the Espenak–Meeus polynomial for 2005–2050.
public enum JulianDate {
    /// The Julian day of the Unix epoch, 1970-01-01T00:00Z.
    static let unixEpoch = 2_440_587.5
    /// J2000.0 as a Julian Ephemeris Day.
    static let j2000 = 2_451_545.0

    /// The Julian day (UT) of `time`.
    public static func julianDay(_ time: Timestamp) -> Double {
        unixEpoch + Double(time.nanoseconds) / 86_400e9
    }

    /// The time of Julian day `jd` (UT), rounded to the nanosecond.
    public static func timestamp(julianDay jd: Double) -> Timestamp {
        Timestamp(nanoseconds: Int64(((jd - unixEpoch) * 86_400e9).rounded()))
    }

    /// TT − UT in seconds for a decimal year (Espenak and Meeus, valid 2005–2050; a fair estimate outside).
    public static func deltaTSeconds(year: Double) -> Double {
        let t = year - 2000
        return 62.92 + 0.32217 * t + 0.005589 * t * t
    }

    /// The Julian Ephemeris Day (TT) of `time`.
    public static func ephemerisDay(_ time: Timestamp) -> Double {
        let jd = julianDay(time)
        return jd + deltaTSeconds(year: decimalYear(julianDay: jd)) / 86_400
    }

    /// The UT time of Julian Ephemeris Day `jde`.
    public static func timestamp(ephemerisDay jde: Double) -> Timestamp {
        timestamp(julianDay: jde - deltaTSeconds(year: decimalYear(julianDay: jde)) / 86_400)
    }

    /// `time` rounded to the nearest second (event times are good to seconds at best).
    static func roundedToSecond(_ time: Timestamp) -> Timestamp {
        Timestamp(seconds: Int64((Double(time.nanoseconds) / 1e9).rounded()))
    }

    /// The year with its fraction, for ΔT and for phase numbering.
    public static func decimalYear(julianDay jd: Double) -> Double {
        2000 + (jd - j2000) / 365.25
    }
}

/// Degrees and radians.
@inline(__always) func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }
@inline(__always) func degrees(_ radians: Double) -> Double { radians * 180 / .pi }
@inline(__always) func sinDegrees(_ value: Double) -> Double { sin(radians(value)) }
@inline(__always) func cosDegrees(_ value: Double) -> Double { cos(radians(value)) }

/// An angle reduced to [0, 360).
@inline(__always) func normalizedDegrees(_ value: Double) -> Double {
    let reduced = value.truncatingRemainder(dividingBy: 360)
    return reduced < 0 ? reduced + 360 : reduced
}
