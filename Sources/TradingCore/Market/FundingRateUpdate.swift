/// A perpetual's funding event: at ``fundingTime`` holders of long positions pay `rate × notional` to
/// holders of short positions (or receive it when the rate is negative).
public struct FundingRateUpdate: Sendable, Hashable {
    public let instrument: InstrumentIndex
    /// The funding rate for the period, as a fraction (0.0001 = 0.01 %).
    public let rate: Ratio
    /// When the venue settles funding.
    public let fundingTime: Timestamp
    public let receivedTime: Timestamp

    @inlinable
    public init(instrument: InstrumentIndex, rate: Ratio, fundingTime: Timestamp, receivedTime: Timestamp) {
        self.instrument = instrument
        self.rate = rate
        self.fundingTime = fundingTime
        self.receivedTime = receivedTime
    }
}
