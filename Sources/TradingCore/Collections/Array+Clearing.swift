extension Array {
    /// Empties the array and keeps its storage, like `removeAll(keepingCapacity: true)`.
    ///
    /// The engine's per-event buffers (commands, reports, requests in flight) hold one or two values when
    /// they hold any. Popping those is several times cheaper than `removeAll(keepingCapacity:)`, which goes
    /// through the generic `replaceSubrange`; longer arrays still use it.
    @inlinable @inline(__always)
    public mutating func removeAllKeepingCapacity() {
        if count <= 4 {
            while !isEmpty { removeLast() }
        } else {
            removeAll(keepingCapacity: true)
        }
    }
}
