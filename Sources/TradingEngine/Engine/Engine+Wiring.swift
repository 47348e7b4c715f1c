import TradingCore

extension Engine {
    /// What ``Engine/init(configuration:strategies:)`` builds from a configuration and the strategies: the
    /// initial state, and who is subscribed to what.
    struct Wiring {
        var state: EngineState
        /// Instrument `i`'s subscribers, in registration order, are `subscriberList[subscriberRanges[i]]`.
        var subscriberList: [Int] = []
        var subscriberRanges: [Range<Int>] = []
        var slotByID: [StrategyID: Int] = [:]

        init(configuration: EngineConfiguration, strategies: [any Strategy]) throws(EngineConfigurationError) {
            guard !configuration.instruments.isEmpty else { throw EngineConfigurationError(reason: "no instruments") }
            var seen = Set<InstrumentID>()
            for instrument in configuration.instruments where !seen.insert(instrument.id).inserted {
                throw EngineConfigurationError(reason: "instrument \(instrument.id) is listed twice")
            }
            let portfolio = Portfolio(
                accountCurrency: configuration.accountCurrency,
                instruments: configuration.instruments,
                balances: configuration.balances,
                leverage: configuration.leverage
            )
            state = EngineState(
                instruments: configuration.instruments,
                portfolio: portfolio,
                start: configuration.startTime
            )
            state.orders = OrderStore(
                instruments: configuration.instruments,
                closedHistoryLimit: configuration.closedOrderHistory
            )
            state.exits = ExitBook(
                plans: configuration.exits,
                defaultPlan: configuration.defaultExits,
                nativeOrderTypes: configuration.nativeOrderTypes,
                instrumentCount: configuration.instruments.count
            )
            var subscribers = Array(repeating: [Int](), count: configuration.instruments.count)
            var infos: [StrategyInfo] = []
            var strategyIDs = Set<StrategyID>()
            for (slot, strategy) in strategies.enumerated() {
                guard strategyIDs.insert(strategy.id).inserted, strategy.id != Engine.operatorID else {
                    throw EngineConfigurationError(reason: "strategy ID \(strategy.id) is used twice or reserved")
                }
                for instrumentID in strategy.subscriptions {
                    guard let index = state.index(of: instrumentID) else {
                        throw EngineConfigurationError(
                            reason: "strategy \(strategy.id) subscribes to unknown instrument \(instrumentID)"
                        )
                    }
                    if !subscribers[index.int].contains(slot) { subscribers[index.int].append(slot) }
                }
                infos.append(
                    StrategyInfo(
                        id: strategy.id,
                        sizing: configuration.sizing[strategy.id] ?? configuration.defaultSizing,
                        orderUpdates: strategy.orderUpdateInterest
                    )
                )
            }
            state.strategies = infos
            state.botBooks = Array(repeating: BotBook(instrumentCount: 0), count: infos.count)
            for (id, limits) in configuration.bots {
                guard let slot = infos.firstIndex(where: { $0.id == id }) else {
                    throw EngineConfigurationError(reason: "bot \(id) is not one of the strategies")
                }
                guard limits.maximumLeverage >= .one else {
                    throw EngineConfigurationError(
                        reason: "bot \(id): maximum leverage \(limits.maximumLeverage) is below 1"
                    )
                }
                state.botBooks[slot] = BotBook(
                    instrumentCount: configuration.instruments.count,
                    maximumLeverage: limits.maximumLeverage
                )
                state.botSlots[id] = slot
            }
            state.botHolders = Array(repeating: [], count: configuration.instruments.count)
            for instrumentSubscribers in subscribers {
                subscriberRanges.append(subscriberList.count..<(subscriberList.count + instrumentSubscribers.count))
                subscriberList.append(contentsOf: instrumentSubscribers)
            }
            for (slot, info) in infos.enumerated() { slotByID[info.id] = slot }
        }
    }
}
