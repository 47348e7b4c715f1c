/// Any indicator driven bar by bar, with its outputs written into a row: how `omega indicators` and
/// strategies that take indicator specs run indicators they only know by name.
public protocol CandleIndicator: Sendable {
    /// How many values each update writes.
    var outputCount: Int { get }

    /// Adds one bar and writes its `outputCount` outputs to `row[offset...]`, `nil` during warm-up.
    mutating func update(_ candle: Candle, into row: inout [Double?], at offset: Int)
}

/// An indicator value and the function that feeds it one bar.
struct CandleAdapter<State: Sendable>: CandleIndicator {
    var state: State
    let outputCount: Int
    let step: @Sendable (inout State, Candle, inout [Double?], Int) -> Void

    mutating func update(_ candle: Candle, into row: inout [Double?], at offset: Int) {
        step(&state, candle, &row, offset)
    }
}
