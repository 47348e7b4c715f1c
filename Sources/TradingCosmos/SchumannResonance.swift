public import TradingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Earth's fundamental Schumann resonance, in hertz.
///
/// The base frequency is 7.83 Hz. Its daily variation follows a documented model unless a measured series
/// is given: the fundamental rises by up to about 0.15 Hz when the dominant thunderstorm regions (Africa and
/// the Americas) are in daytime, peaking near 15:00 UTC and lowest near 03:00 UTC (after Sátori et al.,
/// "Diurnal and seasonal variations of Schumann resonance frequencies", 1996). The model is
/// `f(t) = 7.83 + 0.15 · cos(2π (h − 15) / 24)` with `h` the UTC hour of day with its fraction.
public struct SchumannResonance: Sendable, Hashable {
    public static let baseFrequency = 7.83
    public static let dailyAmplitude = 0.15
    public static let peakHourUTC = 15.0

    /// Measured values (time, hertz), in time order; when present, the value in force is the latest at or
    /// before the time asked for (the model before the first).
    public var measurements: TimeSeries

    public init(measurements: TimeSeries = TimeSeries()) { self.measurements = measurements }

    /// The frequency at `time`.
    public func frequency(at time: Timestamp) -> Double {
        if let measured = measurements.value(at: time) { return measured }
        return Self.modelFrequency(at: time)
    }

    /// The daily model alone.
    public static func modelFrequency(at time: Timestamp) -> Double {
        let day: Int64 = 86_400_000_000_000
        var offset = time.nanoseconds % day
        if offset < 0 { offset += day }
        let hour = Double(offset) / 3_600e9
        return baseFrequency + dailyAmplitude * cos(2 * .pi * (hour - peakHourUTC) / 24)
    }
}

/// A step series of values over time: the value at a time is the latest one at or before it.
public struct TimeSeries: Sendable, Hashable {
    public private(set) var times: [Int64] = []
    public private(set) var values: [Double] = []

    public init() {}

    /// A series from points; they are sorted by time (stable).
    public init(_ points: [(time: Timestamp, value: Double)]) {
        let sorted = points.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        times = sorted.map { $0.element.time.nanoseconds }
        values = sorted.map(\.element.value)
    }

    public var isEmpty: Bool { times.isEmpty }
    public var count: Int { times.count }

    /// The latest value at or before `time`, or `nil` before the first point.
    public func value(at time: Timestamp) -> Double? {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= time.nanoseconds { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : values[low - 1]
    }
}
