/// Writing text into fixed inline storage, shared by ``ShortText`` and ``ReasonText``.
enum InlineUTF8 {
    /// Copies the UTF-8 of `text` into `bytes`, cut to at most `capacity` bytes at a character boundary.
    /// - Returns: the number of bytes written.
    static func write(_ text: some StringProtocol, into bytes: UnsafeMutableRawBufferPointer, capacity: Int) -> Int {
        let fast = text.utf8.withContiguousStorageIfAvailable { utf8 -> Int in
            let limit = cut(utf8, capacity: capacity) ?? slowLimit(text, capacity: capacity)
            if limit > 0 { bytes.baseAddress!.copyMemory(from: utf8.baseAddress!, byteCount: limit) }
            return limit
        }
        if let fast { return fast }
        let limit = slowLimit(text, capacity: capacity)
        var count = 0
        for byte in text.utf8 {
            guard count < limit else { break }
            bytes[count] = byte
            count += 1
        }
        return count
    }

    /// Where to cut `utf8` to fit `capacity` bytes when that needs no character breaking: all of it when it
    /// fits, or `capacity` bytes when those and the next byte are ASCII and do not split a `"\r\n"` (the one
    /// ASCII pair that is a single character). `nil` when only walking the characters can tell.
    @inline(__always)
    private static func cut(_ utf8: UnsafeBufferPointer<UInt8>, capacity: Int) -> Int? {
        if utf8.count <= capacity { return utf8.count }
        guard capacity > 0 else { return 0 }
        for index in 0...capacity where utf8[index] >= 0x80 { return nil }
        return utf8[capacity - 1] == 0x0D && utf8[capacity] == 0x0A ? capacity - 1 : capacity
    }

    /// The longest whole-character prefix of `text` within `capacity` bytes, walking its characters.
    private static func slowLimit(_ text: some StringProtocol, capacity: Int) -> Int {
        var limit = text.utf8.count
        if limit > capacity {
            limit = 0
            for character in text {
                let size = character.utf8.count
                if limit + size > capacity { break }
                limit += size
            }
        }
        return limit
    }
}
