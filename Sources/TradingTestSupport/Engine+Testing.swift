public import TradingCore
public import TradingEngine

extension Engine {
    /// `process(_:at:into:)` into a new output, returned: shorter in tests, which look at one event's output
    /// at a time. Drivers keep one output and pass it to every call instead.
    public mutating func process(_ event: EngineEvent, at now: Timestamp) -> EngineOutput {
        var output = EngineOutput()
        process(event, at: now, into: &output)
        return output
    }
}
