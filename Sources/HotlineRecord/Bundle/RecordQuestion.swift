/// A question about what one side officially sent: entries of a kind, on a line or track,
/// signed within a time range, and for proposals, with a number of stages. Header fields are
/// judged from the signed entries alone; `stages` needs the plaintext of the proposals.
public struct RecordQuestion: Hashable, Sendable {
    public var sender: SideID
    public var kind: EntryKind?
    public var line: LineID?
    public var track: TrackID?
    /// Milliseconds since the epoch, inclusive.
    public var signedFrom: UInt64?
    /// Milliseconds since the epoch, exclusive.
    public var signedUntil: UInt64?
    /// Proposals with exactly this many stages.
    public var stages: Int?
    /// Entries whose subject contains this text, ignoring case.
    public var subject: String?

    public init(sender: SideID, kind: EntryKind? = nil, line: LineID? = nil, track: TrackID? = nil,
                signedFrom: UInt64? = nil, signedUntil: UInt64? = nil, stages: Int? = nil, subject: String? = nil) {
        self.subject = subject
        self.sender = sender
        self.kind = kind
        self.line = line
        self.track = track
        self.signedFrom = signedFrom
        self.signedUntil = signedUntil
        self.stages = stages
    }

    /// Whether the plaintext of header-matching entries is needed to answer.
    public var needsContent: Bool { stages != nil || subject != nil }

    /// Whether the signed header matches; with `needsContent`, the content must match too.
    public func headerMatches(_ header: EntryHeader) -> Bool {
        header.sender == sender
            && (kind == nil || header.kind == kind)
            && (stages == nil || header.kind == .proposal)
            && (line == nil || header.line == line)
            && (track == nil || header.track == track)
            && (signedFrom.map { header.timeMilliseconds >= $0 } ?? true)
            && (signedUntil.map { header.timeMilliseconds < $0 } ?? true)
    }

    public func contentMatches(_ content: EntryContent) -> Bool {
        if let stages, content.proposal?.stages.count != stages { return false }
        if let subject, !(content.subject ?? "").localizedCaseInsensitiveContains(subject) { return false }
        return true
    }

    /// The question in words: "a proposal with 3 stages on track normalization".
    public var description: String {
        var text = kind.map { "a \($0)" } ?? (stages == nil ? "an entry" : "a proposal")
        if let stages { text += " with \(stages) stage\(stages == 1 ? "" : "s")" }
        if let subject { text += " whose subject contains \"\(subject)\"" }
        if let line { text += " on line \(line)" }
        if let track { text += " on track \(track)" }
        if let signedFrom { text += " signed from \(VerifiedEvidence.format(milliseconds: signedFrom))" }
        if let signedUntil { text += " signed before \(VerifiedEvidence.format(milliseconds: signedUntil))" }
        return text
    }
}
