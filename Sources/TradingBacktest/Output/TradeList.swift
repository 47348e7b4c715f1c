public import TradingCore
public import TradingReports

/// The one trade-list format of backtests and farms, as CSV and JSON: a row per round trip.
///
/// The first six columns are the reference format (`entry_ts,entry_px,exit_ts,exit_px,qty,pnl`: Unix
/// milliseconds, the net PnL). Then the same times in ISO 8601, the instrument and side (long or short), the
/// PnL broken out (gross, fees, funding: net = gross − fees + funding), the return on the entry notional, the
/// duration and the tags. Prices are the volume-weighted gross fill prices (before fees) and, like
/// quantities, are written at the instrument's precision (its tick and lot step); money is exact. A farm adds
/// its own columns after these (``extraHeader``).
public enum TradeList {
    /// One round trip as the list shows it.
    public struct Row: Sendable {
        public let instrument: Instrument
        public let side: PositionSide
        public let entryTime: Timestamp
        public let entryPrice: Price
        public let exitTime: Timestamp
        public let exitPrice: Price
        public let quantity: Quantity
        public let grossRaw: Int128
        public let feesRaw: Int128
        public let fundingRaw: Int128
        public let netRaw: Int128
        public let entryNotionalRaw: Int128
        public let entryTag: String?
        public let exitReason: String?

        public init(
            instrument: Instrument,
            side: PositionSide,
            entryTime: Timestamp,
            entryPrice: Price,
            exitTime: Timestamp,
            exitPrice: Price,
            quantity: Quantity,
            grossRaw: Int128,
            feesRaw: Int128,
            fundingRaw: Int128,
            netRaw: Int128,
            entryNotionalRaw: Int128,
            entryTag: String?,
            exitReason: String?
        ) {
            self.instrument = instrument
            self.side = side
            self.entryTime = entryTime
            self.entryPrice = entryPrice
            self.exitTime = exitTime
            self.exitPrice = exitPrice
            self.quantity = quantity
            self.grossRaw = grossRaw
            self.feesRaw = feesRaw
            self.fundingRaw = fundingRaw
            self.netRaw = netRaw
            self.entryNotionalRaw = entryNotionalRaw
            self.entryTag = entryTag
            self.exitReason = exitReason
        }

        /// A backtest's round trip.
        public init(_ trade: TradeRecord, instrument: Instrument) {
            self.init(
                instrument: instrument,
                side: trade.side,
                entryTime: trade.entryTime,
                entryPrice: trade.entryPrice,
                exitTime: trade.exitTime,
                exitPrice: trade.exitPrice,
                quantity: trade.quantity,
                grossRaw: trade.grossRaw,
                feesRaw: trade.feesRaw,
                fundingRaw: trade.fundingRaw,
                netRaw: trade.netRaw,
                entryNotionalRaw: trade.entryNotionalRaw,
                entryTag: trade.entryTag?.string,
                exitReason: trade.liquidated ? "liquidation" : trade.exitTag?.string
            )
        }

        /// Net PnL over the entry notional.
        public var returnFraction: Double {
            entryNotionalRaw == 0
                ? 0 : FixedPoint.toDoubleApproximately(netRaw) / FixedPoint.toDoubleApproximately(entryNotionalRaw)
        }

        public var durationSeconds: Double { Double(exitTime.nanoseconds - entryTime.nanoseconds) / 1e9 }

        /// The row's columns as (name, JSON value), in ``header`` order.
        public var members: [(String, JSONValue)] {
            [
                ("entry_ts", .number(String(entryTime.milliseconds))),
                ("entry_px", .exact(instrument.round(price: entryPrice).raw)),
                ("exit_ts", .number(String(exitTime.milliseconds))),
                ("exit_px", .exact(instrument.round(price: exitPrice).raw)),
                ("qty", .exact(quantity.raw)),
                ("pnl", .exact(netRaw)),
                ("entry_time", .string(entryTime.iso8601)),
                ("exit_time", .string(exitTime.iso8601)),
                ("instrument", .string(instrument.id.description)),
                ("side", .string(side.rawValue)),
                ("gross_pnl", .exact(grossRaw)),
                ("fees", .exact(feesRaw)),
                ("funding", .exact(fundingRaw)),
                ("return", .double(returnFraction)),
                ("duration_s", .double(durationSeconds)),
                ("entry_tag", entryTag.map { .string($0) } ?? .null),
                ("exit_reason", exitReason.map { .string($0) } ?? .null),
            ]
        }

        /// The row's CSV cells, in ``header`` order.
        public var fields: [String] {
            [
                String(entryTime.milliseconds), instrument.format(price: entryPrice), String(exitTime.milliseconds),
                instrument.format(price: exitPrice), instrument.format(quantity: quantity), FixedPoint.format(netRaw),
                entryTime.iso8601, exitTime.iso8601, instrument.id.description, side.rawValue,
                FixedPoint.format(grossRaw), FixedPoint.format(feesRaw), FixedPoint.format(fundingRaw),
                JSONValue.double(returnFraction).serialized(), JSONValue.double(durationSeconds).serialized(),
                TradeList.csvCell(entryTag ?? ""), TradeList.csvCell(exitReason ?? ""),
            ]
        }
    }

    /// The CSV header's columns.
    public static let header = [
        "entry_ts", "entry_px", "exit_ts", "exit_px", "qty", "pnl", "entry_time", "exit_time", "instrument", "side",
        "gross_pnl", "fees", "funding", "return", "duration_s", "entry_tag", "exit_reason",
    ]

    /// A CSV cell: quoted when it holds a comma, a quote or a line break.
    public static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences("\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
