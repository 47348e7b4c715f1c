public import TradingCore

/// Instruments and streaming sources for a set of data files.
public struct MarketDataSetup {
    public let instruments: [Instrument]
    public let sources: [any MarketDataSource]
    public let descriptions: [DataFileDescription]

    /// Describes each file, builds one instrument per distinct symbol (candles, trades, quotes and books
    /// of one symbol share it) and opens a source per file. Funding files apply to the perpetual
    /// instruments whose venue symbol they list.
    ///
    /// - Parameters:
    ///   - paths: data files, in the order given (their order breaks replay ties).
    ///   - market: overrides the spot/perpetual kind inferred from file names.
    ///   - timeframe: the bar length when file names do not say (else inferred from the rows).
    /// - Throws: ``MarketDataError`` for unreadable files, unknown formats, funding without a perpetual, or
    ///   instruments quoted in different currencies.
    public init(
        paths: [String],
        defaults: InstrumentDefaults,
        market: InstrumentKind? = nil,
        timeframe: Timeframe? = nil,
        range: TimeRange = .all
    ) throws(MarketDataError) {
        var descriptions: [DataFileDescription] = []
        var instruments: [Instrument] = []
        var indexByID: [InstrumentID: InstrumentIndex] = [:]
        do {
            for path in paths { descriptions.append(try DataFileDescription.describe(path, market: market)) }
        } catch {
            throw .data(error)
        }
        for description in descriptions where description.kind != .funding {
            guard let id = description.instrumentID, let symbol = description.venueSymbol else { continue }
            if indexByID[id] != nil { continue }
            do {
                instruments.append(
                    try defaults.instrument(
                        id: id,
                        venueSymbol: symbol,
                        kind: description.instrumentKind,
                        base: description.base,
                        quote: description.quote
                    )
                )
            } catch {
                throw .configuration("\(description.path): \(error)")
            }
            indexByID[id] = InstrumentIndex(instruments.count - 1)
        }
        guard !instruments.isEmpty else { throw .configuration("no market data files (only funding rates were given)") }
        let quotes = Set(instruments.map(\.quote))
        guard quotes.count == 1 else {
            throw .configuration(
                "instruments are quoted in different currencies (\(quotes.map(\.code).sorted().joined(separator: ", "))); one backtest account holds one quote currency"
            )
        }
        var sources: [any MarketDataSource] = []
        do {
            for description in descriptions {
                switch description.kind {
                case .funding:
                    var symbols: [String: InstrumentIndex] = [:]
                    for (index, instrument) in instruments.enumerated()
                    where instrument.kind == .linearPerpetual && instrument.id.venue == description.venue {
                        symbols[instrument.venueSymbol.value] = InstrumentIndex(index)
                    }
                    guard !symbols.isEmpty else {
                        throw MarketDataError.configuration(
                            "\(description.path): funding rates need a perpetual instrument on \(description.venue) (e.g. a binanceusdm_… data file)"
                        )
                    }
                    sources.append(try FundingFileSource(path: description.path, instruments: symbols, range: range))
                default:
                    guard let id = description.instrumentID, let index = indexByID[id] else { continue }
                    switch description.kind {
                    case .candles:
                        sources.append(
                            try CandleFileSource(
                                path: description.path,
                                instrument: index,
                                timeframe: timeframe ?? description.timeframe,
                                range: range
                            )
                        )
                    case .trades:
                        sources.append(try TradeFileSource(path: description.path, instrument: index, range: range))
                    case .quotes:
                        sources.append(try QuoteFileSource(path: description.path, instrument: index, range: range))
                    case .books:
                        sources.append(try BookFileSource(path: description.path, instrument: index, range: range))
                    case .funding: break
                    }
                }
            }
        } catch let error as MarketDataError {
            throw error
        } catch let error as DataError {
            throw .data(error)
        } catch {
            throw .configuration("\(error)")
        }
        self.instruments = instruments
        self.sources = sources
        self.descriptions = descriptions
    }
}

/// Why a set of market data files cannot be replayed together.
public enum MarketDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file is unreadable or malformed (the error names the file, line and field).
    case data(DataError)
    /// The files do not fit together, or an instrument cannot be made from a file's name.
    case configuration(String)

    public var description: String {
        switch self {
        case .data(let error): error.description
        case .configuration(let message): "configuration: \(message)"
        }
    }
}
