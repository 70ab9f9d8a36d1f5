import HotlineRecord

extension RecordState {
    /// One holder's time in a role: from the entry that gave it to the entry that ended it.
    public struct Tenure: Hashable, Sendable {
        public var role: RoleName
        public var holder: String
        public var key: AuthorPublicKey
        public var deputy: RoleName?
        public var from: EntryAddress
        public var until: EntryAddress?
        /// Milliseconds since the epoch from which the key no longer signs for the role.
        public var expires: UInt64?
        public var isCurrent: Bool { until == nil }

        /// Whether the tenure lets its key sign at `milliseconds` (not handed over, not expired).
        public func isValid(at milliseconds: UInt64) -> Bool {
            isCurrent && (expires.map { milliseconds < $0 } ?? true)
        }
    }

    /// A line, from its charter; open once the other side has accepted it.
    public struct Line: Hashable, Sendable {
        public var id: LineID
        public var title: String
        public var format: String
        public var roles: [SideID: [RoleName]]
        public var tracks: [TrackID]
        public var charter: EntryAddress?
        public var acceptance: EntryAddress?
        public var isOpen: Bool { acceptance != nil || charter == nil }
        public var proposer: SideID? { charter?.side }
    }

    /// A proposal and the latest answer to each of its steps.
    public struct Proposal: Hashable, Sendable {
        public var address: EntryAddress
        public var line: LineID
        public var track: TrackID?
        public var subject: String?
        public var body: ProposalBody
        public var answers: [StepNumber: Answer] = [:]

        public struct Answer: Hashable, Sendable {
            public var answer: ReplyBody.Answer
            public var counterText: String?
            public var reply: EntryAddress
        }

        public enum StepState: String, Hashable, Sendable {
            case awaitingReply = "awaiting reply"
            case accepted, countered, declined
        }

        public enum State: String, Hashable, Sendable {
            case awaitingReplies = "awaiting replies"
            case inNegotiation = "in negotiation"
            case accepted, declined
        }

        public var steps: [StepNumber] {
            body.stages.enumerated().flatMap { stage in
                stage.element.steps.indices.map { StepNumber(stage: stage.offset + 1, step: $0 + 1) }
            }
        }

        public func step(_ number: StepNumber) -> ProposalBody.Step? {
            guard body.stages.indices.contains(number.stage - 1) else { return nil }
            let steps = body.stages[number.stage - 1].steps
            return steps.indices.contains(number.step - 1) ? steps[number.step - 1] : nil
        }

        public func state(of number: StepNumber) -> StepState {
            switch answers[number]?.answer {
            case nil: .awaitingReply
            case .accept: .accepted
            case .counter: .countered
            case .decline: .declined
            }
        }

        /// Derived from the steps alone: accepted or declined once every step is.
        public var state: State {
            let states = steps.map(state(of:))
            if states.allSatisfy({ $0 == .awaitingReply }) { return .awaitingReplies }
            if states.allSatisfy({ $0 == .accepted }) { return .accepted }
            if states.allSatisfy({ $0 == .declined }) { return .declined }
            return .inNegotiation
        }
    }

    /// A meeting request, its confirmation and its minutes.
    public struct Meeting: Hashable, Sendable {
        public var request: EntryAddress
        public var line: LineID
        public var body: MeetingRequestBody
        public var confirmation: EntryAddress?
        public var chosenOption: Int?
        public var minutes: [EntryAddress] = []
        public var isConfirmed: Bool { confirmation != nil }
    }

    /// Minutes or a joint statement written by one side; final once the other side countersigns.
    public struct Minutes: Hashable, Sendable {
        public var address: EntryAddress
        public var meeting: EntryAddress
        public var countersignature: EntryAddress?
        public var isFinal: Bool { countersignature != nil }
    }

    /// What a checked entry changes, recorded only after every check has passed.
    enum Change {
        case none
        case grant(Tenure)
        case handover(Tenure)
        case revocation(Hash)
        case charter(Line)
        case acceptance(LineID)
        case proposal(Proposal)
        case reply(proposal: EntryAddress, step: StepNumber, Proposal.Answer)
        case meetingRequest(Meeting)
        case confirmation(request: EntryAddress, option: Int)
        case minutes(Minutes)
        case countersignature(minutes: EntryAddress)
        case acknowledgement(of: EntryAddress)
        case translation(of: EntryAddress)
    }

    struct Verdict {
        var authorKey: AuthorPublicKey
        var change: Change
    }
}
