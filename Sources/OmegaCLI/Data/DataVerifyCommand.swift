import ArgumentParser
import TradingBacktest
import TradingCore
import TradingData
import TradingMarketData
import TradingReports

/// `omega data verify`
struct DataVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check candles for gaps, duplicates, bad OHLC, zero-volume runs, out-of-order times and outlier returns.",
        discussion: """
            Checks stored series (all candle series, or the one named by --exchange, --symbol and --timeframe) or \
            files given as arguments (read as `data import` would, without storing them). Exits non-zero when a \
            check named in --fail-on finds something.
            """
    )

    @OptionGroup var directory: DataDirectoryOption

    @Argument(help: "Candle files to check instead of the store.")
    var files: [String] = []

    @Option(help: "Exchange of the stored series.")
    var exchange: String?

    @Option(help: "Symbol of the stored series.")
    var symbol: String?

    @Option(help: "Timeframe of the stored series (and of files whose name does not give it).")
    var timeframe: String?

    @Option(help: "Returns beyond this many standard deviations are outliers.")
    var sigma: Double = 8

    @Option(
        name: .customLong("fail-on"),
        help: "Exit non-zero on: gaps, duplicates, ohlc, zero_volume, non_monotonic, outliers (comma-separated)."
    )
    var failOn: String?

    @Flag(help: "Machine-readable JSON.")
    var json = false

    func validate() throws {
        guard sigma > 0 else { throw ValidationError("--sigma \(sigma): must be positive") }
        _ = try failChecks()
        if let timeframe, Timeframe(timeframe) == nil {
            throw ValidationError("--timeframe \(timeframe): expected 1m, 1h, 1d …")
        }
    }

    func failChecks() throws -> [VerificationReport.Check] {
        guard let failOn else { return [] }
        return try failOn.split(separator: ",").map { name in
            guard let check = VerificationReport.Check(rawValue: String(name)) else {
                throw ValidationError(
                    "--fail-on \(name): expected \(VerificationReport.Check.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return check
        }
    }

    func run() throws {
        try runDataCommand {
            let reports = try files.isEmpty ? verifyStore() : verifyFiles()
            guard !reports.isEmpty else { throw DataCommandError("nothing to verify: the store has no candle series") }
            if json {
                print(JSONValue.array(reports.map(VerificationOutput.json)).serialized())
            } else {
                print(reports.map(VerificationOutput.text).joined(separator: "\n"))
            }
            let failing = try failChecks().filter { check in reports.contains { $0.count(check) > 0 } }
            if !failing.isEmpty {
                var standardError = StandardError()
                print("verify failed: \(failing.map(\.rawValue).joined(separator: ", "))", to: &standardError)
                throw ExitCode(1)
            }
        }
    }

    private func verifyStore() throws -> [VerificationReport] {
        let store = try directory.openStore()
        return try store.read { reader in
            var keys = try reader.summaries().map(\.key).filter { $0.kind == .candles }
            if let exchange { keys = keys.filter { $0.exchange == exchange.lowercased() } }
            if let symbol { keys = keys.filter { $0.symbol == symbol.uppercased() } }
            if let timeframe { keys = keys.filter { $0.timeframe == timeframe } }
            if keys.isEmpty, exchange != nil || symbol != nil || timeframe != nil {
                throw DataCommandError("no stored candle series matches; see `omega data list`")
            }
            return try keys.compactMap { key in
                guard let frame = Timeframe(key.timeframe) else { return nil }
                var verifier = CandleVerifier(series: key.description, timeframe: frame, outlierSigmas: sigma)
                try reader.candles(key) { batch in for candle in batch { verifier.add(candle) } }
                return verifier.finish()
            }
        }
    }

    /// Files are read into a scratch store in memory: rows the importer refuses are counted by kind.
    private func verifyFiles() throws -> [VerificationReport] {
        var reports: [VerificationReport] = []
        for file in files {
            let scratch = try MarketStore(path: ":memory:")
            var options = ImportOptions()
            options.exchange = exchange ?? "file"
            options.symbol = symbol
            options.timeframe = timeframe
            // Everything the file holds is looked at: bad lines are counted, a repeated bar with other values
            // is a duplicate (the last one is kept), and the file's order is checked row by row.
            options.skipBadLines = true
            options.replace = true
            let imported = try DataImporter.importFiles([file], options: options, into: scratch)
            for result in imported {
                guard let frame = Timeframe(result.key.timeframe) else { continue }
                var verifier = CandleVerifier(
                    series: "\(file) (\(result.key.timeframe))",
                    timeframe: frame,
                    outlierSigmas: sigma
                )
                try scratch.read { reader in
                    try reader.candles(result.key) { batch in for candle in batch { verifier.add(candle) } }
                }
                var report = verifier.finish()
                report.duplicates += result.repeatedRows
                report.nonMonotonic += result.outOfOrderRows
                for line in result.rejected {
                    if line.reason.contains("outside [low") || line.reason.hasPrefix("high ") {
                        report.ohlcProblems += 1
                    } else {
                        report.unreadable.append(line.description)
                    }
                }
                reports.append(report)
            }
        }
        return reports
    }
}

/// Text and JSON renderings of a verification report.
enum VerificationOutput {
    static func time(_ ms: Int64) -> String { String(Timestamp(milliseconds: ms).description.prefix(16)) }

    static func text(_ report: VerificationReport) -> String {
        var lines = [
            "\(report.series): \(report.rows) bars"
                + (report.first.map { " \(time($0)) → \(time(report.last ?? $0))" } ?? "")
        ]
        lines.append("  gaps: \(report.gaps.count) (\(report.missingBars) missing bars)")
        for gap in report.longestGaps.prefix(5) {
            lines.append("    \(time(gap.after)) → \(time(gap.before)): \(gap.missingBars) bars missing")
        }
        lines.append(
            "  duplicates: \(report.duplicates); out of order: \(report.nonMonotonic); high < low or open/close outside: \(report.ohlcProblems)"
        )
        lines.append(
            "  zero-volume runs (≥ 3 bars): \(report.zeroVolumeRuns.count) (\(report.zeroVolumeBars) zero-volume bars in all)"
        )
        for run in report.zeroVolumeRuns.sorted(by: { $0.bars > $1.bars }).prefix(3) {
            lines.append("    \(time(run.start)): \(run.bars) bars")
        }
        lines.append("  returns beyond \(DisplayFormat.fixed2(report.outlierThreshold)) σ: \(report.outliers.count)")
        for outlier in report.outliers.prefix(5) {
            lines.append(
                "    \(time(outlier.time)): \(DisplayFormat.percent(outlier.change)) (\(DisplayFormat.fixed2(outlier.sigmas)) σ)"
            )
        }
        if report.filledBars > 0 { lines.append("  forward-filled bars: \(report.filledBars)") }
        if !report.unreadable.isEmpty {
            lines.append("  unreadable lines: \(report.unreadable.count)")
            for line in report.unreadable.prefix(5) { lines.append("    \(line)") }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: VerificationReport) -> JSONValue {
        .object([
            ("series", .string(report.series)), ("timeframe", .string(report.timeframe.description)),
            ("bars", .int(report.rows)),
            ("first", report.first.map { .string(Timestamp(milliseconds: $0).description) } ?? .null),
            ("last", report.last.map { .string(Timestamp(milliseconds: $0).description) } ?? .null),
            ("gaps", .int(report.gaps.count)), ("missing_bars", .int(report.missingBars)),
            (
                "longest_gaps",
                .array(
                    report.longestGaps.prefix(10).map { gap in
                        .object([
                            ("after", .string(Timestamp(milliseconds: gap.after).description)),
                            ("before", .string(Timestamp(milliseconds: gap.before).description)),
                            ("missing_bars", .int(gap.missingBars)),
                        ])
                    }
                )
            ),
            ("duplicates", .int(report.duplicates)), ("non_monotonic", .int(report.nonMonotonic)),
            ("ohlc", .int(report.ohlcProblems)),
            ("zero_volume_runs", .int(report.zeroVolumeRuns.count)), ("zero_volume_bars", .int(report.zeroVolumeBars)),
            ("outlier_sigma", .double(report.outlierThreshold)),
            (
                "outliers",
                .array(
                    report.outliers.prefix(20).map { outlier in
                        .object([
                            ("time", .string(Timestamp(milliseconds: outlier.time).description)),
                            ("return", .double(outlier.change)),
                            ("sigmas", .double(outlier.sigmas)),
                        ])
                    }
                )
            ),
            ("filled_bars", .int(report.filledBars)), ("unreadable_lines", .int(report.unreadable.count)),
        ])
    }
}
