public import TradingCore
public import TradingMarketData

/// Every event a source gives, in order.
public func drain(_ source: any MarketDataSource) throws -> [MarketEvent] {
    var events: [MarketEvent] = []
    while let event = try source.next() { events.append(event) }
    return events
}
