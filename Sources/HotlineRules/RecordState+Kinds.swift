import HotlineRecord

/// The rules of each kind of entry, after the author, the line and the references have been checked.
extension RecordState {
    static let maxStages = 20
    static let maxStepsPerStage = 50
    static let maxMeetingOptions = 10
    static let maxAttachments = 8
    /// The largest attachment of a formal note, decoded.
    public static let maxAttachmentSize = 4 * 1024 * 1024
    static let maxNameLength = 200

    func change(for entry: Context) throws(RuleViolation) -> Change {
        switch entry.header.kind {
        case .message:
            return .none
        case .formalNote:
            try checkFormalNote(entry)
            return .none
        case .proposal:
            return try proposal(entry)
        case .reply:
            return try reply(entry)
        case .meetingRequest:
            return try meetingRequest(entry)
        case .meetingConfirmation:
            return try confirmation(entry)
        case .minutes:
            return try minutes(entry)
        case .acknowledgement:
            return try acknowledgement(entry)
        case .translation:
            return try translation(entry)
        case .roleGrant:
            return try grant(entry)
        case .roleHandover:
            return try handover(entry)
        case .keyRevocation:
            return try revocation(entry)
        case .lineCharter:
            return try charter(entry)
        case .lineAcceptance:
            return try acceptance(entry)
        }
    }

    /// The one entry a reply, confirmation, acknowledgement or translation is about.
    private func target(_ entry: Context, _ what: String) throws(RuleViolation) -> Recorded {
        guard entry.references.count == 1, let target = entry.references.first else {
            throw RuleViolation(.badReference, "a \(entry.header.kind) refers to exactly one entry: \(what); this one refers to \(entry.references.count)")
        }
        guard target.header.line == entry.header.line else {
            throw RuleViolation(.badReference, "a \(entry.header.kind) stays on the line of the entry it is about (\(target.header.line)), not \(entry.header.line)")
        }
        return target
    }

    private func nonEmpty(_ text: String?, _ what: String) throws(RuleViolation) -> String {
        guard let text, !text.allSatisfy(\.isWhitespace) else {
            throw RuleViolation(.invalidContent, "\(what) is empty")
        }
        return text
    }

    // MARK: Items

    private func checkFormalNote(_ entry: Context) throws(RuleViolation) {
        _ = try nonEmpty(entry.content.subject, "the formal note's subject")
        guard let paragraphs = entry.content.paragraphs, !paragraphs.isEmpty else {
            throw RuleViolation(.invalidContent, "a formal note has at least one numbered paragraph")
        }
        for (index, paragraph) in paragraphs.enumerated() { _ = try nonEmpty(paragraph, "paragraph \(index + 1)") }
        let attachments = entry.content.attachments ?? []
        guard attachments.count <= Self.maxAttachments else {
            throw RuleViolation(.tooLarge, "a formal note carries at most \(Self.maxAttachments) attachments, not \(attachments.count)")
        }
        for attachment in attachments {
            _ = try nonEmpty(attachment.name, "an attachment's name")
            guard let bytes = Base64.decodeCanonical(attachment.data) else {
                throw RuleViolation(.invalidContent, "attachment \"\(attachment.name.prefix(80))\" is not canonical base64")
            }
            guard bytes.count <= Self.maxAttachmentSize else {
                throw RuleViolation(.tooLarge, "attachment \"\(attachment.name.prefix(80))\" is \(bytes.count) bytes; the limit is \(Self.maxAttachmentSize) (4 MiB)")
            }
        }
    }

    private func proposal(_ entry: Context) throws(RuleViolation) -> Change {
        let body = entry.content.proposal!
        guard (1...Self.maxStages).contains(body.stages.count) else {
            throw RuleViolation(.invalidContent, "a proposal has 1 to \(Self.maxStages) stages, not \(body.stages.count)")
        }
        for (index, stage) in body.stages.enumerated() {
            _ = try nonEmpty(stage.title, "the title of stage \(index + 1)")
            guard (1...Self.maxStepsPerStage).contains(stage.steps.count) else {
                throw RuleViolation(.invalidContent, "stage \(index + 1) has 1 to \(Self.maxStepsPerStage) steps, not \(stage.steps.count)")
            }
            for (stepIndex, step) in stage.steps.enumerated() {
                _ = try nonEmpty(step.text, "step \(index + 1).\(stepIndex + 1)")
                if let track = step.track, !entry.line.tracks.contains(track) {
                    throw RuleViolation(.unknownTrack, "step \(index + 1).\(stepIndex + 1) is on track \(track), which line \(entry.line.id) does not have")
                }
            }
        }
        return .proposal(Proposal(address: entry.address, line: entry.header.line, track: entry.header.track,
                                  subject: entry.content.subject, body: body))
    }

    private func reply(_ entry: Context) throws(RuleViolation) -> Change {
        let target = try target(entry, "the other side's proposal")
        guard target.header.sender == entry.recipient, let proposal = proposals[target.address] else {
            throw RuleViolation(.badReference, "a reply answers a proposal of \(entry.recipient); entry \(target.address) is a \(target.header.kind) of \(target.header.sender)")
        }
        let body = entry.content.reply!
        guard proposal.step(body.step) != nil else {
            throw RuleViolation(.badReference, "proposal \(target.address) has no step \(body.step); its steps are \(proposal.steps.map(\.description).joined(separator: ", "))")
        }
        if body.answer == .counter { _ = try nonEmpty(body.counterText, "a counter-proposal's text") }
        return .reply(proposal: target.address, step: body.step,
                      Proposal.Answer(answer: body.answer, counterText: body.counterText, reply: entry.address))
    }

    private func meetingRequest(_ entry: Context) throws(RuleViolation) -> Change {
        let body = entry.content.meeting!
        guard let (ours, theirs) = Self.parseFormat(body.format) else {
            throw RuleViolation(.invalidContent, "meeting format \"\(body.format.prefix(20))\" is not n+m, e.g. 2+2")
        }
        let onLine = (entry.line.roles[entry.sender]?.count ?? 0, entry.line.roles[entry.recipient]?.count ?? 0)
        guard ours <= onLine.0, theirs <= onLine.1 else {
            throw RuleViolation(.invalidContent, "a \(body.format) meeting needs more roles than line \(entry.line.id) has (\(onLine.0)+\(onLine.1))")
        }
        guard (1...Self.maxMeetingOptions).contains(body.options.count) else {
            throw RuleViolation(.invalidContent, "a meeting request offers 1 to \(Self.maxMeetingOptions) options, not \(body.options.count)")
        }
        for (index, option) in body.options.enumerated() {
            guard UTCTime.milliseconds(option.start) != nil else {
                throw RuleViolation(.invalidContent, "option \(index + 1) starts at \"\(option.start.prefix(40))\", which is not a UTC time like 2017-09-20T10:00:00Z")
            }
            _ = try nonEmpty(option.place, "the place of option \(index + 1)")
        }
        for item in body.agenda {
            guard entry.line.tracks.contains(item.track) else {
                throw RuleViolation(.unknownTrack, "the agenda names track \(item.track), which line \(entry.line.id) does not have")
            }
            _ = try nonEmpty(item.item, "an agenda item")
        }
        return .meetingRequest(Meeting(request: entry.address, line: entry.header.line, body: body))
    }

    private func confirmation(_ entry: Context) throws(RuleViolation) -> Change {
        let target = try target(entry, "the other side's meeting request")
        guard target.header.sender == entry.recipient, let meeting = meetings[target.address] else {
            throw RuleViolation(.badReference, "a confirmation answers a meeting request of \(entry.recipient); entry \(target.address) is a \(target.header.kind) of \(target.header.sender)")
        }
        if let confirmation = meeting.confirmation {
            throw RuleViolation(.conflict, "meeting request \(target.address) was already confirmed by entry \(confirmation)")
        }
        let option = entry.content.confirmation!.option
        guard (1...meeting.body.options.count).contains(option) else {
            throw RuleViolation(.badReference, "meeting request \(target.address) has options 1 to \(meeting.body.options.count), not \(option)")
        }
        return .confirmation(request: target.address, option: option)
    }

    /// Minutes refer to a confirmed meeting (its request or its confirmation); the other side's
    /// minutes entry referring to them countersigns them, which makes them final.
    private func minutes(_ entry: Context) throws(RuleViolation) -> Change {
        let target = try target(entry, "a confirmed meeting, or the other side's minutes to countersign")
        if let existing = minutes[target.address] {
            guard existing.address.side != entry.sender else {
                throw RuleViolation(.conflict, "minutes \(target.address) are \(entry.sender)'s own; only \(entry.recipient) can countersign them")
            }
            if let countersignature = existing.countersignature {
                throw RuleViolation(.conflict, "minutes \(target.address) were already countersigned by entry \(countersignature)")
            }
            return .countersignature(minutes: target.address)
        }
        let request = meetings[target.address] != nil
            ? target.address
            : meetings.values.first { $0.confirmation == target.address }?.request
        guard let request, let meeting = meetings[request] else {
            throw RuleViolation(.badReference, "minutes refer to a meeting request, its confirmation or the other side's minutes; entry \(target.address) is a \(target.header.kind)")
        }
        guard meeting.isConfirmed else {
            throw RuleViolation(.conflict, "meeting \(request) has not been confirmed; minutes follow a confirmed meeting")
        }
        return .minutes(Minutes(address: entry.address, meeting: request))
    }

    private func acknowledgement(_ entry: Context) throws(RuleViolation) -> Change {
        let target = try target(entry, "the other side's entry")
        guard target.header.sender == entry.recipient, AcknowledgementPolicy.needsAcknowledgement(target.header.kind) else {
            throw RuleViolation(.badReference, "an acknowledgement is for an entry of \(entry.recipient) that needs one; entry \(target.address) is a \(target.header.kind) of \(target.header.sender)")
        }
        return .acknowledgement(of: target.address)
    }

    private func translation(_ entry: Context) throws(RuleViolation) -> Change {
        let target = try target(entry, "the original")
        guard target.header.kind != .translation, target.header.kind != .acknowledgement else {
            throw RuleViolation(.badReference, "a translation is of an original entry, not of a \(target.header.kind)")
        }
        _ = try nonEmpty(entry.content.language, "a translation's language")
        guard entry.content.text != nil || entry.content.paragraphs != nil || entry.content.subject != nil else {
            throw RuleViolation(.invalidContent, "a translation carries the translated text, subject or paragraphs")
        }
        return .translation(of: target.address)
    }

    static func parseFormat(_ format: String) -> (Int, Int)? {
        let parts = format.split(separator: "+", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.count <= 2 }), a >= 1, b >= 1 else { return nil }
        return (a, b)
    }
}
