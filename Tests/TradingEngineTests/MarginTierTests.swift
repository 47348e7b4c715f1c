import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

@Suite("Maintenance-margin tiers and the Binance liquidation price")
struct MarginTierTests {
    /// Binance USD-M BTCUSDT brackets (notional floors and maintenance margin rates).
    let btc = MarginTiers([
        (Fixtures.money("0"), Fixtures.ratio("0.004")), (Fixtures.money("50000"), Fixtures.ratio("0.005")),
        (Fixtures.money("250000"), Fixtures.ratio("0.01")), (Fixtures.money("1000000"), Fixtures.ratio("0.025")),
        (Fixtures.money("10000000"), Fixtures.ratio("0.05")),
    ])

    @Test("maintenance amounts follow the published rule (Binance's worked example: 50 × (5 % − 2.5 %) + 0.56 = 1.81)")
    func maintenanceAmounts() {
        let coin = MarginTiers([
            (Fixtures.money("0", .btc), Fixtures.ratio("0.005")), (Fixtures.money("5", .btc), Fixtures.ratio("0.0065")),
            (Fixtures.money("10", .btc), Fixtures.ratio("0.01")), (Fixtures.money("20", .btc), Fixtures.ratio("0.025")),
            (Fixtures.money("50", .btc), Fixtures.ratio("0.05")),
        ])
        // 5 × 0.15 % = 0.0075; + 10 × 0.35 % = 0.0425; + 20 × 1.5 % = 0.3425 … the documented level-5 amount uses cum(4) = 0.56.
        #expect(
            coin.tiers[4].maintenanceAmount.raw - coin.tiers[3].maintenanceAmount.raw
                == Fixtures.money("1.25", .btc).raw
        )
        #expect(
            btc.tiers.map(\.maintenanceAmount) == ["0", "50", "1300", "16300", "266300"].map { Fixtures.money($0) }
        )
        // Maintenance margin is continuous at a tier's floor.
        #expect(btc.maintenanceMargin(notional: Fixtures.money("250000")) == Fixtures.money("1200"))
        let below = btc.maintenanceMargin(notional: Fixtures.money("249999.99")).raw
        #expect(abs(below - Fixtures.money("1200").raw) <= Fixtures.money("0.0001").raw)
    }

    @Test(
        "worked liquidation prices, including a tier change at the liquidation price",
        arguments: [
            // long 1 at 50,000, wallet 5,000: (5,000 − 50,000) / (0.004 − 1) = 45,180.7228…
            ("1", "50000", "5000", true, "45180.722891566265060241"),
            // long 10 at 50,000, wallet 50,000, tier 3: (50,000 + 1,300 − 500,000) / (0.1 − 10) = 45,323.2323…
            ("10", "50000", "50000", true, "45323.232323232323232323"),
            // long 5 at 51,000: tier 3 at entry, but 230,505 at the tier-3 price is tier 2: (25,500 + 50 − 255,000) / (0.025 − 5).
            ("5", "51000", "25500", true, "46120.603015075376884422"),
            // short 1 at 50,000, wallet 5,000: tier 1 gives 54,780.88, whose notional is tier 2:
            // (5,000 + 50 + 50,000) / (0.005 + 1) = 54,776.1194…
            ("1", "50000", "5000", false, "54776.119402985074626866"),
        ] as [(String, String, String, Bool, String)]
    )
    func liquidation(quantity: String, entry: String, wallet: String, long: Bool, expected: String) throws {
        let price = try #require(
            btc.liquidationPrice(
                walletBalance: Fixtures.money(wallet),
                quantity: Fixtures.quantity(quantity),
                entryPrice: Fixtures.price(entry),
                long: long
            )
        )
        #expect(abs(price.raw - Fixtures.price(expected).raw) <= 1, "\(price)")
        // At that price the margin left equals the maintenance margin (to rounding).
        let q = Fixtures.quantity(quantity).raw
        let pnl =
            FixedPoint.multiply(q, price.raw - Fixtures.price(entry).raw, rounding: .toNearestOrEven) * (long ? 1 : -1)
        let margin = Fixtures.money(wallet).raw + pnl
        let maintenance = btc.maintenanceMargin(
            notional: Money(raw: FixedPoint.multiply(q, price.raw, rounding: .toNearestOrEven), currency: .usdt)
        ).raw
        #expect(abs(margin - maintenance) < 1_000_000)
    }

    @Test("with one tier and no maintenance amount it is the engine's isolated liquidation price")
    func matchesEngine() throws {
        let single = MarginTiers([(Fixtures.money("0"), Fixtures.ratio("0.004"))])
        let price = try #require(
            single.liquidationPrice(
                walletBalance: Fixtures.money("5000"),
                quantity: Fixtures.quantity("1"),
                entryPrice: Fixtures.price("50000"),
                long: true
            )
        )
        #expect(abs(price.raw - Fixtures.price("45180.722891566265060241").raw) <= 1)
        #expect(
            single.liquidationPrice(
                walletBalance: Fixtures.money("60000"),
                quantity: Fixtures.quantity("1"),
                entryPrice: Fixtures.price("50000"),
                long: true
            ) == nil
        )
    }

    @Test("cross margin: at the liquidation price the account's margin balance equals the maintenance margin")
    func crossMargin() throws {
        let tiers = MarginTiers([
            (Fixtures.money("0"), Fixtures.ratio("0.004")), (Fixtures.money("50000"), Fixtures.ratio("0.005")),
        ])
        let wallet = Fixtures.money("8000")
        let otherMaintenance = Fixtures.money("300")
        let otherPnL = Fixtures.money("-1200")
        let quantity = Fixtures.quantity("2")
        let entry = Fixtures.price("30000")
        for long in [true, false] {
            let price = try #require(
                tiers.crossLiquidationPrice(
                    walletBalance: wallet,
                    otherMaintenance: otherMaintenance,
                    otherUnrealizedPnL: otherPnL,
                    quantity: quantity,
                    entryPrice: entry,
                    long: long
                )
            )
            // WB − TMM1 + UPNL1 + side × Q × (LP − EP) = Q × LP × MMR − cum, to the ledger's resolution.
            let side: Int128 = long ? 1 : -1
            let notional = FixedPoint.multiply(quantity.raw, price.raw, rounding: .toNearestOrEven)
            let balance =
                wallet.raw - otherMaintenance.raw + otherPnL.raw + side
                * FixedPoint.multiply(quantity.raw, price.raw - entry.raw, rounding: .toNearestOrEven)
            let maintenance = tiers.maintenanceMargin(notional: Money(raw: notional, currency: .usdt)).raw
            #expect(abs(balance - maintenance) < 1_000_000, "long \(long): \(price)")
            // The other positions' losses bring the liquidation price closer than isolated margin would.
            let isolated = try #require(
                tiers.liquidationPrice(walletBalance: wallet, quantity: quantity, entryPrice: entry, long: long)
            )
            #expect(long ? price > isolated : price < isolated)
        }
    }
}
