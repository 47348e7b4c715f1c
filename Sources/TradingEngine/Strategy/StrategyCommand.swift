public import TradingCore

/// Something a strategy asked for during a callback; the engine applies it, through risk, when the
/// callback returns.
public enum StrategyCommand: Sendable, Hashable {
    case submit(ClientOrderID, OrderSpec)
    case submitBracket(BracketIDs, BracketSpec)
    case cancel(ClientOrderID)
    case cancelAll(InstrumentIndex?)
    case modify(ClientOrderID, OrderAmendment)
    case setTimer(name: ShortText, at: Timestamp, intervalNanoseconds: Int64?)
    case cancelTimer(name: ShortText)
}

/// The client order IDs of a bracket's orders.
public struct BracketIDs: Sendable, Hashable {
    public let entry: ClientOrderID
    public let stopLoss: ClientOrderID?
    public let takeProfit: ClientOrderID?
}

extension StrategyCommand {
    /// The payload of a `.submit` command, laid out as the case's.
    @usableFromInline
    struct SubmitFields {
        @usableFromInline let clientOrderID: ClientOrderID
        @usableFromInline let spec: OrderSpec
    }

    /// Whether a `.submit` command's memory starts with its payload laid out as ``SubmitFields``, byte for
    /// byte, as the compiler lays the enum out today: checked once, on a probe, so that the engine reads a
    /// new order's ID and spec where the command lies (``withSubmitFields(at:_:)``) and binds the case (a
    /// copy of the whole command, about 400 bytes) otherwise.
    @usableFromInline static let submitLiesAtStart: Bool = {
        guard let id = try? ClientOrderID("O-probe-12345678"), let tag = ShortText(exactly: "probe-tag") else { return false }
        let spec = OrderSpec(
            instrument: InstrumentIndex(0x0102_0304), side: .sell, type: .stopLimit,
            quantity: .base(Quantity(raw: 0x1112_1314_1516_1718 << 48 | 0x8171_6151)),
            price: Price(raw: 0x2122_2324_2526_2728 << 48 | 0x8272_6252), triggerPrice: Price(raw: 0x3132_3334 << 40),
            timeInForce: .ioc, reduceOnly: true, tag: tag)
        var command = StrategyCommand.submit(id, spec)
        return withUnsafePointer(to: &command) { pointer in
            pointer.withMemoryRebound(to: SubmitFields.self, capacity: 1) {
                $0.pointee.clientOrderID == id && $0.pointee.spec == spec
            }
        }
    }()

    /// Calls `body` with the ID and spec of the `.submit` command at `command`, read where they lie;
    /// returns `false`, without calling it, for other commands or when the layout does not allow it.
    @inlinable @inline(__always)
    static func withSubmitFields(at command: UnsafePointer<StrategyCommand>, _ body: (UnsafePointer<SubmitFields>) -> Void) -> Bool {
        guard case .submit = command.pointee, submitLiesAtStart else { return false }
        command.withMemoryRebound(to: SubmitFields.self, capacity: 1) { body($0) }
        return true
    }
}
