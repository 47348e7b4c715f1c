/// A credential (API secret, passphrase or private key) that never shows itself.
///
/// Its `description`, `debugDescription` and reflection all read `<redacted>`, so a secret interpolated
/// into a log line, an error or a crash dump by mistake prints nothing of its value. Only the signers in
/// this module read ``revealed``.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The secret's text, for the code that signs with it.
    package let revealed: String

    public init(_ value: String) { self.revealed = value }

    public var isEmpty: Bool { revealed.isEmpty }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
