import HotlineRecord
@testable import HotlineRules
import Testing

/// The 2017 cast on two lines: the Security Council to the NSC, and the 2+2 ministers.
struct Cast {
    var record = Record()
    let patrushev = AuthorKey(), mcmaster = AuthorKey()
    let lavrov = AuthorKey(), shoigu = AuthorKey(), tillerson = AuthorKey(), mattis = AuthorKey()
    let secretary = try! RoleName("ru/sc/secretary"), advisor = try! RoleName("us/nsc/advisor")
    let ruFM = try! RoleName("ru/mfa/minister"), ruDM = try! RoleName("ru/mod/minister")
    let usFM = try! RoleName("us/state/secretary"), usDM = try! RoleName("us/dod/secretary")

    init() throws {
        try record.grant(record.ru, secretary.rawValue, to: "N. Patrushev", key: patrushev, deputy: "ru/sc/deputy")
        try record.grant(record.us, advisor.rawValue, to: "H. R. McMaster", key: mcmaster, deputy: "us/nsc/deputy")
        try record.grant(record.ru, ruFM.rawValue, to: "S. Lavrov", key: lavrov)
        try record.grant(record.ru, ruDM.rawValue, to: "S. Shoigu", key: shoigu)
        try record.grant(record.us, usFM.rawValue, to: "R. Tillerson", key: tillerson)
        try record.grant(record.us, usDM.rawValue, to: "J. Mattis", key: mattis)
        try record.openLine("ru-us/sc-nsc", from: record.ru, roles: [record.ru: [secretary.rawValue], record.us: [advisor.rawValue]],
                            tracks: ["counterterrorism", "cyber-threats", "strategic-stability"])
        try record.openLine("ru-us/2plus2", from: record.ru, roles: [record.ru: [ruFM.rawValue, ruDM.rawValue], record.us: [usFM.rawValue, usDM.rawValue]],
                            tracks: ["strategic-stability", "normalization"])
    }

    static func proposal(_ stages: [[String]], track: String? = nil) -> EntryContent {
        var content = Record.content()
        content.subject = "Steps towards normalization"
        content.proposal = ProposalBody(stages: stages.enumerated().map { index, steps in
            .init(title: "Stage \(index + 1)", steps: steps.map { .init(text: $0, track: track.map { try! TrackID($0) }) })
        })
        return content
    }

    static func reply(_ stage: Int, _ step: Int, _ answer: ReplyBody.Answer, counter: String? = nil) -> EntryContent {
        var content = Record.content()
        content.reply = ReplyBody(step: StepNumber(stage: stage, step: step), answer: answer, counterText: counter)
        return content
    }
}

@Suite struct ProposalTests {
    @Test func aProposalsStateFollowsTheRepliesPerStep() throws {
        var cast = try Cast()
        let proposal = try cast.record.write(cast.record.ru, as: cast.secretary, key: cast.patrushev, .proposal, line: "ru-us/sc-nsc",
                                             track: "counterterrorism", content: Cast.proposal([["a", "b"], ["c"], ["d"]], track: "cyber-threats"))
        #expect(cast.record.state.proposals[proposal]?.state == .awaitingReplies)
        func reply(_ stage: Int, _ step: Int, _ answer: ReplyBody.Answer, counter: String? = nil) throws(RuleViolation) {
            try cast.record.write(cast.record.us, as: cast.advisor, key: cast.mcmaster, .reply, line: "ru-us/sc-nsc",
                                  references: [proposal], content: Cast.reply(stage, step, answer, counter: counter))
        }
        try reply(1, 1, .accept)
        try reply(1, 2, .counter, counter: "b, but later")
        let state = cast.record.state.proposals[proposal]!
        #expect(state.state == .inNegotiation)
        #expect(state.state(of: StepNumber(stage: 1, step: 2)) == .countered)
        #expect(state.state(of: StepNumber(stage: 3, step: 1)) == .awaitingReply)

        expectRefusal(.badReference) { try reply(2, 2, .accept) }          // no such step
        expectRefusal(.badReference) { try reply(4, 1, .accept) }          // no such stage
        expectRefusal(.badReference) { try reply(0, 1, .accept) }
        expectRefusal(.invalidContent) { try reply(2, 1, .counter) }       // a counter says what instead
        // The proposer does not reply to its own proposal, and a reply names exactly one proposal.
        expectRefusal(.badReference) {
            try cast.record.write(cast.record.ru, as: cast.secretary, key: cast.patrushev, .reply, line: "ru-us/sc-nsc",
                                  references: [proposal], content: Cast.reply(1, 1, .accept))
        }
        expectRefusal(.badReference) {
            try cast.record.write(cast.record.us, as: cast.advisor, key: cast.mcmaster, .reply, line: "ru-us/sc-nsc", content: Cast.reply(1, 1, .accept))
        }
        for (stage, step) in [(1, 2), (2, 1), (3, 1)] { try reply(stage, step, .accept) }
        #expect(cast.record.state.proposals[proposal]?.state == .accepted)
        try reply(3, 1, .decline)   // the latest answer is the step's state
        #expect(cast.record.state.proposals[proposal]?.state == .inNegotiation)
    }

    @Test func aProposalMustBeWellFormed() throws {
        var cast = try Cast()
        for content in [Cast.proposal([]), Cast.proposal([[]]), Cast.proposal([["", "b"]]), Cast.proposal(Array(repeating: ["x"], count: 21))] {
            expectRefusal(.invalidContent) {
                try cast.record.write(cast.record.ru, as: cast.secretary, key: cast.patrushev, .proposal, line: "ru-us/sc-nsc", content: content)
            }
        }
        expectRefusal(.unknownTrack) {
            try cast.record.write(cast.record.ru, as: cast.secretary, key: cast.patrushev, .proposal, line: "ru-us/sc-nsc",
                                  content: Cast.proposal([["a"]], track: "normalization"))
        }
        var both = Cast.proposal([["a"]])
        both.reply = ReplyBody(step: StepNumber(stage: 1, step: 1), answer: .accept)
        expectRefusal(.invalidContent) {
            try cast.record.write(cast.record.ru, as: cast.secretary, key: cast.patrushev, .proposal, line: "ru-us/sc-nsc", content: both)
        }
        // A reply stays on its proposal's line.
        let proposal = try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .proposal, line: "ru-us/2plus2", content: Cast.proposal([["a"]]))
        expectRefusal(.badReference) {
            try cast.record.write(cast.record.us, as: cast.advisor, key: cast.mcmaster, .reply, line: "ru-us/sc-nsc", references: [proposal], content: Cast.reply(1, 1, .accept))
        }
    }

    @Test func whatASideSentIsAnsweredFromTheRecord() throws {
        var cast = try Cast()
        try cast.record.write(cast.record.ru, as: cast.secretary, key: cast.patrushev, .proposal, line: "ru-us/sc-nsc",
                              track: "counterterrorism", content: Cast.proposal([["a"], ["b"], ["c"]]))
        #expect(cast.record.state.proposals(sentBy: cast.record.ru).map { $0.body.stages.count } == [3])
        #expect(cast.record.state.proposals(sentBy: cast.record.us).isEmpty)
        #expect(cast.record.state.proposals(sentBy: cast.record.ru, track: try TrackID("cyber-threats")).isEmpty)
    }
}

@Suite struct MeetingTests {
    static func request(format: String = "2+2", options: [(String, String)] = [("2017-09-20T10:00:00Z", "Washington"), ("2017-10-02T10:00:00Z", "Moscow")],
                        agenda: [String] = ["strategic-stability"]) -> EntryContent {
        var content = Record.content()
        content.meeting = MeetingRequestBody(format: format, options: options.map { .init(start: $0.0, place: $0.1) },
                                             agenda: agenda.map { .init(track: try! TrackID($0), item: "Item on \($0)") })
        return content
    }

    @Test func aMeetingIsConfirmedOnceAndItsMinutesAreFinalOnlyWhenBothSidesSigned() throws {
        var cast = try Cast()
        let request = try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .meetingRequest, line: "ru-us/2plus2", content: Self.request())
        // Minutes wait for the confirmation.
        expectRefusal(.conflict) {
            try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .minutes, line: "ru-us/2plus2", references: [request])
        }
        var choice = Record.content()
        choice.confirmation = MeetingConfirmationBody(option: 3)
        expectRefusal(.badReference) {
            try cast.record.write(cast.record.us, as: cast.usFM, key: cast.tillerson, .meetingConfirmation, line: "ru-us/2plus2", references: [request], content: choice)
        }
        choice.confirmation = MeetingConfirmationBody(option: 2)
        expectRefusal(.badReference) {   // the requester does not confirm its own request
            try cast.record.write(cast.record.ru, as: cast.ruDM, key: cast.shoigu, .meetingConfirmation, line: "ru-us/2plus2", references: [request], content: choice)
        }
        let confirmation = try cast.record.write(cast.record.us, as: cast.usFM, key: cast.tillerson, .meetingConfirmation, line: "ru-us/2plus2",
                                                 references: [request], content: choice)
        expectRefusal(.conflict) {
            try cast.record.write(cast.record.us, as: cast.usDM, key: cast.mattis, .meetingConfirmation, line: "ru-us/2plus2", references: [request], content: choice)
        }
        #expect(cast.record.state.meetings[request]?.chosenOption == 2)

        let statement = try cast.record.write(cast.record.us, as: cast.usFM, key: cast.tillerson, .minutes, line: "ru-us/2plus2",
                                              references: [confirmation], content: Record.content(text: "Joint statement"))
        #expect(cast.record.state.minutes[statement]?.isFinal == false, "signed by one side only: not final")
        expectRefusal(.conflict) {   // a side does not countersign its own minutes
            try cast.record.write(cast.record.us, as: cast.usDM, key: cast.mattis, .minutes, line: "ru-us/2plus2", references: [statement])
        }
        try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .minutes, line: "ru-us/2plus2", references: [statement])
        #expect(cast.record.state.minutes[statement]?.isFinal == true)
        expectRefusal(.conflict) {
            try cast.record.write(cast.record.ru, as: cast.ruDM, key: cast.shoigu, .minutes, line: "ru-us/2plus2", references: [statement])
        }
        #expect(cast.record.state.meetings[request]?.minutes == [statement])
    }

    @Test func aMeetingRequestMustBeWellFormed() throws {
        var cast = try Cast()
        let bad = [
            Self.request(format: "3+2"), Self.request(format: "2 + 2"), Self.request(format: "two"),
            Self.request(options: []), Self.request(options: [("2017-09-20 10:00", "Washington")]),
            Self.request(options: [("2017-02-30T10:00:00Z", "Washington")]), Self.request(options: [("2017-09-20T10:00:00Z", " ")]),
        ]
        for content in bad {
            expectRefusal(.invalidContent) {
                try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .meetingRequest, line: "ru-us/2plus2", content: content)
            }
        }
        expectRefusal(.unknownTrack) {
            try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .meetingRequest, line: "ru-us/2plus2", content: Self.request(agenda: ["cybercrime"]))
        }
    }
}

@Suite struct AcknowledgementTests {
    @Test func anUnacknowledgedEntryEscalatesToTheDeputiesAtItsDeadline() throws {
        var cast = try Cast()
        let signed = cast.record.now
        let flash = try cast.record.write(cast.record.us, as: cast.advisor, key: cast.mcmaster, .message, line: "ru-us/sc-nsc",
                                          precedence: .flash, content: Record.content(text: "Flash"))
        let routine = try cast.record.write(cast.record.us, as: cast.advisor, key: cast.mcmaster, .message, line: "ru-us/sc-nsc")
        let state = cast.record.state
        let policy = AcknowledgementPolicy.standard
        let deadline = signed + 10 * 60_000
        // The clock is a parameter: one millisecond before and after the FLASH deadline.
        let before = state.awaitingAcknowledgement(by: cast.record.ru, at: deadline, policy: policy)
        #expect(before.map(\.entry) == [flash, routine])
        #expect(before.allSatisfy { !$0.isOverdue && $0.escalateTo == [try! RoleName("ru/sc/deputy")] })
        let after = state.awaitingAcknowledgement(by: cast.record.ru, at: deadline + 1, policy: policy)
        #expect(after.first?.entry == flash && after.first?.isOverdue == true)
        #expect(after.first?.escalateTo == [try RoleName("ru/sc/deputy")])
        #expect(after.last?.isOverdue == false)
        // The side that sent it has nothing to acknowledge.
        #expect(state.awaitingAcknowledgement(by: cast.record.us, at: deadline + 1).isEmpty)

        try cast.record.write(cast.record.ru, as: cast.secretary, key: cast.patrushev, .acknowledgement, line: "ru-us/sc-nsc", references: [flash])
        #expect(cast.record.state.awaitingAcknowledgement(by: cast.record.ru, at: deadline + 1).map(\.entry) == [routine])
        #expect(cast.record.state.acknowledgements[flash]?.count == 1)
        // Acknowledgements are for the other side's entries that need one.
        expectRefusal(.badReference) {
            try cast.record.write(cast.record.us, as: cast.advisor, key: cast.mcmaster, .acknowledgement, line: "ru-us/sc-nsc", references: [flash])
        }
        let ack = EntryAddress(side: cast.record.ru, sequence: cast.record.state.size(of: cast.record.ru) - 1)
        expectRefusal(.badReference) {
            try cast.record.write(cast.record.us, as: cast.advisor, key: cast.mcmaster, .acknowledgement, line: "ru-us/sc-nsc", references: [ack])
        }
    }

    @Test func withoutDeputiesTheOperatorIsEscalatedTo() throws {
        var cast = try Cast()
        let entry = try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .message, line: "ru-us/2plus2", precedence: .immediate)
        let late = cast.record.state.awaitingAcknowledgement(by: cast.record.us, at: cast.record.now + 2 * 3_600_000)
        #expect(late.map(\.entry) == [entry])
        #expect(late.first?.escalateTo == [try RoleName("us/operator")])
    }
}

@Suite struct NoteAndTranslationTests {
    func note(attachments: [NoteAttachment] = [], paragraphs: [String] = ["First.", "Second."]) -> EntryContent {
        var content = Record.content()
        content.subject = "On the proposed steps"
        content.paragraphs = paragraphs
        content.attachments = attachments.isEmpty ? nil : attachments
        return content
    }

    @Test func aFormalNoteHasASubjectParagraphsAndBoundedAttachments() throws {
        var cast = try Cast()
        func send(_ content: EntryContent) throws(RuleViolation) {
            try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .formalNote, line: "ru-us/2plus2", content: content)
        }
        try send(note(attachments: [NoteAttachment(name: "steps.pdf", mediaType: "application/pdf", bytes: Array(repeating: 1, count: 1000))]))
        try send(note(attachments: [NoteAttachment(name: "max.bin", mediaType: "application/octet-stream",
                                               bytes: Array(repeating: 0, count: RecordState.maxAttachmentSize))]))
        expectRefusal(.tooLarge) {
            try send(note(attachments: [NoteAttachment(name: "big.bin", mediaType: "application/octet-stream",
                                                   bytes: Array(repeating: 0, count: RecordState.maxAttachmentSize + 1))]))
        }
        expectRefusal(.tooLarge) {
            try send(note(attachments: Array(repeating: NoteAttachment(name: "a", mediaType: "text/plain", bytes: [1]), count: 9)))
        }
        expectRefusal(.invalidContent) { try send(note(paragraphs: [])) }
        expectRefusal(.invalidContent) { try send(note(paragraphs: ["ok", "  "])) }
        var bad = note()
        bad.attachments = [NoteAttachment(name: "x", mediaType: "text/plain", bytes: [1])]
        bad.attachments![0].data = "AQ"   // not canonical: padding missing
        expectRefusal(.invalidContent) { try send(bad) }
    }

    @Test func translationsAttachToAnOriginalOnItsLine() throws {
        var cast = try Cast()
        let original = try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .message, line: "ru-us/2plus2",
                                             content: EntryContent(salt: Array(repeating: 1, count: 32), language: "ru", text: "Предлагаем встретиться."))
        var english = EntryContent(salt: Array(repeating: 2, count: 32), language: "en", text: "We propose to meet.")
        // Either side may translate; the original stays the official text.
        let translation = try cast.record.write(cast.record.us, as: cast.usFM, key: cast.tillerson, .translation, line: "ru-us/2plus2", references: [original], content: english)
        try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .translation, line: "ru-us/2plus2", references: [original], content: english)
        #expect(cast.record.state.translations[original]?.count == 2)
        expectRefusal(.badReference) {
            try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .translation, line: "ru-us/2plus2", references: [translation], content: english)
        }
        english.language = nil
        expectRefusal(.invalidContent) {
            try cast.record.write(cast.record.us, as: cast.usFM, key: cast.tillerson, .translation, line: "ru-us/2plus2", references: [original], content: english)
        }
    }
}

@Suite struct ReferenceTests {
    @Test func referencesMustNameHeldEntriesByTheirLeafHash() throws {
        var cast = try Cast()
        let original = try cast.record.write(cast.record.ru, as: cast.ruFM, key: cast.lavrov, .message, line: "ru-us/2plus2")
        // Not held yet.
        expectRefusal(.badReference) {
            try cast.record.write(cast.record.us, as: cast.usFM, key: cast.tillerson, .acknowledgement, line: "ru-us/2plus2",
                                  references: [EntryAddress(side: cast.record.ru, sequence: 999)])
        }
        // Held, but named by another entry's leaf hash.
        let header = EntryHeader(
            sender: cast.record.us, recipient: cast.record.ru, line: try LineID("ru-us/2plus2"), kind: .acknowledgement, precedence: .routine,
            timeMilliseconds: 0, authorRole: cast.usFM, authorKeyID: cast.tillerson.publicKey.keyID,
            references: [EntryReference(side: original.side, sequence: original.sequence, leafHash: Hash.sha256([0]))],
            commitment: Hash.sha256([]), contentHash: Hash.sha256([]), contentLength: 0)
        let entry = Entry(sequence: cast.record.state.size(of: cast.record.us), header: header, authorSignature: try cast.tillerson.sign(header))
        expectRefusal(.badReference) { try cast.record.state.apply(entry, leafHash: entry.leafHash, content: nil) }
        // Out of order.
        let skipped = Entry(sequence: entry.sequence + 1, header: header, authorSignature: entry.authorSignature)
        expectRefusal(.outOfOrder) { try cast.record.state.apply(skipped, leafHash: skipped.leafHash, content: nil) }
    }
}
