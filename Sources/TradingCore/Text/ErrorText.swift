/// Error messages quote what they refuse, but never much of it: a 50 MB field must not become a 50 MB
/// message.
public enum ErrorText {
    /// The most characters of an offending value a message quotes.
    public static let quoteLimit = 100

    /// `text` cut to ``quoteLimit`` characters, with `…` when cut.
    public static func excerpt(_ text: some StringProtocol) -> String {
        text.count > quoteLimit ? String(text.prefix(quoteLimit)) + "…" : String(text)
    }

    /// `message` with every quoted part (between single quotes) cut to ``quoteLimit`` characters, and the
    /// whole cut to a few lines' worth.
    public static func clipped(_ message: String) -> String {
        guard message.count > quoteLimit else { return message }
        var output = ""
        var quoted = ""
        var inQuote = false
        for character in message {
            if character == "'" {
                if inQuote {
                    output += excerpt(quoted)
                    quoted = ""
                }
                inQuote.toggle()
                output.append(character)
            } else if inQuote {
                quoted.append(character)
            } else {
                output.append(character)
            }
        }
        if inQuote { output += excerpt(quoted) }
        return output.count > 8_000 ? String(output.prefix(8_000)) + "…" : output
    }
}
