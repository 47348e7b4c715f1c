public import TradingCore
public import TradingReports

/// Closed trades grouped by a key, freqtrade-style: per instrument, per exit reason, or per day, week
/// (from Monday, UTC) or month of the exit.
public struct TradeBreakdown: Sendable {
    /// What trades are grouped by.
    public enum Key: String, Sendable, CaseIterable {
        case instrument
        case exitReason = "exit_reason"
        case day
        case week
        case month
    }

    /// One group's figures; PnL is net of fees and funding, in the account currency.
    public struct Row: Sendable, Hashable {
        public let label: String
        public var trades = 0
        public var wins = 0
        public var netPnL = 0.0
        public var fees = 0.0
        /// The sum of the trades' returns on their entry notional.
        public var returnSum = 0.0

        public var winRate: Double { trades > 0 ? Double(wins) / Double(trades) : 0 }
        public var averageReturn: Double { trades > 0 ? returnSum / Double(trades) : 0 }
    }

    public let key: Key
    public let rows: [Row]

    /// Groups a backtest's `trades`.
    public init(_ trades: [TradeRecord], by key: Key, instruments: [Instrument]) {
        self.init(rows: trades.map { TradeList.Row($0, instrument: instruments[$0.instrument.int]) }, by: key)
    }

    /// Groups trade-list rows (a backtest's or a farm's); rows are in first-seen order for instruments and
    /// reasons, in time order for periods.
    public init(rows trades: [TradeList.Row], by key: Key) {
        self.key = key
        var rows: [Row] = []
        var index: [String: Int] = [:]
        for trade in trades {
            let label = Self.label(trade, key: key)
            let position: Int
            if let found = index[label] {
                position = found
            } else {
                position = rows.count
                index[label] = position
                rows.append(Row(label: label))
            }
            rows[position].trades += 1
            if trade.netRaw > 0 { rows[position].wins += 1 }
            rows[position].netPnL += FixedPoint.toDouble(trade.netRaw)
            rows[position].fees += FixedPoint.toDouble(trade.feesRaw)
            rows[position].returnSum += trade.returnFraction
        }
        switch key {
        case .day, .week, .month: self.rows = rows.sorted { $0.label < $1.label }
        case .instrument, .exitReason: self.rows = rows
        }
    }

    static func label(_ trade: TradeList.Row, key: Key) -> String {
        let exit = trade.exitTime.civil
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch key {
        case .instrument: return trade.instrument.id.description
        case .exitReason: return trade.exitReason ?? "signal"
        case .day: return "\(exit.year)-\(pad(exit.month))-\(pad(exit.day))"
        case .week:
            let days = Int(trade.exitTime.nanoseconds / 86_400_000_000_000)
            // 1970-01-01 was a Thursday: Monday is 3 days before day 0 (mod 7).
            let monday = days - ((days + 3) % 7 + 7) % 7
            let start = CivilTime.civilFromDays(monday)
            return "\(start.year)-\(pad(start.month))-\(pad(start.day))"
        case .month: return "\(exit.year)-\(pad(exit.month))"
        }
    }

    /// The rows as a table (for the terminal or, through ``TextTable/html``, a report).
    public func textTable(currency: String) -> TextTable {
        var table = TextTable(header: ["", "trades", "win rate", "avg return", "net PnL (\(currency))", "fees"])
        for row in rows {
            table.append([
                row.label, "\(row.trades)", DisplayFormat.percent(row.winRate),
                DisplayFormat.percent(row.averageReturn),
                DisplayFormat.money(row.netPnL), DisplayFormat.money(row.fees),
            ])
        }
        return table
    }

    /// The breakdown as an aligned text table, with a heading.
    public func table(currency: String) -> String {
        let title: String
        switch key {
        case .instrument: title = "By instrument"
        case .exitReason: title = "By exit reason"
        case .day: title = "By day of exit"
        case .week: title = "By week of exit (from Monday)"
        case .month: title = "By month of exit"
        }
        let table = textTable(currency: currency)
        return title + "\n" + table.text
    }
}
