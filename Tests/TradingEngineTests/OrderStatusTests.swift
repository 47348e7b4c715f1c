import Testing
import TradingEngine

@Suite("Order lifecycle table")
struct OrderStatusTests {
    @Test(
        "allowed moves",
        arguments: [
            (OrderStatus.initialized, OrderTransition.submit, OrderStatus.submitted),
            (.initialized, .deny, .denied),
            (.submitted, .accept, .accepted),
            (.submitted, .reject, .rejected),
            (.submitted, .fill, .filled),
            (.accepted, .partialFill, .partiallyFilled),
            (.partiallyFilled, .partialFill, .partiallyFilled),
            (.partiallyFilled, .fill, .filled),
            (.accepted, .trigger, .triggered),
            (.triggered, .fill, .filled),
            (.accepted, .requestCancel, .pendingCancel),
            (.pendingCancel, .cancel, .canceled),
            (.pendingCancel, .reject, .rejected),
            (.pendingUpdate, .reject, .rejected),
            (.accepted, .requestUpdate, .pendingUpdate),
            (.accepted, .expire, .expired),
            (.canceled, .fill, .filled),
            (.canceled, .partialFill, .partiallyFilled),
        ])
    func allowed(from: OrderStatus, transition: OrderTransition, to: OrderStatus) throws {
        #expect(try from.transition(on: transition) == to)
    }

    @Test("a refused cancel or amendment returns the order to where it was")
    func refusedPending() throws {
        #expect(try OrderStatus.pendingCancel.transition(on: .refusePending, restingStatus: .partiallyFilled) == .partiallyFilled)
        #expect(try OrderStatus.pendingUpdate.transition(on: .update, restingStatus: .triggered) == .triggered)
    }

    @Test(
        "forbidden moves throw",
        arguments: [
            (OrderStatus.initialized, OrderTransition.fill),
            (.submitted, .submit),
            (.accepted, .submit),
            (.filled, .cancel),
            (.filled, .fill),
            (.rejected, .accept),
            (.denied, .submit),
            (.expired, .fill),
            (.canceled, .accept),
        ])
    func forbidden(from: OrderStatus, transition: OrderTransition) {
        let error = #expect(throws: InvalidOrderTransition.self) { try from.transition(on: transition) }
        #expect(error?.from == from)
        #expect(error?.transition == transition)
    }

    @Test("closed statuses accept nothing but a late fill after a cancel")
    func closedStatuses() {
        for status in OrderStatus.allCases where status.isClosed {
            for transition in OrderTransition.allCases {
                let allowed = (try? status.transition(on: transition)) != nil
                let lateFill = status == .canceled && (transition == .fill || transition == .partialFill)
                #expect(allowed == lateFill, "\(status) + \(transition)")
            }
        }
    }
}
