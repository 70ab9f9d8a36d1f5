import Foundation
import HotlineClient
import HotlineRecord
import HotlineRules
import HotlineStore

/// What officials read through the client API. Each request is signed by an official's key
/// (NodeServer checks the signature); a line's entries are shown only to officials whose roles
/// are on it (compartments), and each read is recorded in the store.
extension Node {
    /// The key that signed a request.
    public struct Caller: Sendable {
        public let keyID: Hash
        public init(keyID: Hash) { self.keyID = keyID }
    }

    /// The record books, one per paired side.
    var books: [RecordBook] { peers.values.sorted { $0.context.side < $1.context.side }.map(\.context.book) }

    /// The roles of our side `caller` holds now, across paired sides.
    func roles(of caller: Caller, in state: RecordState) -> [RecordState.Tenure] {
        state.currentHolders(of: keys.side).filter { $0.key.keyID == caller.keyID }
    }

    /// The operator key, or a console key the operator added (Node+ConsoleKeys).
    func isOperator(_ caller: Caller) -> Bool { isOperatorKey(caller) || consoleKey(caller.keyID) != nil }

    public func whoAmI(_ caller: Caller) -> WhoAmI {
        var roles: [RoleView] = []
        var lines: [String] = []
        for book in books {
            let state = book.snapshot()
            roles += self.roles(of: caller, in: state).map(Self.view)
            lines += state.lines.values.filter { mayRead($0, caller, state) }.map(\.id.rawValue)
        }
        return WhoAmI(side: keys.side.rawValue, keyID: caller.keyID.hex, isOperator: isOperator(caller),
                      roles: roles, lines: Array(Set(lines)).sorted())
    }

    /// Whether `caller` may read `line`: one of its roles is on it, or it is the operator and
    /// the line is the operators' own.
    func mayRead(_ line: RecordState.Line, _ caller: Caller, _ state: RecordState) -> Bool {
        if line.id == RecordState.operatorsLine { return isOperator(caller) }
        let onLine = Set(line.roles[keys.side] ?? [])
        return roles(of: caller, in: state).contains { onLine.contains($0.role) }
    }

    /// Every line: officials see the lines of their roles; the operator sees all (charters are
    /// its to write), but reads only its own line's entries.
    public func lines(for caller: Caller) -> [LineView] {
        books.flatMap { book in
            let state = book.snapshot()
            return state.lines.values.filter { isOperator(caller) || mayRead($0, caller, state) }.map { Self.view($0, state) }
        }.sorted { $0.id < $1.id }
    }

    /// The book and state holding `line`, checked against the caller's compartments.
    func readable(_ line: String, _ caller: Caller) throws -> (RecordBook, RecordState, RecordState.Line) {
        guard let id = try? LineID(line) else { throw NodeError.notFound("\"\(line.prefix(80))\" is not a line name") }
        for book in books {
            let state = book.snapshot()
            guard let found = state.lines[id] else { continue }
            guard mayRead(found, caller, state) else {
                throw NodeError.forbidden("key \(caller.keyID.hex.prefix(16))… holds no role on line \(id); only its officials read it")
            }
            return (book, state, found)
        }
        throw NodeError.notFound("there is no line \(id)")
    }

    /// The entries of a line, both directions, oldest first; `since` skips those signed before it.
    public func entries(line: String, for caller: Caller, since: UInt64 = 0, limit: Int = 500, excluding: Set<EntryPointer> = []) async throws -> [EntryView] {
        let (book, state, found) = try readable(line, caller)
        let recorded = state.logs.values.flatMap { $0 }
            .filter { $0.header.line == found.id && $0.header.timeMilliseconds >= since && !excluding.contains(Self.pointer($0)) }
            .sorted { ($0.header.timeMilliseconds, $0.address) < ($1.header.timeMilliseconds, $1.address) }
            .prefix(limit)
        let views = try await self.views(of: Array(recorded), book: book, state: state)
        try await noteRead(caller, state: state, line: found, views.map(\.pointer))
        return views
    }

    /// One entry, if the caller may read its line.
    public func entry(side: String, sequence: UInt64, for caller: Caller) async throws -> EntryView {
        for book in books {
            let state = book.snapshot()
            guard let sideID = try? SideID(side), let recorded = state.entry(at: EntryAddress(side: sideID, sequence: sequence)) else { continue }
            let (_, _, line) = try readable(recorded.header.line.rawValue, caller)
            let views = try await self.views(of: [recorded], book: book, state: state)
            try await noteRead(caller, state: state, line: line, views.map(\.pointer))
            return views[0]
        }
        throw NodeError.notFound("this node holds no entry \(side.prefix(32))#\(sequence)")
    }

    public func proposals(line: String, for caller: Caller) throws -> [ProposalView] {
        let (_, state, found) = try readable(line, caller)
        return state.proposals.values.filter { $0.line == found.id }.sorted { $0.address < $1.address }.map { Self.view($0, state) }
    }

    public func meetings(line: String, for caller: Caller) throws -> [MeetingView] {
        let (_, state, found) = try readable(line, caller)
        return state.meetings.values.filter { $0.line == found.id }.sorted { $0.request < $1.request }.map { Self.view($0, state) }
    }

    /// The other sides' entries on the caller's lines that our side has not acknowledged.
    public func pending(for caller: Caller, at now: UInt64) -> [PendingView] {
        books.flatMap { book in
            let state = book.snapshot()
            return state.awaitingAcknowledgement(by: keys.side, at: now).filter { pending in
                state.lines[pending.line].map { mayRead($0, caller, state) } ?? false
            }.map { Self.view($0, state) }
        }
    }

    /// Our identity and our peers', for clients that seal and address entries.
    public func sidesView() throws -> SidesView {
        var identities = [keys.side.rawValue: String(decoding: identity.json, as: UTF8.self)]
        for peer in peers.values { identities[peer.context.side.rawValue] = String(decoding: peer.context.identity.json, as: UTF8.self) }
        return SidesView(side: keys.side.rawValue, identities: identities)
    }

    // MARK: - Building views

    private func noteRead(_ caller: Caller, state: RecordState, line: RecordState.Line, _ pointers: [EntryPointer]) async throws {
        guard !pointers.isEmpty else { return }
        let roles = roles(of: caller, in: state).map(\.role).filter { line.roles[keys.side]?.contains($0) == true }
        try await store.recordRead(ReadRecord(
            keyID: caller.keyID, roles: isOperator(caller) && roles.isEmpty ? "\(keys.side)/operator" : roles.map(\.rawValue).joined(separator: ","),
            line: line.id.rawValue, entries: pointers.map(\.description).joined(separator: " "), readAt: clock.seconds))
    }

    private func views(of recorded: [RecordState.Recorded], book: RecordBook, state: RecordState) async throws -> [EntryView] {
        var views: [EntryView] = []
        for item in recorded {
            let header = item.header
            let origin = LogOrigin(sender: header.sender, recipient: header.recipient)
            guard let record = try await store.records(origin, in: item.sequence..<item.sequence + 1).first else {
                throw NodeError.notFound("entry \(item.address) is in the record book but not in the store")
            }
            let plaintext = try SealedContent(encoded: record.content).open(with: keys)
            let content = (try? EntryContent(plaintext: plaintext)) ?? EntryContent(salt: [], text: String(decoding: plaintext, as: UTF8.self))
            let receipt = try await store.firstCosignature(origin, covering: item.sequence)
            let address = item.address
            let needsAck = AcknowledgementPolicy.needsAcknowledgement(header.kind)
            views.append(EntryView(
                pointer: Self.pointer(item), kind: header.kind.description, line: header.line.rawValue, track: header.track?.rawValue,
                precedence: header.precedence.description, signedAt: UTCTime.format(header.timeMilliseconds),
                authorRole: header.authorRole.rawValue,
                authorName: header.authorRole.rawValue.hasSuffix("/operator") ? "operator" : state.holder(of: header.authorRole, at: address)?.holder,
                authorKeyID: header.authorKeyID.hex,
                references: header.references.map { EntryPointer(side: $0.side.rawValue, sequence: $0.sequence, leafHash: $0.leafHash.hex) },
                content: content, received: receipt != nil, receivedAt: receipt.map { UTCTime.format($0.timestamp * 1000) },
                acknowledgements: (state.acknowledgements[address] ?? []).compactMap { state.entry(at: $0).map(Self.pointer) },
                translations: (state.translations[address] ?? []).compactMap { state.entry(at: $0).map(Self.pointer) },
                acknowledgeBy: needsAck ? UTCTime.format(AcknowledgementPolicy.standard.deadline(for: header.precedence, signedAt: header.timeMilliseconds)) : nil))
        }
        return views
    }

    static func pointer(_ recorded: RecordState.Recorded) -> EntryPointer {
        EntryPointer(side: recorded.header.sender.rawValue, sequence: recorded.sequence, leafHash: recorded.leafHash.hex)
    }

    static func pointer(_ address: EntryAddress, _ state: RecordState) -> EntryPointer? {
        state.entry(at: address).map(pointer)
    }

    static func view(_ pending: RecordState.PendingAcknowledgement, _ state: RecordState) -> PendingView {
        PendingView(pointer: pointer(state.entry(at: pending.entry)!), line: pending.line.rawValue, kind: pending.kind.description,
                    precedence: pending.precedence.description, deadline: UTCTime.format(pending.deadline),
                    isOverdue: pending.isOverdue, escalateTo: pending.escalateTo.map(\.rawValue))
    }

    static func view(_ tenure: RecordState.Tenure) -> RoleView {
        RoleView(role: tenure.role.rawValue, holder: tenure.holder, keyID: tenure.key.keyID.hex, deputy: tenure.deputy?.rawValue,
                 since: EntryPointer(side: tenure.from.side.rawValue, sequence: tenure.from.sequence, leafHash: ""))
    }

    static func view(_ line: RecordState.Line, _ state: RecordState) -> LineView {
        LineView(id: line.id.rawValue, title: line.title, format: line.format,
                 roles: Dictionary(uniqueKeysWithValues: line.roles.map { ($0.key.rawValue, $0.value.map(\.rawValue)) }),
                 tracks: line.tracks.map(\.rawValue), isOpen: line.isOpen,
                 charter: line.charter.flatMap { pointer($0, state) }, acceptance: line.acceptance.flatMap { pointer($0, state) })
    }

    static func view(_ proposal: RecordState.Proposal, _ state: RecordState) -> ProposalView {
        ProposalView(
            pointer: pointer(proposal.address, state)!, line: proposal.line.rawValue, track: proposal.track?.rawValue,
            subject: proposal.subject, state: proposal.state.rawValue,
            stages: proposal.body.stages.enumerated().map { stageIndex, stage in
                ProposalView.Stage(title: stage.title, steps: stage.steps.enumerated().map { stepIndex, step in
                    let number = StepNumber(stage: stageIndex + 1, step: stepIndex + 1)
                    let answer = proposal.answers[number]
                    return ProposalView.Step(number: number.description, text: step.text, track: step.track?.rawValue,
                                             state: proposal.state(of: number).rawValue, counterText: answer?.counterText,
                                             reply: answer.flatMap { pointer($0.reply, state) })
                })
            })
    }

    static func view(_ meeting: RecordState.Meeting, _ state: RecordState) -> MeetingView {
        MeetingView(request: pointer(meeting.request, state)!, line: meeting.line.rawValue, format: meeting.body.format,
                    options: meeting.body.options, agenda: meeting.body.agenda,
                    confirmation: meeting.confirmation.flatMap { pointer($0, state) }, chosenOption: meeting.chosenOption,
                    minutes: meeting.minutes.compactMap { address in
                        state.minutes[address].map {
                            MeetingView.Minutes(pointer: pointer(address, state)!, countersignature: $0.countersignature.flatMap { pointer($0, state) },
                                                isFinal: $0.isFinal)
                        }
                    })
    }
}

extension Node {
    /// Answers a question about what a side officially sent, with its proof, as of the latest
    /// cosignature at or before `asOf` (seconds; now if nil). The proof holds every entry's
    /// header below the cosigned size (that is what makes "none" provable) and the plaintext of
    /// the entries the question needs; so an official's question must name a line of theirs.
    public func answer(_ question: RecordQuestion, asOf: UInt64?, for caller: Caller) async throws -> RecordAnswer {
        if let line = question.line {
            _ = try readable(line.rawValue, caller)
        } else if !isOperator(caller) {
            throw NodeError.forbidden("an official's question names one of their lines (--line); only the operator asks about a whole log")
        }
        let peer: PeerRuntime
        let origin: LogOrigin
        if question.sender == keys.side {
            peer = try onlyPeer("ask about one side's log to us instead")
            origin = peer.context.outbound
        } else {
            guard let found = peers[question.sender.rawValue] else { throw NodeError.unknownPeer(question.sender.rawValue) }
            peer = found
            origin = peer.context.inbound
        }
        guard let note = try await store.cosignedCheckpoint(origin, asOf: asOf ?? clock.seconds) else {
            throw NodeError.notFound("no checkpoint of \(origin) was cosigned by then; nothing was officially received yet")
        }
        let size = try Checkpoint(note: note).size
        var records: [LogRecord] = []
        while UInt64(records.count) < size {
            records += try await store.records(origin, in: UInt64(records.count)..<min(size, UInt64(records.count) + 1_000))
        }
        let sender = origin.sender == keys.side ? keys.publicKeys : peer.context.identity.keys
        let recipient = origin.recipient == keys.side ? keys.publicKeys : peer.context.identity.keys
        let keys = self.keys
        return try RecordAnswer(question: question, cosignedCheckpoint: note, entries: records.map(\.leaf),
                                sender: sender, recipient: recipient,
                                plaintext: { try SealedContent(encoded: records[Int($0)].content).open(with: keys) })
    }
}

extension Node {
    /// How many entries the record books hold in all: it changes whenever an entry is stored.
    public var recordSize: UInt64 {
        books.reduce(0) { total, book in
            total + book.read { state in state.parties.keys.reduce(0) { $0 + state.size(of: $1) } }
        }
    }

    /// Who holds each role of every side, as the record shows it.
    public func roleHolders() -> [RoleView] {
        var seen = Set<String>()
        return books.flatMap { book in
            let state = book.snapshot()
            return state.parties.keys.sorted().flatMap { state.currentHolders(of: $0) }.map(Self.view)
        }.filter { seen.insert($0.role).inserted }
    }

    /// The evidence bundle of one entry on a line the caller reads, against the latest
    /// cosigned checkpoint that covers it; with `disclose`, its plaintext too.
    public func bundle(side: String, sequence: UInt64, disclose: Bool, for caller: Caller) async throws -> EvidenceBundle {
        for peer in peers.values {
            let state = peer.context.book.snapshot()
            guard let sideID = try? SideID(side), let recorded = state.entry(at: EntryAddress(side: sideID, sequence: sequence)) else { continue }
            _ = try readable(recorded.header.line.rawValue, caller)
            let origin = LogOrigin(sender: recorded.header.sender, recipient: recorded.header.recipient)
            guard let note = try await store.cosignedCheckpoint(origin, size: nil), let size = try? Checkpoint(note: note).size, size > sequence else {
                throw NodeError.notFound("entry \(recorded.address) has not been cosigned by \(origin.recipient) yet; try again once it is received")
            }
            guard let record = try await store.records(origin, in: sequence..<sequence + 1).first,
                  let author = state.key(withID: recorded.header.authorKeyID, of: recorded.header.sender) else {
                throw NodeError.notFound("entry \(recorded.address) or its author's key is missing")
            }
            let sender = origin.sender == keys.side ? keys.publicKeys : peer.context.identity.keys
            let recipient = origin.recipient == keys.side ? keys.publicKeys : peer.context.identity.keys
            return EvidenceBundle(
                entry: record.leaf, index: sequence, treeSize: size,
                inclusionProof: try await store.inclusionProof(origin, index: sequence, size: size), checkpoint: note.serialized,
                senderKeys: try sender.logVerifierKeys(to: recipient.side).map(\.vkey), recipientKeys: try recipient.cosignerVerifierKeys().map(\.vkey),
                authorKey: author.rawRepresentation,
                plaintext: disclose ? try SealedContent(encoded: record.content).open(with: keys) : nil)
        }
        throw NodeError.notFound("this node holds no entry \(side.prefix(32))#\(sequence)")
    }
}

extension Node {
    /// The other sides' entries past their acknowledgement deadline (by the node's clock): sets
    /// the overdue gauge and raises an alarm in the log, once per entry, naming whom it escalates
    /// to. Returns the entries newly escalated by this check.
    @discardableResult
    public func checkEscalations() -> [PendingView] {
        let overdue = books.flatMap { book in
            let state = book.snapshot()
            return state.awaitingAcknowledgement(by: keys.side, at: clock.milliseconds, overdueOnly: true).map { Self.view($0, state) }
        }
        metrics.overdueAcknowledgements().set(Double(overdue.count))
        let fresh = escalated.withLock { seen in overdue.filter { seen.insert($0.pointer.description).inserted } }
        for item in fresh {
            logger.critical("ALARM: \(item.precedence.uppercased()) \(item.kind) \(item.pointer) on \(item.line) was not acknowledged by \(item.deadline); escalated to \(item.escalateTo.joined(separator: ", "))",
                            metadata: ["alarm": "overdue-acknowledgement", "entry": "\(item.pointer)"])
        }
        return fresh
    }
}
