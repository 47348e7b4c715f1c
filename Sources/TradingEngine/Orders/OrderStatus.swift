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
    public func transition(
        on event: OrderTransition,
        restingStatus: OrderStatus = .accepted
    )
        throws(InvalidOrderTransition) -> OrderStatus
    {
        // Nested switches (status, then event) compile to two jump tables; a switch on the pair compared
        // the pair case by case (about a hundred instructions a call, several calls an order).
        let next: OrderStatus?
        switch self {
        case .initialized:
            switch event {
            case .deny: next = .denied
            case .submit: next = .submitted
            case .cancel: next = .canceled
            case .reject: next = .rejected
            default: next = nil
            }
        case .submitted:
            switch event {
            case .accept: next = .accepted
            case .reject: next = .rejected
            case .cancel: next = .canceled
            case .expire: next = .expired
            case .trigger: next = .triggered
            case .requestCancel: next = .pendingCancel
            case .requestUpdate: next = .pendingUpdate
            case .partialFill: next = .partiallyFilled
            case .fill: next = .filled
            default: next = nil
            }
        case .accepted:
            switch event {
            case .trigger: next = .triggered
            case .requestUpdate: next = .pendingUpdate
            case .requestCancel: next = .pendingCancel
            case .update: next = .accepted
            case .cancel: next = .canceled
            case .expire: next = .expired
            case .reject: next = .rejected
            case .partialFill: next = .partiallyFilled
            case .fill: next = .filled
            default: next = nil
            }
        case .triggered:
            switch event {
            case .requestUpdate: next = .pendingUpdate
            case .requestCancel: next = .pendingCancel
            case .update: next = .triggered
            case .cancel: next = .canceled
            case .expire: next = .expired
            case .reject: next = .rejected
            case .partialFill: next = .partiallyFilled
            case .fill: next = .filled
            default: next = nil
            }
        case .pendingUpdate:
            switch event {
            case .update, .refusePending: next = restingStatus
            case .accept: next = .accepted
            case .trigger: next = .triggered
            case .requestCancel: next = .pendingCancel
            case .cancel: next = .canceled
            case .expire: next = .expired
            case .partialFill: next = .partiallyFilled
            case .fill: next = .filled
            // The venue rejected the order (or its triggered market order) before it saw our request.
            case .reject: next = .rejected
            default: next = nil
            }
        case .pendingCancel:
            switch event {
            case .refusePending: next = restingStatus
            case .accept: next = .pendingCancel
            case .trigger: next = .pendingCancel
            case .update: next = .pendingCancel
            case .cancel: next = .canceled
            case .expire: next = .expired
            case .partialFill: next = .partiallyFilled
            case .fill: next = .filled
            case .reject: next = .rejected
            default: next = nil
            }
        case .partiallyFilled:
            switch event {
            case .partialFill: next = .partiallyFilled
            case .fill: next = .filled
            case .requestUpdate: next = .pendingUpdate
            case .requestCancel: next = .pendingCancel
            case .update: next = .partiallyFilled
            case .cancel: next = .canceled
            case .expire: next = .expired
            default: next = nil
            }
        case .canceled:
            switch event {
            // Real-world possibility: the venue filled the order before it processed our cancel.
            case .partialFill: next = .partiallyFilled
            case .fill: next = .filled
            default: next = nil
            }
        case .denied, .rejected, .filled, .expired:
            next = nil
        }
        guard let next else { throw InvalidOrderTransition(from: self, transition: event) }
        return next
    }
}
