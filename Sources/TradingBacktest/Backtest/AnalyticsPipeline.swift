import Dispatch
import TradingEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Carries a run's equity samples to its analytics (``RunAnalytics``) in batches. A long run without an
/// equity observer has them consumed on a thread of the pipeline's own, on the machine's other core, while
/// the engine goes on; otherwise each batch is consumed on the run's thread when it is handed over.
///
/// The batches are consumed in the order they were handed over, so results do not depend on the thread or
/// its timing. The thread starts with the first batch of at least ``threadThreshold`` samples, so short
/// runs (most tests) never start one, and it is joined when the run finishes (``finish(_:periodStart:observer:)``) or when the
/// pipeline goes, so no thread outlives the run that started it. It is not a long-running service: it is
/// the second half of one synchronous call.
final class AnalyticsPipeline {
    /// The most samples in a batch; a run's buffer holds this many.
    static let batchCapacity = 4_096
    /// The smallest batch that starts the thread: the run is long enough to be worth one.
    static let threadThreshold = batchCapacity / 2

    private let channel: AnalyticsChannel
    private let mayUseThread: Bool
    private var thread: pthread_t?
    private var finished = false
    /// Whether the consuming thread was started (for tests).
    private(set) var startedThread = false

    init(analytics: RunAnalytics, mayUseThread: Bool) {
        channel = AnalyticsChannel(analytics: analytics)
        self.mayUseThread = mayUseThread
    }

    deinit {
        // A run abandoned before it finished (bad data): stop the thread before the channel goes.
        if let thread {
            channel.send(AnalyticsChannel.Batch(samples: [], count: 0, periodStart: nil, isLast: true))
            pthread_join(thread, nil)
        }
    }

    /// Takes the batch of the first `count` values of `samples` (in run order, after every batch handed
    /// over before) and may leave another buffer of the same size in its place. `periodStart` opens the
    /// performance period before the batch's samples are taken. The observer, if any, gets the samples on
    /// the calling thread, and then no thread is started.
    func handOver(_ samples: inout [EquitySample], count: Int, periodStart: Int64?, observer: (any EquityObserver)?) {
        precondition(!finished, "Invariant: no samples after the run finished")
        precondition(observer == nil || thread == nil, "Invariant: the observer is set before the run")
        if thread == nil && (observer != nil || !mayUseThread || count < Self.threadThreshold || !startThread()) {
            samples.withUnsafeBufferPointer {
                channel.analytics.consume(
                    UnsafeBufferPointer(rebasing: $0[..<count]),
                    periodStart: periodStart,
                    observer: observer
                )
            }
            return
        }
        samples = channel.exchange(samples, count: count, periodStart: periodStart)
    }

    /// Takes the run's last batch and returns the analytics once every sample has been taken.
    func finish(
        _ samples: inout [EquitySample],
        count: Int,
        periodStart: Int64?,
        observer: (any EquityObserver)?
    )
        -> RunAnalytics
    {
        precondition(!finished, "Invariant: a run finishes once")
        finished = true
        if let thread {
            channel.send(AnalyticsChannel.Batch(samples: samples, count: count, periodStart: periodStart, isLast: true))
            pthread_join(thread, nil)
            self.thread = nil
        } else {
            samples.withUnsafeBufferPointer {
                channel.analytics.consume(
                    UnsafeBufferPointer(rebasing: $0[..<count]),
                    periodStart: periodStart,
                    observer: observer
                )
            }
        }
        return channel.analytics
    }

    /// Starts the consuming thread; false when the system refuses one (the batches are then consumed on the
    /// run's thread).
    private func startThread() -> Bool {
        // The thread holds the channel, not the pipeline, so the pipeline's `deinit` can still stop it.
        let context = Unmanaged.passRetained(channel).toOpaque()
        var handle = pthread_t()
        #if canImport(Darwin)
        let result = pthread_create(
            &handle,
            nil,
            { context in
                let channel = Unmanaged<AnalyticsChannel>.fromOpaque(context).takeRetainedValue()
                channel.consumeUntilLast()
                return nil
            },
            context
        )
        #else
        let result = pthread_create(
            &handle,
            nil,
            { context in
                // Non-nil: `startThread` passes the channel.
                let channel = Unmanaged<AnalyticsChannel>.fromOpaque(context!).takeRetainedValue()
                channel.consumeUntilLast()
                return nil
            },
            context
        )
        #endif
        guard result == 0 else {
            Unmanaged<AnalyticsChannel>.fromOpaque(context).release()
            return false
        }
        thread = handle
        startedThread = true
        return true
    }
}

/// The batches between a run and its analytics thread: a ring of slots, each owned by one side at a time.
/// The producer fills a free slot and signals `full`; the consumer takes it, consumes it and signals
/// `free`. The semaphores order every access to a slot and, at the end, to ``analytics`` (which the run
/// reads only after joining the thread, or when no thread was started).
///
/// `@unchecked Sendable`: the slots and ``analytics`` are plain memory shared between two threads, and
/// the semaphore hand-over above (and `pthread_join`) is what makes each access happen after the other
/// side's last one.
final class AnalyticsChannel: @unchecked Sendable {
    struct Batch {
        var samples: [EquitySample]
        var count: Int
        var periodStart: Int64?
        var isLast: Bool
    }

    static let slotCount = 4

    var analytics: RunAnalytics
    private let slots: UnsafeMutablePointer<Batch>
    private var producerSlot = 0
    private let free = DispatchSemaphore(value: AnalyticsChannel.slotCount)
    private let full = DispatchSemaphore(value: 0)

    init(analytics: RunAnalytics) {
        self.analytics = analytics
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(
            repeating: Batch(samples: [], count: 0, periodStart: nil, isLast: false),
            count: Self.slotCount
        )
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    /// Hands `batch` to the consumer, waiting while every slot is still being consumed; returns the
    /// samples buffer the slot held, which the consumer has finished with.
    @discardableResult
    func send(_ batch: Batch) -> [EquitySample] {
        free.wait()
        let previous = slots[producerSlot].samples
        slots[producerSlot] = batch
        producerSlot = (producerSlot + 1) % Self.slotCount
        full.signal()
        return previous
    }

    /// Hands the first `count` of `samples` to the consumer and returns the buffer of a slot consumed
    /// before (a new one the first time round), so that the run writes its next batch into storage that
    /// nothing else reads.
    func exchange(_ samples: [EquitySample], count: Int, periodStart: Int64?) -> [EquitySample] {
        let recycled = send(Batch(samples: samples, count: count, periodStart: periodStart, isLast: false))
        return recycled.count == samples.count ? recycled : [EquitySample](repeating: .zero, count: samples.count)
    }

    /// The consuming thread's loop: takes batches in order until the last.
    func consumeUntilLast() {
        var slot = 0
        while true {
            full.wait()
            let isLast = slots[slot].isLast
            let count = slots[slot].count
            slots[slot].samples.withUnsafeBufferPointer {
                analytics.consume(
                    UnsafeBufferPointer(rebasing: $0[..<count]),
                    periodStart: slots[slot].periodStart,
                    observer: nil
                )
            }
            slot = (slot + 1) % Self.slotCount
            free.signal()
            if isLast { return }
        }
    }
}
