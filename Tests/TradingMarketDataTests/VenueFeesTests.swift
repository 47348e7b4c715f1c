import Testing
import TradingCore
import TradingMarketData
import TradingTestSupport

@Suite("Fees by venue")
struct VenueFeesTests {
    func instrument(_ file: String, venueFees: Bool) throws -> Instrument {
        let files = try TestFiles()
        let path = try files.write(file, "timestamp,open,high,low,close,volume\n1704067200000,1,1,1,1,1\n")
        var defaults = InstrumentDefaults(
            makerFee: Ratio(raw: FixedPoint.scale / 1_000),
            takerFee: Ratio(raw: FixedPoint.scale / 1_000)
        )
        defaults.usesVenueFees = venueFees
        return try #require(try MarketDataSetup(paths: [path], defaults: defaults).instruments.first)
    }

    @Test(
        "without a fee given, each instrument pays its venue's maker and taker fee by market type",
        arguments: [
            ("binance_BTCUSDT_1h.csv", "10", "10"), ("binanceusdm_BTCUSDT_1h.csv", "2", "5"),
            ("bybit_BTCUSDT_1h.csv", "2", "5.5"), ("okx_BTCUSDT_1h.csv", "8", "10"),
            ("coinbase_BTCUSD_1h.csv", "40", "60"), ("mystery_BTCUSDT_1h.csv", "10", "10"),
        ]
    )
    func schedule(file: String, maker: String, taker: String) throws {
        let charged = try instrument(file, venueFees: true)
        #expect(charged.makerFee.basisPoints.description == maker, "\(file)")
        #expect(charged.takerFee.basisPoints.description == taker, "\(file)")
    }

    @Test("a fee given overrides the venue's")
    func override() throws {
        let charged = try instrument("binanceusdm_BTCUSDT_1h.csv", venueFees: false)
        #expect(charged.makerFee == Ratio(raw: FixedPoint.scale / 1_000))
        #expect(charged.takerFee == Ratio(raw: FixedPoint.scale / 1_000))
    }
}
