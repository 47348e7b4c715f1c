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
        ]
    )
    func allowed(from: OrderStatus, transition: OrderTransition, to: OrderStatus) throws {
        #expect(try from.transition(on: transition) == to)
    }

    @Test("a refused cancel or amendment returns the order to where it was")
    func refusedPending() throws {
        #expect(
            try OrderStatus.pendingCancel.transition(on: .refusePending, restingStatus: .partiallyFilled)
                == .partiallyFilled
        )
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
        ]
    )
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

    /// Every allowed move of the lifecycle table, as `docs/order-lifecycle.md` lists them; `nil` marks the
    /// moves that return a pending order to its resting status.
    static let table: [(OrderStatus, OrderTransition, OrderStatus?)] = [
        (.initialized, .deny, .denied),
        (.initialized, .submit, .submitted),
        (.initialized, .cancel, .canceled),
        (.initialized, .reject, .rejected),
        (.submitted, .accept, .accepted),
        (.submitted, .reject, .rejected),
        (.submitted, .cancel, .canceled),
        (.submitted, .expire, .expired),
        (.submitted, .trigger, .triggered),
        (.submitted, .requestCancel, .pendingCancel),
        (.submitted, .requestUpdate, .pendingUpdate),
        (.submitted, .partialFill, .partiallyFilled),
        (.submitted, .fill, .filled),
        (.accepted, .trigger, .triggered),
        (.accepted, .requestUpdate, .pendingUpdate),
        (.accepted, .requestCancel, .pendingCancel),
        (.accepted, .update, .accepted),
        (.accepted, .cancel, .canceled),
        (.accepted, .expire, .expired),
        (.accepted, .reject, .rejected),
        (.accepted, .partialFill, .partiallyFilled),
        (.accepted, .fill, .filled),
        (.triggered, .requestUpdate, .pendingUpdate),
        (.triggered, .requestCancel, .pendingCancel),
        (.triggered, .update, .triggered),
        (.triggered, .cancel, .canceled),
        (.triggered, .expire, .expired),
        (.triggered, .reject, .rejected),
        (.triggered, .partialFill, .partiallyFilled),
        (.triggered, .fill, .filled),
        (.pendingUpdate, .update, nil),
        (.pendingUpdate, .refusePending, nil),
        (.pendingUpdate, .accept, .accepted),
        (.pendingUpdate, .trigger, .triggered),
        (.pendingUpdate, .requestCancel, .pendingCancel),
        (.pendingUpdate, .cancel, .canceled),
        (.pendingUpdate, .expire, .expired),
        (.pendingUpdate, .partialFill, .partiallyFilled),
        (.pendingUpdate, .fill, .filled),
        (.pendingUpdate, .reject, .rejected),
        (.pendingCancel, .refusePending, nil),
        (.pendingCancel, .accept, .pendingCancel),
        (.pendingCancel, .trigger, .pendingCancel),
        (.pendingCancel, .update, .pendingCancel),
        (.pendingCancel, .cancel, .canceled),
        (.pendingCancel, .expire, .expired),
        (.pendingCancel, .partialFill, .partiallyFilled),
        (.pendingCancel, .fill, .filled),
        (.pendingCancel, .reject, .rejected),
        (.partiallyFilled, .partialFill, .partiallyFilled),
        (.partiallyFilled, .fill, .filled),
        (.partiallyFilled, .requestUpdate, .pendingUpdate),
        (.partiallyFilled, .requestCancel, .pendingCancel),
        (.partiallyFilled, .update, .partiallyFilled),
        (.partiallyFilled, .cancel, .canceled),
        (.partiallyFilled, .expire, .expired),
        (.canceled, .partialFill, .partiallyFilled),
        (.canceled, .fill, .filled),
    ]

    @Test("the whole table: every pair of status and event, allowed or not")
    func wholeTable() {
        #expect(Self.table.count == 58)
        for status in OrderStatus.allCases {
            for transition in OrderTransition.allCases {
                let row = Self.table.first { $0.0 == status && $0.1 == transition }
                for resting in [OrderStatus.accepted, .triggered, .partiallyFilled] {
                    let next = try? status.transition(on: transition, restingStatus: resting)
                    if let row {
                        #expect(next == (row.2 ?? resting), "\(status) + \(transition)")
                    } else {
                        #expect(next == nil, "\(status) + \(transition)")
                    }
                }
            }
        }
    }
}
