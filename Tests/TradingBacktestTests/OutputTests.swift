import Foundation
import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingReports
import TradingTestSupport

@Suite("Result files")
struct OutputTests {
    func result() throws -> BacktestResult {
        try Scenario(
            events: bars([
                ("100", "100", "100", "100"), ("100", "101", "99", "100"), ("110", "111", "109", "110"),
                ("110", "110", "110", "110"),
            ]),
            strategy: submitting { index in
                switch index {
                case 0: [OrderSpec.market(btc, .buy, .base(q("1")), tag: "long_entry")]
                case 1: [OrderSpec.market(btc, .sell, .base(q("1")), reduceOnly: true, tag: "exit")]
                default: []
                }
            }
        ).result
    }

    let run = RunDescription(
        title: "Omega <test> & co",
        strategy: "scripted",
        parameters: [("a", "1")],
        data: ["in-memory"],
        settings: [("fee", "10 bps")]
    )

    @Test(
        "the trade list has the canonical columns first, ISO times beside them, prices and quantities at the instrument's precision, exact money"
    )
    func tradesCSV() throws {
        let files = try TestFiles()
        try ResultFiles.writeTrades(try result(), to: files.path("trades.csv"))
        let lines = try files.read("trades.csv").split(separator: "\n")
        #expect(lines[0].hasPrefix("entry_ts,entry_px,exit_ts,exit_px,qty,pnl,"))
        #expect(lines.count == 2)
        #expect(
            lines[0]
                == "entry_ts,entry_px,exit_ts,exit_px,qty,pnl,entry_time,exit_time,instrument,side,gross_pnl,fees,funding,return,duration_s,entry_tag,exit_reason"
        )
        // The instrument's tick is 0.01 and its lot step 0.00001.
        #expect(
            lines[1].hasPrefix(
                "1704067260000,100.00,1704067320000,110.00,1.00000,9.79,2024-01-01T00:01:00Z,2024-01-01T00:02:00Z,BTCUSDT.SIM,long,10,0.21,0,"
            )
        )
        #expect(lines[1].hasSuffix(",long_entry,exit"))
        try ResultFiles.writeTrades(try result(), to: files.path("trades.json"))
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: files.path("trades.json"))))
            as? [[String: Any]]
        #expect(json?.first?["pnl"] as? Double == 9.79)
        #expect(json?.first?["entry_tag"] as? String == "long_entry")
    }

    @Test("the summary JSON has the required keys and parses")
    func summaryJSON() throws {
        let files = try TestFiles()
        try ResultFiles.writeSummary(try result(), run: run, to: files.path("result.json"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: files.path("result.json"))))
                as? [String: Any]
        )
        for key in [
            "trades", "final_equity", "total_return", "max_drawdown", "bars", "sharpe", "win_rate", "audit_digest",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["trades"] as? Int == 1)
        #expect(object["bars"] as? Int == 4)
        #expect(object["final_equity"] as? Double == 100_009.79)
        // Held from the first open (100) to the last close (110); fees 0.21 of a gross 10.
        #expect(abs((object["buy_and_hold_return"] as? Double ?? 0) - 0.1) < 1e-12)
        #expect(abs((object["excess_return"] as? Double ?? 0) - (0.0000979 - 0.1)) < 1e-12)
        #expect(abs(((object["market_change"] as? [String: Double])?["BTCUSDT.SIM"] ?? 0) - 0.1) < 1e-12)
        #expect(object["gross_pnl"] as? Double == 10)
        #expect(object["net_pnl"] as? Double == 9.79)
        #expect(object["trading_state"] as? String == "active")
        #expect((object["state_changes"] as? [Any])?.isEmpty == true)
    }

    @Test("trades break down by instrument, exit reason and the day, week (from Monday) or month of exit")
    func breakdowns() throws {
        let result = try result()
        func labels(_ key: TradeBreakdown.Key) -> [String] {
            TradeBreakdown(result.trades, by: key, instruments: result.instruments).rows.map(\.label)
        }
        #expect(labels(.instrument) == ["BTCUSDT.SIM"])
        #expect(labels(.exitReason) == ["exit"])
        // The trade closed on Monday 2024-01-01.
        #expect(labels(.day) == ["2024-01-01"] && labels(.week) == ["2024-01-01"] && labels(.month) == ["2024-01"])
        let row = try #require(TradeBreakdown(result.trades, by: .month, instruments: result.instruments).rows.first)
        #expect(row.trades == 1 && row.wins == 1 && abs(row.netPnL - 9.79) < 1e-9 && abs(row.fees - 0.21) < 1e-9)
        #expect(
            TradeBreakdown(result.trades, by: .exitReason, instruments: result.instruments).table(currency: "USDT")
                .hasPrefix("By exit reason\n")
        )
    }

    @Test("buy and hold: equal parts of each instrument from its first price to its last, curve from 1")
    func buyAndHold() {
        var holding = BuyAndHold(instruments: 3)
        func bar(_ minute: Int, _ instrument: Int, _ open: String, _ close: String) -> Bar {
            Fixtures.bar(
                minute,
                open: open,
                high: open,
                low: close,
                close: close,
                instrument: InstrumentIndex(instrument)
            )
        }
        holding.add(bar(0, 0, "100", "110"))
        holding.add(bar(1, 1, "10", "10"))
        holding.add(bar(2, 0, "110", "150"))
        holding.add(bar(3, 1, "10", "8"))
        let summary = holding.summary
        // Instrument 0: 100 → 150 (+50 %); instrument 1: 10 → 8 (−20 %); instrument 2 never traded.
        #expect(summary.instruments.map(\.instrument.int) == [0, 1])
        #expect(abs((summary.totalReturn ?? 0) - 0.15) < 1e-12)
        #expect(abs((summary.excess(of: 0.25) ?? 0) - 0.10) < 1e-12)
        #expect(abs((summary.curve.last?.last ?? 0) - 1.15) < 1e-12)
        #expect(summary.curve.first?.last == 1.1)
        #expect(BuyAndHold(instruments: 1).summary.totalReturn == nil)
    }

    @Test("buy and hold read a stretch at a time has exactly the first and last prices of reading every bar")
    func buyAndHoldStretches() {
        var generator = SeededGenerator(seed: 2_024)
        print("buyAndHoldStretches seed 2024")
        var events: [MarketEvent] = []
        var prices = [100.0, 20.0, 3.0]
        for minute in 0..<30_000 {
            // Instrument 2 starts late and stops early; the others trade every minute.
            for instrument in 0..<3 where instrument != 2 || (5_000..<20_000).contains(minute) {
                prices[instrument] *= 1 + Double.random(in: -0.002...0.002, using: &generator)
                let text = String((prices[instrument] * 100).rounded() / 100)
                events.append(
                    .bar(
                        Fixtures.bar(
                            minute,
                            open: text,
                            high: text,
                            low: text,
                            close: text,
                            instrument: InstrumentIndex(instrument)
                        )
                    )
                )
            }
        }
        var exact = BuyAndHold(instruments: 3)
        for event in events { exact.add(event) }
        var stretched = BuyAndHold(instruments: 3)
        events.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let end = min(buffer.count, start + 1_024)
                stretched.add(UnsafeBufferPointer(rebasing: buffer[start..<end]))
                start = end
            }
        }
        #expect(stretched.summary.instruments == exact.summary.instruments)
        #expect(stretched.summary.totalReturn == exact.summary.totalReturn)
        #expect(stretched.summary.curve.count > 100)
        // Both curves end on the equal-weight value of the last prices.
        #expect(abs((stretched.summary.curve.last?.last ?? 0) - (exact.summary.curve.last?.last ?? 1)) < 1e-9)
    }

    @Test(
        "the report is one offline file: inline SVG charts, the price chart's data and its own script, escaped text"
    )
    func report() throws {
        let html = HTMLReport.render(try result(), run: run)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Equity and drawdown; the third is in the script, which draws the price.
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.contains("Omega &lt;test&gt; &amp; co"))
        // One data block and one inline script, nothing loaded: no src, href or URL but the SVG namespace.
        #expect(html.components(separatedBy: "<script type=\"application/json\" id=\"price-data\">").count == 2)
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(!html.contains("src=") && !html.contains("href="))
        let urls = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(urls.range(of: "http") == nil)
        // The candles and the round trip are in the data: [entry ms, price, exit ms, price, long].
        #expect(html.contains("\"trades\":[[1704067260000,100.0,1704067320000,110.0,1]]"))
        #expect(html.contains("class=\"candle-chart\""))
    }

    @Test("the equity file streams every sample; an abandoned file leaves nothing behind")
    func equityFile() throws {
        let files = try TestFiles()
        let writer = try EquityFileWriter(path: files.path("equity.csv"))
        writer.record(time: Timestamp(milliseconds: 1_000), equity: 100, drawdown: 0)
        writer.record(time: Timestamp(milliseconds: 2_000), equity: 95.5, drawdown: 0.045)
        #expect(!files.exists("equity.csv"))
        try writer.commit()
        #expect(try files.read("equity.csv") == "timestamp,equity,drawdown\n1000,100.0,0\n2000,95.5,0.045\n")
        let abandoned = try EquityFileWriter(path: files.path("other.json"))
        abandoned.record(time: Timestamp(milliseconds: 1_000), equity: 1, drawdown: 0)
        abandoned.abandon()
        #expect(!files.exists("other.json") && !files.exists("other.json.partial"))
    }
}
