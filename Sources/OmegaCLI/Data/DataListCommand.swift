import ArgumentParser
import TradingBacktest
import TradingCore
import TradingData
import TradingMarketData
import TradingReports

/// `omega data list`
struct DataListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List what the store holds: series, span, rows and gaps."
    )

    @OptionGroup var directory: DataDirectoryOption

    @Flag(help: "Machine-readable JSON instead of a table.")
    var json = false

    func run() throws {
        try runDataCommand {
            let store = try directory.openStore()
            let rows = try store.read { reader in
                try reader.summaries().map { summary -> (SeriesSummary, Int?) in
                    guard summary.key.kind == .candles, let frame = Timeframe(summary.key.timeframe) else {
                        return (summary, nil)
                    }
                    var verifier = CandleVerifier(series: summary.key.description, timeframe: frame)
                    try reader.candles(summary.key) { batch in for candle in batch { verifier.add(candle) } }
                    return (summary, verifier.finish().gaps.count)
                }
            }
            if json {
                let items: [JSONValue] = rows.map { summary, gaps in
                    .object([
                        ("exchange", .string(summary.key.exchange)), ("symbol", .string(summary.key.symbol)),
                        ("kind", .string(summary.key.kind.rawValue)), ("timeframe", .string(summary.key.timeframe)),
                        ("first", .string(Timestamp(milliseconds: summary.first).description)),
                        ("last", .string(Timestamp(milliseconds: summary.last).description)),
                        ("rows", .int(summary.rows)), ("gaps", gaps.map { .int($0) } ?? .null),
                    ])
                }
                print(JSONValue.object([("store", .string(store.path)), ("series", .array(items))]).serialized())
                return
            }
            guard !rows.isEmpty else {
                print("The store \(store.path) is empty. Add data with `omega data import FILE`.")
                return
            }
            var table = TextTable(
                header: ["exchange", "symbol", "kind", "timeframe", "from", "to", "rows", "gaps"],
                leftAligned: [0, 1, 2, 3, 4, 5]
            )
            for (summary, gaps) in rows {
                table.append([
                    summary.key.exchange, summary.key.symbol, summary.key.kind.rawValue, summary.key.timeframe,
                    String(Timestamp(milliseconds: summary.first).description.prefix(16)),
                    String(Timestamp(milliseconds: summary.last).description.prefix(16)),
                    DisplayFormat.grouped(summary.rows), gaps.map(String.init) ?? "–",
                ])
            }
            print(table.text, terminator: "")
            print("store: \(store.path)")
        }
    }
}
