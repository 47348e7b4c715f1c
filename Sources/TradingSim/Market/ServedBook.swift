public import TradingCore

extension SimMarket {
    /// The order book served for `symbol` at market time `now`, `levels` deep on each side: the book a
    /// `--data` book file recorded at the end of the minute before, where the file covers it, else the
    /// ``SyntheticBook`` around the last price. A recorded book is put on the symbol's grid: bids rounded
    /// down and asks up to its tick, sizes down to its lot step, levels that meet added together.
    public func book(_ symbol: SimSymbol, at now: Timestamp, levels: Int) -> SyntheticBook.Snapshot {
        let state = bookState(symbol.base, at: now)
        guard state.minute > 0, let recorded = recordedBooks[symbol.base]?[Int(state.minute) - 1] else {
            return SyntheticBook().snapshot(symbol: symbol, state: state, levels: levels)
        }
        let (tickUnits, tickDecimals) = DecimalText.units(symbol.tickSize)
        let (stepUnits, stepDecimals) = DecimalText.units(symbol.stepSize)
        let priceDecimals = symbol.kind == .spot ? 8 : symbol.pricePrecision
        let quantityDecimals = symbol.kind == .spot ? 8 : symbol.quantityPrecision
        let tickRaw = Int128(tickUnits) * FixedPoint.scale / Int128(DecimalText.power(tickDecimals))
        let stepRaw = Int128(stepUnits) * FixedPoint.scale / Int128(DecimalText.power(stepDecimals))
        func side(_ recordedLevels: [BookLevel], bid: Bool) -> [(String, String)] {
            var merged: [(ticks: Int64, steps: Int64)] = []
            for level in recordedLevels {
                guard tickRaw > 0, stepRaw > 0, level.price.raw > 0 else { continue }
                let (quotient, remainder) = level.price.raw.quotientAndRemainder(dividingBy: tickRaw)
                let ticks = Int64(bid || remainder == 0 ? quotient : quotient + 1)
                let steps = Int64(level.size.raw / stepRaw)
                guard steps > 0 else { continue }
                if let last = merged.last, last.ticks == ticks {
                    merged[merged.count - 1].steps += steps
                } else {
                    if merged.count == levels { break }
                    merged.append((ticks, steps))
                }
            }
            return merged.map { level in
                (
                    DecimalText.format(units: level.ticks * tickUnits, decimals: priceDecimals, from: tickDecimals),
                    DecimalText.format(units: level.steps * stepUnits, decimals: quantityDecimals, from: stepDecimals)
                )
            }
        }
        return SyntheticBook.Snapshot(
            lastUpdateId: state.updateId,
            bids: side(recorded.bids, bid: true),
            asks: side(recorded.asks, bid: false)
        )
    }
}
