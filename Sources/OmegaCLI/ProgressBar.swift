import TradingBacktest
import TradingCore
import TradingReports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress bar on standard error, drawn only when it is a terminal; with `showsETA`, the estimated time
/// left from the rate so far. Updated from one task at a time.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let showsETA: Bool
    private var shown = -1
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant

    init(enabled: Bool, showsETA: Bool = false) {
        self.enabled = enabled
        self.showsETA = showsETA
        started = clock.now
    }

    func update(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard percent != shown else { return }
        shown = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        var standardError = StandardError()
        var eta = ""
        if showsETA && fraction > 0 {
            let elapsed = Double((clock.now - started).totalNanoseconds) / 1e9
            eta = "  ETA \(DisplayFormat.seconds(elapsed * (1 - fraction) / fraction)) s"
        }
        print("\r[\(bar)] \(percent)%\(eta)\u{1B}[K", terminator: "", to: &standardError)
    }

    func finish() {
        guard enabled, shown >= 0 else { return }
        var standardError = StandardError()
        print("\r\u{1B}[K", terminator: "", to: &standardError)
        shown = -1
    }
}
