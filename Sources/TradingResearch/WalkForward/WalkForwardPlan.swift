public import TradingCore

/// Rolling train/test windows, `train=30d,test=7d`: train on `[s, s + train)`, test on the following
/// `test`, then move `s` on by `test`. Only whole test windows are used.
public struct WalkForwardPlan: Sendable, Hashable, CustomStringConvertible {
    public let train: Duration
    public let test: Duration

    public init(train: Duration, test: Duration) {
        self.train = train
        self.test = test
    }

    /// Parses `train=30d,test=7d` (units `m`, `h`, `d`, `w`).
    /// - Throws: ``SearchSpecError`` naming the text.
    public init(parsing text: String) throws(SearchSpecError) {
        var train: Duration?
        var test: Duration?
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, let duration = Self.duration(pair[1]) else {
                throw SearchSpecError(
                    text: text,
                    reason: "expected train=DURATION,test=DURATION with m, h, d or w units (train=30d,test=7d)"
                )
            }
            switch pair[0] {
            case "train": train = duration
            case "test": test = duration
            default: throw SearchSpecError(text: text, reason: "unknown key '\(pair[0])'; expected train and test")
            }
        }
        guard let train, let test else { throw SearchSpecError(text: text, reason: "both train= and test= are needed") }
        self.init(train: train, test: test)
    }

    public var description: String { "train=\(Self.text(train)),test=\(Self.text(test))" }

    /// One window: train and test time ranges (start inclusive, end exclusive).
    public struct Window: Sendable, Hashable {
        public let index: Int
        public let trainStart: Timestamp
        public let trainEnd: Timestamp
        public let testEnd: Timestamp
    }

    /// The windows over data spanning `[start, end)`.
    public func windows(start: Timestamp, end: Timestamp) -> [Window] {
        var windows: [Window] = []
        var trainStart = start
        while true {
            let trainEnd = trainStart.advanced(byNanoseconds: train.totalNanoseconds)
            let testEnd = trainEnd.advanced(byNanoseconds: test.totalNanoseconds)
            guard testEnd <= end else { break }
            windows.append(Window(index: windows.count, trainStart: trainStart, trainEnd: trainEnd, testEnd: testEnd))
            trainStart = trainStart.advanced(byNanoseconds: test.totalNanoseconds)
        }
        return windows
    }

    private static func duration(_ text: String) -> Duration? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0 else { return nil }
        let minutes: Int64
        switch unit {
        case "m": minutes = 1
        case "h": minutes = 60
        case "d": minutes = 1_440
        case "w": minutes = 10_080
        default: return nil
        }
        return .seconds(count * minutes * 60)
    }

    private static func text(_ duration: Duration) -> String {
        let minutes = duration.components.seconds / 60
        if minutes % 1_440 == 0 { return "\(minutes / 1_440)d" }
        if minutes % 60 == 0 { return "\(minutes / 60)h" }
        return "\(minutes)m"
    }
}
