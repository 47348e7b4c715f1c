import ArgumentParser
import ExchangeKit
import TradingCore

/// `omega account`: the account's balances, positions, open orders and fills. Needs keys.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Balances, positions, open orders and fills of your account on a venue.",
        discussion: """
            Keys come from OMEGA_<VENUE>_API_KEY, OMEGA_<VENUE>_API_SECRET (and OMEGA_<VENUE>_PASSPHRASE on OKX \
            and Bitget), or a --secrets file of NAME=value lines with mode 0600. They are never printed.
            """,
        subcommands: [
            AccountBalanceCommand.self, AccountPositionsCommand.self, AccountOrdersCommand.self,
            AccountTradesCommand.self,
        ]
    )
}

struct AccountBalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Free, used and total per currency."
    )

    @OptionGroup var venue: VenueOptions
    @Flag(help: "The futures account instead of spot.") var futures = false
    @Flag(help: "Include currencies with a zero balance.") var all = false

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: true) { connection in
            var balance = try await connection.adapter.balance(futures ? .linear : .spot)
            if !all { balance.entries.removeAll { $0.total.raw == 0 } }
            if venue.json {
                print(balance.unified.json)
                return
            }
            print("currency   free                 used                 total")
            for entry in balance.entries {
                print(
                    [
                        entry.currency.padding(10), entry.free.description.padding(20),
                        entry.used.description.padding(20), entry.total.description,
                    ]
                    .joined(separator: " ")
                )
            }
        }
    }
}

struct AccountPositionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "positions", abstract: "Open perpetual positions.")

    @OptionGroup var venue: VenueOptions
    @Option(help: "Only this market.") var symbol: String?

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: true) { connection in
            var wanted: [VenueMarket] = []
            if let symbol { wanted = [try await connection.market(symbol)] }
            let positions = try await connection.adapter.positions(wanted)
            if venue.json {
                print(UnifiedValue.array(positions.map(\.unified)).json)
                return
            }
            if positions.isEmpty { print("no open positions") }
            for position in positions {
                print(
                    "\(position.symbol)  \(position.side) \(position.contracts)  entry \(position.entryPrice.text)  "
                        + "mark \(position.markPrice.text)  unrealized \(position.unrealizedPnl.text)  "
                        + "liquidation \(position.liquidationPrice.text)  \(position.marginMode ?? "")"
                )
            }
        }
    }
}

struct AccountOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "orders", abstract: "Open orders of a market.")

    @OptionGroup var venue: VenueOptions
    @Option(help: "The market.") var symbol: String

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: true) { connection in
            let market = try await connection.market(symbol)
            let orders = try await connection.adapter.openOrders(market)
            if venue.json {
                print(UnifiedValue.array(orders.map(\.unified)).json)
                return
            }
            if orders.isEmpty { print("no open orders on \(market.symbol)") }
            for order in orders { print(order.line) }
        }
    }
}

struct AccountTradesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trades", abstract: "Your fills on a market.")

    @OptionGroup var venue: VenueOptions
    @Option(help: "The market.") var symbol: String
    @Option(help: "Fills since this time (epoch milliseconds).") var since: Int64?
    @Option(help: "How many fills at most.") var limit: Int = 50

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: true) { connection in
            let market = try await connection.market(symbol)
            let trades = try await connection.adapter.trades(market, since: since, limit: limit)
            if venue.json {
                print(UnifiedValue.array(trades.map(\.unified)).json)
                return
            }
            if trades.isEmpty { print("no fills on \(market.symbol)") }
            for trade in trades {
                print(
                    "\(Timestamp(milliseconds: trade.timestamp))  \(trade.symbol)  \(trade.side) \(trade.amount) @ \(trade.price)"
                        + "  fee \(trade.feeCost.text) \(trade.feeCurrency ?? "")  order \(trade.orderID ?? "-")  \(trade.takerOrMaker ?? "")"
                )
            }
        }
    }
}

extension VenueOrderReport {
    /// One line for the terminal.
    var line: String {
        let kind = (type ?? "-") + (triggerPrice.map { " trigger \($0)" } ?? "")
        return
            "\(id ?? "-")  \(clientOrderID ?? "-")  \(symbol ?? "-")  \(side?.rawValue ?? "-") \(amount.text) \(kind)"
            + (price.map { " @ \($0)" } ?? "") + "  filled \(filled.text)  \(status?.rawValue ?? "-")"
    }
}
