import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingFarm
import TradingMarketData
import TradingTestSupport

@Suite("Farm runs")
struct FarmRunTests {
    @Test("The default farm is deterministic: two runs give identical bots, trades and account")
    func deterministic() throws {
        let configuration = FarmConfiguration.defaultFarm(bars: 8_000)
        let first = try FarmRunner(configuration: configuration).run()
        let second = try FarmRunner(configuration: configuration).run()
        #expect(first.bots.count == Persona.allCases.count)
        #expect(first.backtest.auditDigest == second.backtest.auditDigest)
        for (a, b) in zip(first.bots, second.bots) {
            #expect(a.trades == b.trades)
            #expect(a.timeline == b.timeline)
            #expect(a.book == b.book)
        }
        #expect(first.bots.reduce(0) { $0 + $1.trades.count } > 20)
    }

    @Test("Each bot's book adds up: the bots' cash and holdings equal the shared account's")
    func booksAddUp() throws {
        // The synthetic market as spot one-minute candles.
        let events = try drain(SyntheticMarket(seed: 42, bars: 6_000).source(instrument: InstrumentIndex(0)))
        var csv = "timestamp,open,high,low,close,volume\n"
        for case .bar(let bar) in events {
            csv += "\(bar.openTime.milliseconds),\(bar.open),\(bar.high),\(bar.low),\(bar.close),\(bar.volume)\n"
        }
        let files = try TestFiles()
        let configuration = FarmConfiguration.defaultFarm(data: [try files.write("binance_SYNUSDT_1m.csv", csv)])
        let result = try FarmRunner(configuration: configuration).run()
        // A bot's cash is its capital plus its realized PnL (net of fees) less what its holdings cost.
        let cash = result.bots.reduce(Int128(0)) { total, bot in
            total + bot.capital.raw + bot.book.realizedRaw - bot.book.openHoldings.reduce(0) { $0 + $1.holding.costRaw }
        }
        let base = result.bots.reduce(Int128(0)) { total, bot in
            total + bot.book.openHoldings.reduce(0) { $0 + $1.holding.quantityRaw }
        }
        #expect(result.bots.allSatisfy { $0.trades.allSatisfy { $0.side == .long } }, "spot bots trade long only")
        let quote = try #require(result.backtest.finalBalances.first { $0.currency == .usdt })
        // Sixths of the cash do not divide exactly: what the bots were given differs from the cash by a few
        // raw units, and every fill after that moves the account and one bot's book by the same exact amount.
        let unallocated = 60_000 * FixedPoint.scale - result.bots.reduce(Int128(0)) { $0 + $1.capital.raw }
        #expect(quote.raw == cash + unallocated)
        let held = result.backtest.finalBalances.first { $0.currency != .usdt }?.raw ?? 0
        #expect(held == base)
    }

    @Test(
        "On a perpetual the bots trade long and short on their own margin, and the account holds what their books hold"
    )
    func perpetualLongShort() throws {
        // The synthetic market as a USD-M perpetual's one-minute candles.
        let events = try drain(SyntheticMarket(seed: 11, bars: 12_000).source(instrument: InstrumentIndex(0)))
        var csv = "timestamp,open,high,low,close,volume\n"
        for case .bar(let bar) in events {
            csv += "\(bar.openTime.milliseconds),\(bar.open),\(bar.high),\(bar.low),\(bar.close),\(bar.volume)\n"
        }
        let files = try TestFiles()
        var configuration = FarmConfiguration.defaultFarm(data: [try files.write("binanceusdm_SYNUSDT_1m.csv", csv)])
        configuration.limits.maximumLeverage = 4
        let result = try FarmRunner(configuration: configuration).run()
        let trades = result.bots.flatMap(\.trades)
        #expect(trades.contains { $0.side == .short }, "the bots short a perpetual")
        #expect(FarmReport.html(result).contains("<td>short</td>"), "the report shows the short trades")
        #expect(trades.contains { $0.side == .long })
        // Every holding has the bot's own margin, at a leverage within the farm's maximum.
        var net: Int128 = 0
        for bot in result.bots {
            for (_, holding) in bot.book.openHoldings {
                #expect(holding.leverage >= .one && holding.leverage <= Ratio(4), "\(bot.name)")
                #expect(holding.marginRaw > 0, "\(bot.name)")
                net += holding.quantityRaw
            }
        }
        #expect(
            result.backtest.openPositions.first.map { $0.side == .short ? -$0.quantity.raw : $0.quantity.raw } ?? 0
                == net
        )
        // Leverage comes from the persona and its mood, within the farm's maximum: some trades used more than 1×.
        #expect(trades.allSatisfy { $0.leverage >= .one && $0.leverage <= Ratio(4) })
        #expect(trades.contains { $0.leverage > .one })
    }

    @Test("Cosmic attribution changes only the cosmic bot")
    func attribution() throws {
        let configuration = FarmConfiguration.defaultFarm(bars: 6_000)
        let with = try FarmRunner(configuration: configuration).run()
        var runner = FarmRunner(configuration: configuration)
        runner.cosmicEnabled = false
        let without = try runner.run()
        for (a, b) in zip(with.bots, without.bots) where a.persona != .cosmic && a.persona != .newbie {
            // Bots share one account, so a different cosmic bot can only change others through farm limits.
            #expect(a.trades.count == b.trades.count, "\(a.name)")
        }
        let cosmicWith = try #require(with.bots.first { $0.persona == .cosmic })
        #expect(cosmicWith.decisions.elements.contains { $0.reason.contains("cosmic") })
        let cosmicWithout = try #require(without.bots.first { $0.persona == .cosmic })
        #expect(!cosmicWithout.decisions.elements.contains { $0.reason.contains("cosmic") })
    }

    @Test("The risk engine holds each bot to its own limits: a bot daily loss limit refuses that bot's entries")
    func botLimits() throws {
        let free = try FarmRunner(configuration: FarmConfiguration.defaultFarm(bars: 6_000)).run()
        #expect(
            free.bots.allSatisfy { $0.riskRefusals == 0 },
            "bots that size within their own capital pass the allocation check"
        )
        var configuration = FarmConfiguration.defaultFarm(bars: 6_000)
        configuration.limits.botDailyLoss = 0.001
        let limited = try FarmRunner(configuration: configuration).run()
        let refused = limited.bots.filter { $0.riskRefusals > 0 }
        #expect(!refused.isEmpty)
        for bot in refused {
            #expect(bot.decisions.elements.contains { $0.reason == "refused by risk: bot_daily_loss" }, "\(bot.name)")
        }
        #expect(limited.bots.reduce(0) { $0 + $1.trades.count } < free.bots.reduce(0) { $0 + $1.trades.count })
    }

    @Test("farm.yaml: ${ENV} interpolation, overrides, and errors that name the path")
    func yaml() throws {
        let text = """
            name: demo
            cash: ${CASH}
            limits: {daily_loss: 0.05, bot_daily_loss: 0.02}
            bots:
              - name: strategic_btc
                persona: strategic
                capital: 0.5
                params: {fast: 10, slow: 40}
                risk: {stop_loss: 0.03}
              - name: newbie_btc
                persona: newbie
                capital: "5000"
                enabled: false
            """
        let configuration = try FarmConfiguration.parse(yaml: text, source: "farm.yaml") {
            $0 == "CASH" ? "20000" : nil
        }
        #expect(configuration.cash.text == "20000")
        #expect(configuration.bots.count == 2)
        #expect(configuration.bots[0].preset.parameters["fast"] == "10")
        #expect(configuration.bots[0].preset.stopLoss == 0.03)
        #expect(configuration.bots[1].enabled == false)
        #expect(configuration.limits.dailyLoss == 0.05)
        #expect(configuration.limits.botDailyLoss == 0.02)
        func error(_ yaml: String) -> String {
            do {
                _ = try FarmConfiguration.parse(yaml: yaml, source: "farm.yaml") { _ in nil }
                return ""
            } catch {
                return error.description
            }
        }
        #expect(
            error("bots:\n  - name: a\n    persona: wizard\n    capital: 0.5\n").contains(
                "farm.yaml: bots[0].persona: unknown persona 'wizard'"
            )
        )
        #expect(error("cash: ${MISSING}\nbots: []\n").contains("MISSING is not set"))
        #expect(
            error("bots:\n  - name: a\n    persona: scalper\n    capital: 0.5\n    risk: {stop_loss: 2}\n").contains(
                "bots[0].risk"
            )
        )
        #expect(
            error("bots:\n  - name: a\n    persona: scalper\n    capitol: 0.5\n").contains(
                "bots[0].capitol: unknown field"
            )
        )
        let run = try FarmRunner(
            configuration: FarmConfiguration.parse(
                yaml: text.replacingOccurrences("${CASH}", "20000") + "\nsynthetic_bars: 3000\n",
                source: "farm.yaml"
            ) { _ in nil }
        ).run()
        #expect(run.bots.map(\.name) == ["strategic_btc"])
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

@Suite("The default farm on the regime market")
struct RegimeFarmTests {
    @Test("one bot per persona over BTC, ETH and SOL perpetuals; each bot's regime returns chain to its total")
    func defaultFarm() throws {
        let result = try FarmRunner(configuration: FarmConfiguration.defaultFarm(bars: 12_000)).run()
        let symbols = Set(result.bots.compactMap { $0.tradedInstrument?.id.symbol })
        #expect(symbols == ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
        #expect(result.bots.allSatisfy { $0.tradedInstrument?.kind == .linearPerpetual })
        #expect(result.phases.map(\.regime) == RegimeMarket.regimes.map(\.regime))
        for bot in result.bots {
            // The equity at each phase boundary, compounded, is the bot's whole return.
            let equities = [bot.capital.doubleValue] + bot.checkpointEquity + [bot.equity]
            #expect(equities.count == result.phases.count + 1)
            let chained = zip(equities.dropFirst(), equities).reduce(1.0) { $0 * ($1.0 / $1.1) }
            #expect(abs(chained - bot.equity / bot.capital.doubleValue) < 1e-9, "\(bot.name)")
        }
        let table = FarmReport.regimeTables(result)
        #expect(table.contains("crash") && table.contains("squeeze") && table.contains("scalper_bot"))
    }

    @Test("the scalper enters with post-only limits and takes profit with them: its fills pay the maker fee")
    func scalperIsAMaker() throws {
        let result = try FarmRunner(configuration: FarmConfiguration.defaultFarm(bars: 12_000)).run()
        let scalper = try #require(result.bots.first { $0.persona == .scalper })
        let instrument = try #require(scalper.tradedInstrument)
        let takeProfits = scalper.trades.filter { $0.exitReason == "take_profit" }
        #expect(!takeProfits.isEmpty)
        for trade in takeProfits {
            // Entry and exit both at the maker fee (2 bps): fees = maker × (entry + exit notional).
            let notional =
                instrument.notional(of: trade.quantity, at: trade.entryPrice).doubleValue
                + instrument.notional(of: trade.quantity, at: trade.exitPrice).doubleValue
            let fees = FixedPoint.toDouble(trade.feesRaw)
            #expect(abs(fees - notional * instrument.makerFee.doubleValue) < 0.01, "\(trade)")
        }
        // The other personas enter at the market.
        let aggressive = try #require(result.bots.first { $0.persona == .aggressive })
        let instrumentA = try #require(aggressive.tradedInstrument)
        let entry = try #require(aggressive.trades.first)
        let entryFee =
            instrumentA.notional(of: entry.quantity, at: entry.entryPrice).doubleValue
            * instrumentA.takerFee.doubleValue
        #expect(FixedPoint.toDouble(entry.feesRaw) >= entryFee - 0.01)
    }

    @Test("the farm's trade list and breakdowns use the backtest's format")
    func tradeList() throws {
        let result = try FarmRunner(configuration: FarmConfiguration.defaultFarm(bars: 6_000)).run()
        let rows = FarmReport.tradeRows(result)
        #expect(rows.count == result.bots.reduce(0) { $0 + $1.trades.count })
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.exitTime <= $1.exitTime })
        let byInstrument = TradeBreakdown(rows: rows, by: .instrument)
        #expect(byInstrument.rows.reduce(0) { $0 + $1.trades } == rows.count)
        let bot = try #require(result.bots.first { !$0.trades.isEmpty })
        let csv = FarmReport.tradesCSV(bot).split(separator: "\n")
        #expect(csv[0] == (TradeList.header + FarmReport.extraHeader).joined(separator: ","))
        #expect(csv.count == bot.trades.count + 1)
        for row in rows {
            // net = gross − fees + funding, exact
            #expect(row.netRaw == row.grossRaw - row.feesRaw + row.fundingRaw)
        }
    }
}
