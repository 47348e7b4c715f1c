public import TradingCore

/// What a data file holds.
public enum DataKind: String, Sendable, Hashable, CaseIterable {
    case candles
    case trades
    case quotes
    case books
    case funding
}

/// What a data file is and which instrument it describes, read from its header and its name
/// (`<exchange>_<SYMBOL>_<timeframe|trades|bbo|book>.<ext>`, as in `../shared/data`).
///
/// | exchange prefix | venue | kind |
/// | --- | --- | --- |
/// | `binance` | BINANCE | spot |
/// | `binanceusdm` | BINANCE | linear perpetual |
/// | `bybit` | BYBIT | linear perpetual |
/// | `okx`, `bitget` | OKX, BITGET | spot |
/// | `ftx` | FTX | perpetual when the symbol ends in `-PERP` |
/// | others | the prefix in capitals | spot |
///
/// Perpetuals get our instrument ID `SYMBOL-PERP.VENUE`, so they never clash with the spot pair.
public struct DataFileDescription: Sendable, Hashable {
    public let path: String
    public let kind: DataKind
    public let venue: Venue
    /// The venue's spelling of the symbol (`BTCUSDT`); `nil` for funding files, which hold many.
    public let venueSymbol: String?
    public let instrumentKind: InstrumentKind
    public let base: Currency
    public let quote: Currency
    /// The bar length named in the file name, if any.
    public let timeframe: Timeframe?

    /// Reads the file's first line and its name.
    /// - Parameter market: overrides the kind inferred from the name.
    /// - Throws: ``DataError`` when the file cannot be read or its header is not a known format.
    public static func describe(_ path: String, market: InstrumentKind? = nil) throws(DataError) -> DataFileDescription
    {
        let reader = try LineReader(path: path, chunkSize: 1 << 16)
        guard let line = try reader.nextLine() else { throw DataError(file: path, message: "empty file") }
        let header = String(decoding: line, as: UTF8.self)
        let kind: DataKind
        if header.hasPrefix("{") {
            kind = .books
        } else {
            let columns = header.split(separator: ",", omittingEmptySubsequences: false).map(\.columnName)
            func starts(with expected: [String]) -> Bool { Array(columns.prefix(expected.count)) == expected }
            if starts(with: CandleFileSource.header) {
                kind = .candles
            } else if starts(with: TradeFileSource.header) {
                kind = .trades
            } else if starts(with: QuoteFileSource.header) {
                kind = .quotes
            } else if starts(with: FundingFileSource.header) {
                kind = .funding
            } else {
                throw DataError(
                    file: path,
                    line: 1,
                    message:
                        "unknown header '\(header)'; expected candles (\(CandleFileSource.header.joined(separator: ","))), trades, BBO quotes, funding rates or JSON-lines books"
                )
            }
        }
        return try describe(path: path, kind: kind, market: market)
    }

    /// Describes a stored candle series as if it came from `<exchange>_<SYMBOL>_<timeframe>.csv`.
    public static func describe(
        exchange: String,
        symbol: String,
        timeframe: Timeframe,
        market: InstrumentKind? = nil
    ) throws(DataError) -> DataFileDescription {
        try describe(path: "\(exchange)_\(symbol)_\(timeframe).csv", kind: .candles, market: market)
    }

    static func describe(path: String, kind: DataKind, market: InstrumentKind?) throws(DataError) -> DataFileDescription
    {
        var name = String(path.split(separator: "/").last ?? Substring(path))
        for suffix in [".gz", ".csv", ".jsonl", ".json", ".txt"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
        }
        let parts = name.split(separator: "_").map(String.init)
        var exchange = "sim"
        var symbol = name.uppercased()
        var timeframe: Timeframe?
        if parts.count >= 2, let frame = Timeframe(parts[1]) {
            // <symbol>_<timeframe>[_anything]: no exchange named.
            symbol = parts[0].uppercased()
            timeframe = frame
        } else if parts.count >= 3 {
            exchange = parts[0].lowercased()
            symbol = parts[1]
            timeframe = Timeframe(parts[2])
        } else if parts.count == 2 {
            if let frame = Timeframe(parts[1]) {
                symbol = parts[0].uppercased()
                timeframe = frame
            } else {
                exchange = parts[0].lowercased()
                symbol = parts[1]
            }
        }
        let (venueName, inferredKind): (String, InstrumentKind) =
            switch exchange {
            case "binanceusdm": ("BINANCE", .linearPerpetual)
            case "bybit": ("BYBIT", .linearPerpetual)
            case "ftx": ("FTX", symbol.uppercased().hasSuffix("-PERP") ? .linearPerpetual : .spot)
            default: (exchange.uppercased().filter { $0.isLetter || $0.isNumber || $0 == "_" }, .spot)
            }
        let venue: Venue
        do {
            venue = try Venue(venueName.isEmpty ? "SIM" : venueName)
        } catch {
            throw DataError(file: path, message: "cannot name a venue from '\(exchange)': \(error)")
        }
        let (base, quote) = try splitSymbol(symbol, path: path)
        return DataFileDescription(
            path: path,
            kind: kind,
            venue: venue,
            venueSymbol: kind == .funding ? nil : symbol.uppercased(),
            instrumentKind: market ?? inferredKind,
            base: base,
            quote: quote,
            timeframe: timeframe
        )
    }

    /// Splits `BTCUSDT`, `BTC-USDT`, `BTC-PERP` or `XRPETH` into base and quote by known quote suffixes.
    static func splitSymbol(_ symbol: String, path: String) throws(DataError) -> (Currency, Currency) {
        var text = symbol.uppercased()
        if text.hasSuffix("-PERP") {
            text.removeLast(5)
            text += "USD"
        }
        text = text.replacing("-", with: "").replacing("/", with: "")
        let quotes = ["FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USD", "EUR", "GBP", "TRY", "BTC", "ETH", "BNB", "DAI"]
        var base = text
        var quote = "USD"
        for candidate in quotes where text.hasSuffix(candidate) && text.count > candidate.count {
            base = String(text.dropLast(candidate.count))
            quote = candidate
            break
        }
        do {
            return (try Currency(base.isEmpty ? "UNKNOWN" : String(base.prefix(15))), try Currency(quote))
        } catch {
            throw DataError(file: path, message: "cannot read base and quote currencies from '\(symbol)': \(error)")
        }
    }

    /// Our ID for the file's instrument: `BTCUSDT.BINANCE`, or `BTCUSDT-PERP.BINANCE` for perpetuals.
    public var instrumentID: InstrumentID? {
        guard let venueSymbol else { return nil }
        var symbol = venueSymbol.replacing("/", with: "")
        if instrumentKind == .linearPerpetual && !symbol.hasSuffix("PERP") { symbol += "-PERP" }
        return try? InstrumentID(symbol: symbol, venue: venue)
    }
}
