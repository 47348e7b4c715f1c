extension FixedPoint {
    /// Parses decimal text (`"65432.10"`, `"-0.5"`, `"1e-4"`, `"+3"`) into raw units of 10⁻¹⁸, digit by
    /// digit, never through `Double`.
    ///
    /// - Parameter text: ASCII decimal text: an optional sign, digits with at most one `.`, and an optional
    ///   exponent (`e`/`E` followed by an optionally signed integer).
    /// - Returns: the exact value × 10¹⁸.
    /// - Throws: ``DecimalParseError`` when the text is empty, malformed, has more than 18 decimals or
    ///   does not fit.
    public static func parse(_ text: some StringProtocol) throws(DecimalParseError) -> Int128 {
        var text = String(text)
        let result = text.withUTF8 { bytes in
            Result { () throws(DecimalParseError) -> Int128 in try parse(utf8: bytes) }
        }
        return try result.get()
    }

    /// Parses decimal text from UTF-8 bytes. See ``parse(_:)``.
    @inlinable
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(DecimalParseError) -> Int128 {
        var index = 0
        let count = bytes.count
        guard count > 0 else { throw .empty }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        } else if bytes[0] == UInt8(ascii: "+") {
            index = 1
        }
        // Fast path: up to 19 significant digits accumulate in a UInt64.
        var mantissa: UInt64 = 0
        var wide: UInt128 = 0
        var useWide = false
        var digitCount = 0
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        while index < count {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                sawDigit = true
                let digit = UInt64(byte &- 0x30)
                if sawPoint { fractionDigits += 1 }
                if digitCount == 0 && digit == 0 {
                    // Leading zeros add nothing.
                } else if !useWide && digitCount < 19 {
                    mantissa = mantissa &* 10 &+ digit
                    digitCount += 1
                } else {
                    if !useWide {
                        wide = UInt128(mantissa)
                        useWide = true
                    }
                    let (times10, o1) = wide.multipliedReportingOverflow(by: 10)
                    let (plus, o2) = times10.addingReportingOverflow(UInt128(digit))
                    if o1 || o2 { throw .outOfRange }
                    wide = plus
                    digitCount += 1
                }
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                break
            } else {
                throw .invalidCharacter(offset: index)
            }
            index += 1
        }
        guard sawDigit else { throw index < count ? .invalidCharacter(offset: index) : .empty }
        var exponent = 0
        if index < count {
            // Exponent part.
            index += 1
            var expNegative = false
            if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                expNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < count else { throw .invalidCharacter(offset: index) }
            while index < count {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { throw .invalidCharacter(offset: index) }
                exponent = exponent * 10 + Int(byte &- 0x30)
                if exponent > 100 { throw .outOfRange }
                index += 1
            }
            if expNegative { exponent = -exponent }
        }
        let magnitude: UInt128 = useWide ? wide : UInt128(mantissa)
        // value = magnitude × 10^(exponent - fractionDigits); raw = value × 10^18
        var shift = decimals + exponent - fractionDigits
        var result = magnitude
        if shift < 0 {
            // Allow trailing zeros beyond 18 decimals ("0.1000000000000000000").
            while shift < 0 {
                let (q, r) = result.quotientAndRemainder(dividingBy: 10)
                if r != 0 { throw .tooPrecise }
                result = q
                shift += 1
            }
        } else if result != 0 {
            if shift > 38 { throw .outOfRange }
            let (product, overflow) = result.multipliedReportingOverflow(by: UInt128(powerOfTen(shift)))
            if overflow { throw .outOfRange }
            result = product
        }
        guard result <= UInt128(Int128.max) else { throw .outOfRange }
        let value = Int128(result)
        return negative ? -value : value
    }
}
