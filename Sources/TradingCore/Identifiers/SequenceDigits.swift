/// Writes decimal digits into a byte buffer without allocating.
enum SequenceDigits {
    /// "00" to "99": two digits per table entry. A string literal is constant data, so reading it needs no
    /// lazy initialisation (a static array cost a once-check and bounds checks on every call).
    private static var pairs: StaticString {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    }

    /// Writes `value` in decimal at the start of `buffer`; returns the number of bytes written (cut to fit,
    /// keeping the leading digits). Every order, venue order and fill names itself this way: the digits are
    /// made two at a time from the end into a small stack buffer, so no pass is needed to count them first.
    @inline(__always)
    static func write(_ value: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard buffer.count > 0 else { return 0 }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for UInt64.max's 20 digits
        return withUnsafeMutableBytes(of: &scratch) { digits in
            let table = pairs.utf8Start
            var end = digits.count
            var remaining = value
            while remaining >= 100 {
                let pair = Int(truncatingIfNeeded: remaining % 100) &* 2
                remaining /= 100
                end &-= 2
                digits[end] = table[pair]
                digits[end &+ 1] = table[pair &+ 1]
            }
            if remaining >= 10 {
                let pair = Int(truncatingIfNeeded: remaining) &* 2
                end &-= 2
                digits[end] = table[pair]
                digits[end &+ 1] = table[pair &+ 1]
            } else {
                end &-= 1
                digits[end] = UInt8(truncatingIfNeeded: remaining) &+ 0x30
            }
            let written = min(digits.count &- end, buffer.count)
            for offset in 0..<written { buffer[offset] = digits[end &+ offset] }
            return written
        }
    }
}
