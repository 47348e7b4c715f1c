public import TradingCore
import TradingEngine

extension SimulatedExchange {
    /// Charges funding on an open perpetual position at the mark: longs pay `quantity × multiplier ×
    /// mark × rate` to shorts when the rate is positive, and receive it when negative.
    mutating func applyFunding(_ funding: FundingRateUpdate) {
        let index = funding.instrument.int
        let position = account.position(funding.instrument)
        guard instruments[index].kind == .linearPerpetual, position.isOpen, let mark = markets[index].mark else {
            return
        }
        let instrument = instruments[index]
        let notional = instrument.notional(of: position.quantity, at: mark)
        let amount = notional.multiplied(by: funding.rate, rounding: .toNearestOrEven)
        let payment = position.side == .long ? -amount : amount
        let report = FundingApplied(
            instrument: funding.instrument,
            rate: funding.rate,
            markPrice: mark,
            positionRaw: position.signedQuantityRaw,
            payment: payment,
            exchangeTime: funding.fundingTime
        )
        account.apply(report)
        events.append(.funding(report))
    }

    /// The position's liquidation price rounded to the tick (up for longs, down for shorts). In isolated
    /// margin the position's own margin backs it; in cross margin, `crossMargin`: the account's margin balance
    /// less the other positions' losses and maintenance margins (``crossMargin(excluding:)``).
    static func liquidationPrice(
        account: borrowing Ledger,
        instrument: Instrument,
        index: Int,
        crossMargin: Int128? = nil
    )
        -> Price?
    {
        // Spot first: reading the position copies it, and spot has no liquidation.
        guard instrument.kind == .linearPerpetual else { return nil }
        var position = account.position(InstrumentIndex(index))
        if let crossMargin { position = position.backed(byMargin: crossMargin) }
        guard
            let raw = position.liquidationPrice(
                maintenanceMarginRate: instrument.maintenanceMarginRate,
                multiplier: instrument.contractMultiplier
            ),
            raw.raw > 0
        else { return nil }
        return instrument.round(price: raw, rounding: position.side == .long ? .up : .down)
    }

    /// What backs a position in cross margin: the settlement currency's wallet balance, plus the other
    /// positions' PnL at their marks, less their maintenance margins; `nil` in isolated margin.
    func crossMargin(excluding excluded: Int) -> Int128? {
        guard configuration.marginMode == .cross else { return nil }
        let settlement = account.currencyIndices(of: InstrumentIndex(excluded)).settlement
        var margin = account.balanceRaw(currencyIndex: settlement)
        for (index, instrument) in instruments.enumerated() where index != excluded && isPerpetual[index] {
            let position = account.position(InstrumentIndex(index))
            guard position.isOpen, account.currencyIndices(of: InstrumentIndex(index)).settlement == settlement,
                let mark = markets[index].mark
            else { continue }
            margin += position.unrealizedRaw(at: mark, multiplier: instrument.contractMultiplier)
            let notional = instrument.notional(of: position.quantity, at: mark)
            margin -= notional.multiplied(by: instrument.maintenanceMarginRate, rounding: .up).raw
        }
        return margin
    }

    /// Liquidates when the mark reaches the liquidation price.
    mutating func checkLiquidation(_ index: Int, mark: Price, at time: Timestamp) {
        guard
            let price = Self.liquidationPrice(
                account: account,
                instrument: instruments[index],
                index: index,
                crossMargin: crossMargin(excluding: index)
            )
        else { return }
        let long = account.signedQuantityRaw(InstrumentIndex(index)) > 0
        if long ? mark <= price : mark >= price {
            liquidate(index, at: long ? min(mark, price) : max(mark, price), time: time)
        }
    }

    /// Forced liquidation: cancels the instrument's orders and closes the position at `price`. The
    /// remaining margin goes to the venue as a clearance fee, so the trader loses exactly the position's
    /// margin whatever the price (the insurance fund covers a gap beyond it): its isolated margin, or in cross
    /// margin what backed it (``crossMargin(excluding:)``).
    mutating func liquidate(_ index: Int, at price: Price, time: Timestamp) {
        let instrumentIndex = InstrumentIndex(index)
        let position = account.position(instrumentIndex)
        guard position.isOpen else { return }
        for id in markets[index].orders.map(\.id) {
            removeOrder(id, instrument: index, reason: "position liquidated", at: time)
        }
        let instrument = instruments[index]
        let pnl = position.unrealizedRaw(at: price, multiplier: instrument.contractMultiplier)
        let margin = crossMargin(excluding: index) ?? position.isolatedMarginRaw
        let fee = Money(raw: max(0, margin + pnl), currency: instrument.settlementCurrency)
        let report = OrderFilled(
            clientOrderID: nil,
            venueOrderID: VenueOrderID(liquidationIDs),
            tradeID: TradeID(tradeIDs),
            instrument: instrumentIndex,
            side: position.side == .long ? .sell : .buy,
            quantity: position.quantity,
            price: price,
            fee: fee,
            liquidity: .taker,
            leavesQuantity: .zero,
            isLiquidation: true,
            exchangeTime: time
        )
        liquidationIDs.advance()
        tradeIDs.advance()
        account.book(report)
        events.append(.filled(report))
    }
}

extension SimulatedExchange {
    /// The price at which the venue would liquidate the open position in `instrument` (isolated or cross,
    /// by the configured margin mode), or `nil` when it is flat, spot, or cannot be liquidated.
    public func liquidationPrice(of instrument: InstrumentIndex) -> Price? {
        let index = instrument.int
        guard index < instruments.count else { return nil }
        return Self.liquidationPrice(
            account: account,
            instrument: instruments[index],
            index: index,
            crossMargin: crossMargin(excluding: index)
        )
    }

    /// Sets the leverage new positions in `instrument` open with (capped at the instrument's maximum).
    public mutating func setLeverage(_ leverage: Ratio, for instrument: InstrumentIndex) {
        account.setLeverage(leverage, for: instrument)
    }
}
