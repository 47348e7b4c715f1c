import TradingCore
import TradingSim

/// Venues and account APIs for tests, on a manual clock.
enum SimFixtures {
    /// A venue over `market` whose manual clock starts `minutes` into it at wall time `wall`.
    static func venue(
        _ market: SimMarket,
        accounts: [SimAccount] = [.demo],
        minutes: Int64 = 300,
        wall: Timestamp
    ) throws -> SimVenue {
        try SimVenue(
            market: market,
            clock: ReplayClock(
                mode: .manual,
                marketStart: market.start.advanced(byNanoseconds: minutes * SimMarket.minuteNanoseconds),
                wallStart: wall
            ),
            accounts: accounts
        )
    }

    static func accountAPI(
        _ market: SimMarket,
        accounts: [SimAccount] = [.demo],
        wall: Timestamp
    ) throws
        -> BinanceAccountAPI
    {
        BinanceAccountAPI(accounts: accounts, venue: try venue(market, accounts: accounts, wall: wall))
    }
}
