import TradingBacktest
import TradingCore
import TradingReports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress bar on standard error, drawn only when it is a terminal; with `showsETA`, the estimated time
/// left from the rate so far. With a `label`, a standard error that is not a terminal (a log, CI) gets a
/// plain line every 10 % instead. Updated from one task at a time.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let showsETA: Bool
    private let label: String?
    private let terminal: Bool
    private var shown = -1
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant

    init(enabled: Bool, showsETA: Bool = false, label: String? = nil) {
        terminal = isatty(STDERR_FILENO) != 0
        self.enabled = enabled && (terminal || label != nil)
        self.showsETA = showsETA
        self.label = label
        started = clock.now
    }

    func update(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard percent != shown else { return }
        if !terminal, let label {
            guard percent / 10 != shown / 10 || shown < 0 else { return }
            shown = percent
            var standardError = StandardError()
            print("\(label): \(percent / 10 * 10) %", to: &standardError)
            return
        }
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
        guard enabled, shown >= 0, terminal else { return }
        var standardError = StandardError()
        print("\r\u{1B}[K", terminator: "", to: &standardError)
        shown = -1
    }
}
