public import TradingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Mercury station: where its apparent motion along the ecliptic stops and reverses.
public struct MercuryStation: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Direct motion stops: retrograde begins.
        case retrogradeStart = "retrograde_start"
        /// Retrograde motion stops: direct motion resumes.
        case retrogradeEnd = "retrograde_end"
    }

    public let time: Timestamp
    public let kind: Kind
    /// Mercury's geocentric ecliptic longitude at the station (J2000 ecliptic), in degrees.
    public let longitude: Double
}

/// Mercury's geocentric motion and its retrograde periods.
///
/// Heliocentric positions of Mercury and the Earth–Moon barycentre come from the Keplerian elements with
/// secular rates of E. M. Standish, "Keplerian Elements for Approximate Positions of the Major Planets"
/// (JPL, table 1, fitted to DE405 over 1800–2050; errors of tens of arcseconds). The geocentric longitude
/// is their difference; a station is where its rate changes sign, found by a daily scan and refined by
/// bisection to the second. Longitude errors that change slowly barely move a station, so the station times
/// are good to a few hours, well inside a day.
public enum MercuryRetrograde {
    struct Elements {
        let a: (Double, Double), e: (Double, Double), i: (Double, Double)
        let l: (Double, Double), perihelion: (Double, Double), node: (Double, Double)
    }

    static let mercury = Elements(
        a: (0.38709927, 0.00000037),
        e: (0.20563593, 0.00001906),
        i: (7.00497902, -0.00594749),
        l: (252.25032350, 149_472.67411175),
        perihelion: (77.45779628, 0.16047689),
        node: (48.33076593, -0.12534081)
    )
    static let earth = Elements(
        a: (1.00000261, 0.00000562),
        e: (0.01671123, -0.00004392),
        i: (-0.00001531, -0.01294668),
        l: (100.46457166, 35_999.37244981),
        perihelion: (102.93768193, 0.32327364),
        node: (0, 0)
    )

    /// Heliocentric ecliptic coordinates (AU, J2000) at Julian Ephemeris Day `jde`.
    static func position(_ p: Elements, jde: Double) -> (x: Double, y: Double, z: Double) {
        let t = (jde - JulianDate.j2000) / 36_525
        let a = p.a.0 + p.a.1 * t
        let e = p.e.0 + p.e.1 * t
        let inclination = radians(p.i.0 + p.i.1 * t)
        let meanLongitude = p.l.0 + p.l.1 * t
        let perihelion = p.perihelion.0 + p.perihelion.1 * t
        let node = radians(p.node.0 + p.node.1 * t)
        let argument = radians(perihelion) - node
        let meanAnomaly = radians(normalizedDegrees(meanLongitude - perihelion))
        // Kepler's equation by Newton's method.
        var eccentricAnomaly = meanAnomaly + e * sin(meanAnomaly)
        for _ in 0..<12 {
            let delta = (eccentricAnomaly - e * sin(eccentricAnomaly) - meanAnomaly) / (1 - e * cos(eccentricAnomaly))
            eccentricAnomaly -= delta
            if abs(delta) < 1e-13 { break }
        }
        let xOrbit = a * (cos(eccentricAnomaly) - e)
        let yOrbit = a * (1 - e * e).squareRoot() * sin(eccentricAnomaly)
        let (cw, sw, cn, sn, ci, si) = (
            cos(argument), sin(argument), cos(node), sin(node), cos(inclination), sin(inclination)
        )
        return (
            (cw * cn - sw * sn * ci) * xOrbit + (-sw * cn - cw * sn * ci) * yOrbit,
            (cw * sn + sw * cn * ci) * xOrbit + (-sw * sn + cw * cn * ci) * yOrbit,
            sw * si * xOrbit + cw * si * yOrbit
        )
    }

    /// Mercury's geocentric ecliptic longitude in degrees, [0, 360), at Julian Ephemeris Day `jde`.
    static func geocentricLongitude(jde: Double) -> Double {
        let planet = position(mercury, jde: jde)
        let home = position(earth, jde: jde)
        return normalizedDegrees(degrees(atan2(planet.y - home.y, planet.x - home.x)))
    }

    /// Mercury's geocentric ecliptic longitude at `time`, in degrees.
    public static func longitude(at time: Timestamp) -> Double {
        geocentricLongitude(jde: JulianDate.ephemerisDay(time))
    }

    /// The rate of the geocentric longitude in degrees per day (negative while retrograde).
    static func rate(jde: Double) -> Double {
        let step = 1.0 / 24
        var change = geocentricLongitude(jde: jde + step) - geocentricLongitude(jde: jde - step)
        if change > 180 { change -= 360 } else if change < -180 { change += 360 }
        return change / (2 * step)
    }

    /// Whether Mercury is retrograde at `time`.
    public static func isRetrograde(at time: Timestamp) -> Bool { rate(jde: JulianDate.ephemerisDay(time)) < 0 }

    /// The stations with `from ≤ time < to`, in time order.
    public static func stations(from: Timestamp, to: Timestamp) -> [MercuryStation] {
        guard from < to else { return [] }
        let start = JulianDate.ephemerisDay(from)
        let end = JulianDate.ephemerisDay(to)
        var stations: [MercuryStation] = []
        var previousDay = start
        var previousRate = rate(jde: start)
        var day = start
        while day < end {
            day = min(day + 1, end)
            let currentRate = rate(jde: day)
            if (previousRate < 0) != (currentRate < 0) {
                var low = previousDay
                var high = day
                while (high - low) * 86_400 > 1 {
                    let middle = (low + high) / 2
                    if (rate(jde: middle) < 0) == (previousRate < 0) { low = middle } else { high = middle }
                }
                let time = JulianDate.roundedToSecond(JulianDate.timestamp(ephemerisDay: (low + high) / 2))
                if time >= from && time < to {
                    stations.append(
                        MercuryStation(
                            time: time,
                            kind: currentRate < 0 ? .retrogradeStart : .retrogradeEnd,
                            longitude: geocentricLongitude(jde: (low + high) / 2)
                        )
                    )
                }
            }
            previousDay = day
            previousRate = currentRate
        }
        return stations
    }
}
