import Foundation
import HotlineRecord

/// The officials' reads (docs/PROTOCOL.md, "Client API").
extension NodeClient {
    public func whoAmI() async throws -> WhoAmI { try await request("GET", "/api/v1/me") }
    public func sides() async throws -> SidesView { try await request("GET", "/api/v1/sides") }
    public func roles() async throws -> [RoleView] { try await request("GET", "/api/v1/roles") }
    public func lines() async throws -> [LineView] { try await request("GET", "/api/v1/lines") }
    public func pending() async throws -> [PendingView] { try await request("GET", "/api/v1/pending") }

    public func entries(line: String, since: UInt64 = 0) async throws -> [EntryView] {
        try await request("GET", "/api/v1/entries?line=\(Self.escape(line))&since=\(since)")
    }

    public func entry(_ pointer: EntryPointer) async throws -> EntryView {
        try await request("GET", "/api/v1/entries/\(Self.escape(pointer.side))/\(pointer.sequence)")
    }

    public func proposals(line: String) async throws -> [ProposalView] {
        try await request("GET", "/api/v1/proposals?line=\(Self.escape(line))")
    }

    public func meetings(line: String) async throws -> [MeetingView] {
        try await request("GET", "/api/v1/meetings?line=\(Self.escape(line))")
    }

    /// The evidence bundle of an entry, as a file `hotline verify` checks.
    public func bundle(_ pointer: EntryPointer, disclose: Bool) async throws -> EvidenceBundle {
        let bytes = try await requestBytes("GET", "/api/v1/bundle?side=\(Self.escape(pointer.side))&sequence=\(pointer.sequence)&disclose=\(disclose)")
        return try EvidenceBundle(json: bytes)
    }

    /// The answer to a question about what a side sent, with its proof, as of `asOf` (seconds).
    public func answer(_ question: RecordQuestion, asOf: UInt64? = nil) async throws -> RecordAnswer {
        var query = "sender=\(question.sender)"
        if let kind = question.kind { query += "&kind=\(kind.token)" }
        if let line = question.line { query += "&line=\(Self.escape(line.rawValue))" }
        if let track = question.track { query += "&track=\(track)" }
        if let stages = question.stages { query += "&stages=\(stages)" }
        if let subject = question.subject { query += "&subject=\(Self.escape(subject))" }
        if let from = question.signedFrom { query += "&from=\(from)" }
        if let until = question.signedUntil { query += "&until=\(until)" }
        if let asOf { query += "&asOf=\(asOf)" }
        return try RecordAnswer(json: try await requestBytes("GET", "/api/v1/answer?\(query)"))
    }

    /// Percent-encodes a query value or path segment (line names carry '/').
    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
