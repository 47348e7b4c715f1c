/// Writing text into fixed inline storage, shared by ``ShortText`` and ``ReasonText``.
enum InlineUTF8 {
    /// Copies the UTF-8 of `text` into `bytes`, cut to at most `capacity` bytes at a character boundary.
    /// - Returns: the number of bytes written.
    static func write(_ text: some StringProtocol, into bytes: UnsafeMutableRawBufferPointer, capacity: Int) -> Int {
        var limit = text.utf8.count
        if limit > capacity {
            limit = 0
            for character in text {
                let size = character.utf8.count
                if limit + size > capacity { break }
                limit += size
            }
        }
        var count = 0
        for byte in text.utf8 {
            guard count < limit else { break }
            bytes[count] = byte
            count += 1
        }
        return count
    }
}
