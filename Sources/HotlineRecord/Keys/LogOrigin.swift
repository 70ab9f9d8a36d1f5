/// Names a log and the keys around it. Each side keeps one log per peer: the entries it sends
/// to that peer. `hotline/ru/us` is the log of what ru sent to us; ru signs its checkpoints
/// under that name, and us cosigns them as `hotline/us`.
public struct LogOrigin: Hashable, Sendable, CustomStringConvertible {
    public var sender: SideID
    public var recipient: SideID

    public init(sender: SideID, recipient: SideID) {
        self.sender = sender
        self.recipient = recipient
    }

    /// The checkpoint origin line, also the key name of the sender's log signatures.
    public var text: String { "hotline/\(sender)/\(recipient)" }

    public var description: String { text }

    /// Parses `hotline/<sender>/<recipient>`.
    public init(text: String) throws(NoteError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == "hotline",
              let sender = try? SideID(parts[1]), let recipient = try? SideID(parts[2]), sender != recipient
        else {
            throw .malformedCheckpoint("origin \"\(text.prefix(80))\" is not a Hotline log (hotline/<sender>/<recipient>)")
        }
        self.init(sender: sender, recipient: recipient)
    }

    /// The key name a side's cosignatures carry.
    public static func cosignerName(_ side: SideID) -> String { "hotline/\(side)" }
}
