import Foundation
import Testing
import TradingTestSupport

@Suite("omega data download, end to end", .serialized)
struct DataDownloadTests {
    @Test("downloads into the store, stops on an error keeping its pages, and resumes where it stopped")
    func resume() throws {
        let start: Int64 = 1_704_067_200_000
        let server = try FakeExchangeServer(
            listedSince: start,
            availableUntil: start + 5_000 * 60_000,
            faults: [.pass, .pass, .status(400, retryAfter: nil)]
        )
        defer { server.shutdown() }
        let directory = try PackagePaths.temporaryDirectory()
        let arguments = [
            "data", "download", "--exchange", "binance", "--symbol", "BTCUSDT", "--timeframe", "1m", "--from",
            "\(start)",
            "--to", "\(start + 4_000 * 60_000)", "--endpoint", server.baseURL, "--data-dir", directory.path,
            "--retry-backoff-ms", "5",
        ]
        let first = try CommandRunner.omega(arguments, in: directory)
        #expect(first.status != 0)
        #expect(first.standardError.contains("HTTP 400") && first.standardError.contains("2000 new bars were stored"))
        let second = try CommandRunner.omega(arguments, in: directory)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(
            second.standardOutput.contains("2000 new (resumed at 2024-01-02T09:20:00Z)"),
            "\(second.standardOutput)"
        )
        let resumedRequest = try #require(server.requests.dropFirst(3).first)
        #expect(resumedRequest.contains("startTime=\(start + 2_000 * 60_000)"))
        let third = try CommandRunner.omega(arguments, in: directory)
        #expect(third.standardOutput.contains("already downloaded"))
        let export = try CommandRunner.omega(
            [
                "data", "export", "--exchange", "binance", "--symbol", "BTCUSDT", "--timeframe", "1m", "--output",
                "out.csv", "--data-dir", directory.path,
            ],
            in: directory
        )
        #expect(export.status == 0)
        let lines = try String(contentsOf: directory.appendingPathComponent("out.csv"), encoding: .utf8).split(
            separator: "\n"
        )
        #expect(lines.count == 4_001)
        let bar = FakeExchangeServer.bar(start + 1_234 * 60_000)
        let expected = "\(start + 1_234 * 60_000),\(bar.open),\(bar.high),\(bar.low),\(bar.close),\(bar.volume)"
        #expect(String(lines[1_235]) == expected)
    }

    @Test("several symbols (ccxt-style too) and timeframes in one call, with progress lines on a log")
    func severalSeries() throws {
        let start: Int64 = 1_704_067_200_000
        let server = try FakeExchangeServer(listedSince: start, availableUntil: start + 5_000 * 60_000)
        defer { server.shutdown() }
        let directory = try PackagePaths.temporaryDirectory()
        let run = try CommandRunner.omega(
            [
                "data", "download", "--exchange", "binance", "--symbol", "BTC/USDT,eth/usdt:USDT", "--timeframe",
                "1m", "--timeframe", "5m", "--from", "\(start)", "--to", "\(start + 2_000 * 60_000)", "--endpoint",
                server.baseURL, "--data-dir", directory.path,
            ],
            in: directory
        )
        #expect(run.status == 0, "\(run.standardError)")
        for series in ["BTCUSDT 1m", "BTCUSDT 5m", "ETHUSDT 1m", "ETHUSDT 5m"] {
            #expect(run.standardOutput.contains("binance \(series): "), "\(series): \(run.standardOutput)")
            #expect(run.standardError.contains("binance \(series): "), "\(series): \(run.standardError)")
        }
        #expect(server.requests.contains { $0.contains("symbol=ETHUSDT&interval=5m") })
        let list = try CommandRunner.omega(["data", "list", "--data-dir", directory.path], in: directory)
        #expect(list.standardOutput.contains("ETHUSDT") && list.standardOutput.contains("5m"), "\(list.standardOutput)")
    }

    @Test("bad options are clear errors")
    func errors() throws {
        for (arguments, message) in [
            (["--exchange", "kraken"], "--exchange kraken: expected one of binance, binanceusdm, bybit, okx, bitget"),
            (["--exchange", "bybit", "--timeframe", "2h30m"], "--timeframe 2h30m"),
        ] {
            var full = [
                "data", "download", "--symbol", "BTCUSDT", "--timeframe", "1m", "--from", "2024-01-01", "--to",
                "2024-01-02",
            ]
            full += arguments
            let result = try CommandRunner.omega(full)
            #expect(result.status != 0)
            #expect(result.standardError.contains(message), "\(result.standardError)")
        }
    }
}
