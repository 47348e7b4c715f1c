/// Where an order is in its lifecycle. See ``OrderStatus/transition(on:)`` for the table of allowed
/// moves and `docs/order-lifecycle.md` for the diagram.
public enum OrderStatus: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Created by a strategy, not yet checked by risk.
    case initialized
    /// Refused by risk; never reached a venue.
    case denied
    /// Approved by risk and sent; the venue has not answered yet.
    case submitted
    /// Working at the venue.
    case accepted
    /// Refused by the venue.
    case rejected
    /// A conditional order whose trigger was reached at the venue.
    case triggered
    /// An amendment was sent; the venue has not answered yet.
    case pendingUpdate = "pending_update"
    /// A cancel was sent; the venue has not answered yet.
    case pendingCancel = "pending_cancel"
    case partiallyFilled = "partially_filled"
    case filled
    case canceled
    case expired

    /// Whether the order can no longer change (but see the fill-after-cancel row of the table).
    public var isClosed: Bool {
        switch self {
        case .denied, .rejected, .filled, .canceled, .expired: true
        default: false
        }
    }

    /// Whether the order may still fill or be cancelled.
    public var isOpen: Bool { !isClosed && self != .initialized }

    public var description: String { rawValue }
}

/// What happened to an order; the input of the lifecycle table.
public enum OrderTransition: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case deny
    case submit
    case accept
    case reject
    case trigger
    case requestUpdate = "request_update"
    case requestCancel = "request_cancel"
    /// The venue applied an amendment.
    case update
    /// The venue refused a cancel or an amendment; the order returns to where it was.
    case refusePending = "refuse_pending"
    case partialFill = "partial_fill"
    case fill
    case cancel
    case expire

    public var description: String { rawValue }
}

/// An event that the lifecycle table does not allow from the order's status.
public struct InvalidOrderTransition: Error, Sendable, Equatable, CustomStringConvertible {
    public let from: OrderStatus
    public let transition: OrderTransition
    public var description: String { "invalid order transition: \(transition) from \(from)" }
}

extension OrderStatus {
    /// The explicit lifecycle table: `(status, transition) → status`.
    ///
    /// `update` and `refusePending` return a pending order to `restingStatus`, the status it had before the
    /// request (accepted, triggered or partially filled). A fill after a cancel is a real-world
    /// possibility (the venue filled before it saw the cancel) and is allowed.
    ///
    /// - Parameter restingStatus: for pending orders, the status before the pending request.
    /// - Throws: ``InvalidOrderTransition`` for any pair not in the table.
    public func transition(on event: OrderTransition, restingStatus: OrderStatus = .accepted)
        throws(InvalidOrderTransition) -> OrderStatus
    {
        switch (self, event) {
        case (.initialized, .deny): return .denied
        case (.initialized, .submit): return .submitted
        case (.initialized, .cancel): return .canceled
        case (.initialized, .reject): return .rejected

        case (.submitted, .accept): return .accepted
        case (.submitted, .reject): return .rejected
        case (.submitted, .cancel): return .canceled
        case (.submitted, .expire): return .expired
        case (.submitted, .trigger): return .triggered
        case (.submitted, .requestCancel): return .pendingCancel
        case (.submitted, .requestUpdate): return .pendingUpdate
        case (.submitted, .partialFill): return .partiallyFilled
        case (.submitted, .fill): return .filled

        case (.accepted, .trigger): return .triggered
        case (.accepted, .requestUpdate): return .pendingUpdate
        case (.accepted, .requestCancel): return .pendingCancel
        case (.accepted, .update): return .accepted
        case (.accepted, .cancel): return .canceled
        case (.accepted, .expire): return .expired
        case (.accepted, .reject): return .rejected
        case (.accepted, .partialFill): return .partiallyFilled
        case (.accepted, .fill): return .filled

        case (.triggered, .requestUpdate): return .pendingUpdate
        case (.triggered, .requestCancel): return .pendingCancel
        case (.triggered, .update): return .triggered
        case (.triggered, .cancel): return .canceled
        case (.triggered, .expire): return .expired
        case (.triggered, .reject): return .rejected
        case (.triggered, .partialFill): return .partiallyFilled
        case (.triggered, .fill): return .filled

        case (.pendingUpdate, .update), (.pendingUpdate, .refusePending): return restingStatus
        case (.pendingUpdate, .accept): return .accepted
        case (.pendingUpdate, .trigger): return .triggered
        case (.pendingUpdate, .requestCancel): return .pendingCancel
        case (.pendingUpdate, .cancel): return .canceled
        case (.pendingUpdate, .expire): return .expired
        case (.pendingUpdate, .partialFill): return .partiallyFilled
        case (.pendingUpdate, .fill): return .filled
        // The venue rejected the order (or its triggered market order) before it saw our request.
        case (.pendingUpdate, .reject): return .rejected

        case (.pendingCancel, .refusePending): return restingStatus
        case (.pendingCancel, .accept): return .pendingCancel
        case (.pendingCancel, .trigger): return .pendingCancel
        case (.pendingCancel, .update): return .pendingCancel
        case (.pendingCancel, .cancel): return .canceled
        case (.pendingCancel, .expire): return .expired
        case (.pendingCancel, .partialFill): return .partiallyFilled
        case (.pendingCancel, .fill): return .filled
        case (.pendingCancel, .reject): return .rejected

        case (.partiallyFilled, .partialFill): return .partiallyFilled
        case (.partiallyFilled, .fill): return .filled
        case (.partiallyFilled, .requestUpdate): return .pendingUpdate
        case (.partiallyFilled, .requestCancel): return .pendingCancel
        case (.partiallyFilled, .update): return .partiallyFilled
        case (.partiallyFilled, .cancel): return .canceled
        case (.partiallyFilled, .expire): return .expired

        // Real-world possibility: the venue filled the order before it processed our cancel.
        case (.canceled, .partialFill): return .partiallyFilled
        case (.canceled, .fill): return .filled

        default:
            throw InvalidOrderTransition(from: self, transition: event)
        }
    }
}
