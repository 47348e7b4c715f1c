import ArgumentParser
import ExchangeKit
import Foundation
import TradingBacktest
import TradingCore
import TradingData
import TradingMarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `omega data download`
struct DataDownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download candles from an exchange's public kline endpoint into the store.",
        discussion: """
            Exchanges: \(KlineVenues.names.joined(separator: ", ")). Pages are fetched under the exchange's rate \
            limit; 429 and 418 answers are waited out as their Retry-After asks, server errors, timeouts and \
            truncated bodies are retried with backoff. Every page is stored as it arrives; running the same \
            command again resumes where an interrupted download stopped. A name that does not resolve, a TLS \
            failure or a 4xx answer fails at once. --symbol and --timeframe take several values (repeated or \
            comma-separated) and ccxt-style symbols (BTC/USDT, BTC/USDT:USDT). --endpoint points at another \
            server (a mirror, or a local test server).
            """
    )

    @OptionGroup var directory: DataDirectoryOption

    @Option(help: "Exchange: \(KlineVenues.names.joined(separator: ", ")).")
    var exchange: String

    @Option(help: "Symbols: BTCUSDT or ccxt-style BTC/USDT (repeatable, or comma-separated).")
    var symbol: [String]

    @Option(help: "Timeframes: 1m, 5m, 15m, 1h, 4h, 1d, 1w, 1M (repeatable, or comma-separated).")
    var timeframe: [String]

    @OptionGroup var period: TimeRangeOptions

    @Option(help: "Base URL instead of the exchange's own (https://api.binance.com).")
    var endpoint: String?

    @Option(help: "Seconds before a request times out.")
    var timeout: Int = 10

    @Option(
        name: .customLong("retry-backoff-ms"),
        help: "First backoff after a failed request, in ms (doubles each time)."
    )
    var retryBackoff: Int = 500

    @Flag(help: "Print only errors.")
    var quiet = false

    func validate() throws {
        guard KlineVenues.venue(named: exchange) != nil else {
            throw ValidationError(
                "--exchange \(exchange): expected one of \(KlineVenues.names.joined(separator: ", "))"
            )
        }
        guard !symbols.isEmpty else { throw ValidationError("--symbol: at least one symbol is required") }
        for symbol in symbols where symbol.isEmpty || !symbol.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            throw ValidationError("--symbol \(ErrorText.excerpt(symbol)): expected letters and digits, like BTCUSDT")
        }
        guard !timeframes.isEmpty else { throw ValidationError("--timeframe: at least one timeframe is required") }
        for timeframe in timeframes {
            guard let interval = KlineInterval(timeframe), Timeframe(timeframe) != nil else {
                throw ValidationError("--timeframe \(timeframe): expected 1m, 5m, 15m, 1h, 4h, 1d, 1w or 1M")
            }
            if let venue = KlineVenues.venue(named: exchange), venue.intervalCode(interval) == nil {
                throw ValidationError("--timeframe \(timeframe): \(exchange) has no such klines")
            }
        }
        guard (1...300).contains(timeout) else {
            throw ValidationError("--timeout \(timeout): must be within 1...300 seconds")
        }
        guard (1...60_000).contains(retryBackoff) else {
            throw ValidationError("--retry-backoff-ms \(retryBackoff): must be within 1...60000")
        }
        _ = try range()
    }

    /// The symbols asked for, in the exchange's plain form: `BTC/USDT` and `BTC/USDT:USDT` (ccxt) become
    /// `BTCUSDT`.
    var symbols: [String] {
        symbol.flatMap { $0.split(separator: ",") }.map { text in
            let market = text.split(separator: ":", maxSplits: 1).first ?? text
            return market.replacingOccurrences(of: "/", with: "").uppercased()
        }
    }

    var timeframes: [String] { timeframe.flatMap { $0.split(separator: ",").map(String.init) } }

    /// The range in Unix milliseconds: `--from` is required; `--to` defaults to now.
    func range() throws -> (Int64, Int64) {
        guard let from = period.from else { throw ValidationError("--from is required: the first day to download") }
        let end = period.to?.value.milliseconds ?? Int64(Date().timeIntervalSince1970 * 1_000)
        guard from.value.milliseconds < end else { throw ValidationError("--from must be before --to") }
        return (from.value.milliseconds, end)
    }

    func run() async throws {
        do {
            try await execute()
        } catch {
            var standardError = StandardError()
            print("error: \(error)", to: &standardError)
            throw ExitCode.failure
        }
    }

    private func execute() async throws {
        var failures: [String] = []
        let pairs = symbols.flatMap { symbol in timeframes.map { (symbol, $0) } }
        for (symbol, timeframe) in pairs {
            do {
                try await download(symbol: symbol, timeframe: timeframe)
            } catch {
                // One symbol failing (a typo, a delisted pair) does not stop the others.
                guard pairs.count > 1 else { throw error }
                var standardError = StandardError()
                print("error: \(symbol) \(timeframe): \(error)", to: &standardError)
                failures.append("\(symbol) \(timeframe)")
            }
        }
        if !failures.isEmpty {
            throw DataCommandError(
                "\(failures.count) of \(pairs.count) downloads failed: \(failures.joined(separator: ", "))"
            )
        }
    }

    private func download(symbol: String, timeframe: String) async throws {
        guard let venue = KlineVenues.venue(named: exchange), let interval = KlineInterval(timeframe) else { return }
        let (start, end) = try range()
        let store = try directory.openStore()
        let key = SeriesKey(exchange: venue.name, symbol: symbol, kind: .candles, timeframe: timeframe)
        let resumeFrom = try store.read { try $0.downloadCursor(key, start: start, end: end) }
        if let resumeFrom, resumeFrom >= end {
            if !quiet {
                print(
                    "\(key) \(Timestamp(milliseconds: start)) → \(Timestamp(milliseconds: end)) is already downloaded"
                )
            }
            return
        }
        let first = max(start, resumeFrom ?? start)
        let transport = AsyncHTTPTransport()
        let policy = RequestPolicy(timeout: .seconds(timeout), initialBackoff: .milliseconds(retryBackoff))
        let downloader = KlineDownloader(venue: venue, transport: transport, baseURL: endpoint, policy: policy)
        let progress = ProgressBar(enabled: !quiet, showsETA: true, label: "\(venue.name) \(symbol) \(timeframe)")
        var stored = 0
        let report: KlineDownloader.Report
        do {
            report = try await downloader.download(
                symbol: symbol,
                interval: interval,
                from: first,
                to: end,
                progress: { progress.update($0) },
                store: { rows, cursor in
                    let candles = try rows.map { row -> StoredCandle in
                        guard let open = Self.decimal(row.open), let high = Self.decimal(row.high),
                            let low = Self.decimal(row.low),
                            let close = Self.decimal(row.close), let volume = Self.decimal(row.volume)
                        else {
                            throw DataCommandError(
                                "\(venue.name) sent an unreadable number in the bar at \(Timestamp(milliseconds: row.openTime))"
                            )
                        }
                        return StoredCandle(
                            openTime: row.openTime,
                            open: open,
                            high: high,
                            low: low,
                            close: close,
                            volume: volume
                        )
                    }
                    stored += try store.transaction { writer in
                        let inserter = try writer.inserter(.candles, series: try writer.seriesID(key))
                        for candle in candles { try inserter.add(candle) }
                        let inserted = try inserter.finish()
                        try writer.recordDownload(key, start: start, end: end, cursor: cursor)
                        return inserted
                    }
                }
            )
        } catch {
            progress.finish()
            try? await transport.shutdown()
            throw DataCommandError("\(error); \(stored) new bars were stored — run the same command again to resume")
        }
        progress.finish()
        try await transport.shutdown()
        if !quiet {
            let resumed = resumeFrom.map { " (resumed at \(Timestamp(milliseconds: $0)))" } ?? ""
            print(
                "\(key): \(report.bars) bars in \(report.pages) pages, \(stored) new\(resumed); \(report.counters.requests) requests, "
                    + "\(report.counters.retried) retried, \(report.counters.rateLimited) rate-limited"
            )
        }
    }

    static func decimal(_ text: String) -> Decimal8? {
        Array(text.utf8).withUnsafeBufferPointer(Decimal8.parse)
    }
}
