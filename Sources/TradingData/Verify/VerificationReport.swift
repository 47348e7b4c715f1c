public import TradingMarketData

/// What `omega data verify` found in one candle series.
public struct VerificationReport: Sendable {
    public struct Gap: Sendable, Hashable {
        /// Open time of the last bar before the gap and of the first after it (ms).
        public let after: Int64
        public let before: Int64
        public let missingBars: Int
    }

    public struct ZeroVolumeRun: Sendable, Hashable {
        public let start: Int64
        public let bars: Int
    }

    public struct Outlier: Sendable, Hashable {
        public let time: Int64
        /// Close-to-close return.
        public let change: Double
        public let sigmas: Double
    }

    /// The problem categories, as `--fail-on` names them.
    public enum Check: String, Sendable, CaseIterable {
        case gaps
        case duplicates
        case ohlc
        case zeroVolume = "zero_volume"
        case nonMonotonic = "non_monotonic"
        case outliers
    }

    public let series: String
    public let timeframe: Timeframe
    public var rows = 0
    public var first: Int64?
    public var last: Int64?
    public var gaps: [Gap] = []
    public var missingBars = 0
    public var duplicates = 0
    public var nonMonotonic = 0
    /// Rows with high < low, or open or close outside [low, high].
    public var ohlcProblems = 0
    public var zeroVolumeRuns: [ZeroVolumeRun] = []
    public var zeroVolumeBars = 0
    public var outliers: [Outlier] = []
    public var outlierThreshold: Double
    /// Bars invented by `--fill forward`.
    public var filledBars = 0
    /// Lines a file check could not read at all.
    public var unreadable: [String] = []

    public init(series: String, timeframe: Timeframe, outlierThreshold: Double) {
        self.series = series
        self.timeframe = timeframe
        self.outlierThreshold = outlierThreshold
    }

    /// How many problems of a kind were found.
    public func count(_ check: Check) -> Int {
        switch check {
        case .gaps: gaps.count
        case .duplicates: duplicates
        case .ohlc: ohlcProblems
        case .zeroVolume: zeroVolumeRuns.count
        case .nonMonotonic: nonMonotonic
        case .outliers: outliers.count
        }
    }

    /// The longest gaps first.
    public var longestGaps: [Gap] { gaps.sorted { ($0.missingBars, $1.after) > ($1.missingBars, $0.after) } }
}
