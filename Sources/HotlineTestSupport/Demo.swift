import Foundation
import HotlineClient
import HotlineRecord

/// `hotline demo`: Moscow and Washington on this machine, playing the working contacts of 2017
/// end to end. Every claim the transcript makes is checked before it is printed: on the other
/// side's node, through its own API, or offline from the proof files.
public struct Demo: Sendable {
    public let sides: TwoSides
    let say: @Sendable (String) -> Void

    public init(sides: TwoSides, say: @escaping @Sendable (String) -> Void) {
        self.sides = sides
        self.say = say
    }

    /// What the demo leaves behind for the reader to try.
    public struct Outcome: Sendable {
        public var checks: Int
        public var answerFile: URL
        public var bundleFile: URL
    }

    /// A check that failed: the demo stops and says what did not hold.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Counts the checks made; each printed claim is one.
    final class Checks: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var total: Int { lock.withLock { count } }
    }

    struct Official {
        let name: String
        let role: String
        let key: AuthorKey
        let session: OfficialSession
    }

    public func run() async throws -> Outcome {
        let checks = Checks()
        func check(_ condition: Bool, _ claim: String) throws {
            guard condition else { throw Failure(description: "the demo could not verify: \(claim)") }
            checks.add()
        }
        let ru = sides.ru, us = sides.us
        let ruOperator = try await OfficialSession.open(ru.client)
        let usOperator = try await OfficialSession.open(us.client)

        say("Two sides on this machine: Moscow (ru) and Washington (us), each with its own node and store.")
        say("  They paired by reading fingerprints aloud: ru \(ru.node.identity.fingerprint), us \(us.node.identity.fingerprint).")

        // 1. Roles. Each official has a personal key; the operator grants the role to it.
        say("\n1. The operators grant roles to officials' personal keys (entries on the line `operators`).")
        func grant(_ session: OfficialSession, _ role: String, _ name: String, deputy: String? = nil) async throws -> Official {
            let key = AuthorKey()
            var content = EntryContent.withRandomSalt()
            content.grant = RoleGrantBody(role: try RoleName(role), holder: name, key: key.publicKey, deputy: deputy.map { try! RoleName($0) })
            try await session.send(.init(.roleGrant, line: "operators", content: content), wait: 20)
            let official = try await OfficialSession.open(session.client.signed(by: key))
            return Official(name: name, role: role, key: key, session: official)
        }
        let lavrov = try await grant(ruOperator, "ru/mfa/minister", "Sergey Lavrov")
        let shoigu = try await grant(ruOperator, "ru/mod/minister", "Sergey Shoigu")
        let patrushev = try await grant(ruOperator, "ru/sc/secretary", "Nikolai Patrushev", deputy: "ru/sc/deputy-secretary")
        let venediktov = try await grant(ruOperator, "ru/sc/deputy-secretary", "Alexander Venediktov")
        let bortnikov = try await grant(ruOperator, "ru/fsb/director", "Alexander Bortnikov")
        let kislyak = try await grant(ruOperator, "ru/embassy/ambassador", "Sergey Kislyak")
        let tillerson = try await grant(usOperator, "us/state/secretary", "Rex Tillerson")
        let mattis = try await grant(usOperator, "us/dod/secretary", "James Mattis")
        let mcmaster = try await grant(usOperator, "us/nsc/advisor", "H. R. McMaster", deputy: "us/nsc/deputy-advisor")
        let pompeo = try await grant(usOperator, "us/cia/director", "Mike Pompeo")
        let shannon = try await grant(usOperator, "us/state/under-secretary", "Thomas Shannon")
        // The other side's node sees each grant: roles are facts of the record, not claims.
        let usSeesRoles = try await us.client.roles()
        for official in [lavrov, shoigu, patrushev, venediktov, bortnikov, kislyak] {
            try check(usSeesRoles.contains { $0.role == official.role && $0.holder == official.name && $0.keyID == official.key.publicKey.keyID.hex },
                      "Washington's node shows \(official.role) held by \(official.name)")
        }
        let ruSeesRoles = try await ru.client.roles()
        for official in [tillerson, mattis, mcmaster, pompeo, shannon] {
            try check(ruSeesRoles.contains { $0.role == official.role && $0.holder == official.name }, "Moscow's node shows \(official.role)")
        }
        say("   ru: \([lavrov, shoigu, patrushev, venediktov, bortnikov, kislyak].map { "\($0.role) (\($0.name))" }.joined(separator: ", ")).")
        say("   us: \([tillerson, mattis, mcmaster, pompeo, shannon].map { "\($0.role) (\($0.name))" }.joined(separator: ", ")).")
        say("   ✓ each side's node shows the other side's holders, as granted in the other side's signed log.")

        // 2. Lines: one side charters, the other accepts; only then is the line open.
        say("\n2. Lines between counterpart roles: one side charters, the other accepts.")
        func line(_ id: String, _ title: String, from proposer: OfficialSession, to accepter: OfficialSession,
                  roles: [String: [String]], tracks: [String]) async throws {
            var charter = EntryContent.withRandomSalt()
            let proposerSide = proposer.ourSide.rawValue, accepterSide = accepter.ourSide.rawValue
            charter.charter = LineCharterBody(
                title: title, format: "\(roles[proposerSide]!.count)+\(roles[accepterSide]!.count)",
                roles: Dictionary(uniqueKeysWithValues: try roles.map { (try SideID($0.key), try $0.value.map { try RoleName($0) }) }),
                tracks: try tracks.map { try TrackID($0) })
            let proposal = try await proposer.send(.init(.lineCharter, line: id, content: charter), wait: 20)
            try await accepter.send(.init(.lineAcceptance, line: id, content: .withRandomSalt(), references: [proposal]), wait: 20)
            let seen = try await proposer.client.lines().first { $0.id == id }
            try check(seen?.isOpen == true && seen?.acceptance != nil, "line \(id) is open on \(proposerSide)'s node")
            let format = "\(roles["ru"]!.count)+\(roles["us"]!.count)"
            say("   \(id) — \(title) (\(format); tracks: \(tracks.joined(separator: ", "))): chartered by \(proposerSide), accepted by \(accepterSide). ✓ open")
        }
        try await line("ru-us/mfa", "Foreign ministers", from: ruOperator, to: usOperator,
                       roles: ["ru": ["ru/mfa/minister"], "us": ["us/state/secretary"]], tracks: ["normalization", "strategic-stability"])
        try await line("ru-us/mod", "Defence ministers, beside the foreign ministers", from: ruOperator, to: usOperator,
                       roles: ["ru": ["ru/mod/minister"], "us": ["us/dod/secretary"]], tracks: ["deconfliction", "strategic-stability"])
        try await line("ru-us/2plus2", "Foreign and defence ministers, 2+2", from: usOperator, to: ruOperator,
                       roles: ["us": ["us/state/secretary", "us/dod/secretary"], "ru": ["ru/mfa/minister", "ru/mod/minister"]],
                       tracks: ["strategic-stability", "normalization"])
        try await line("ru-us/sc-nsc", "Security Council and National Security Council", from: ruOperator, to: usOperator,
                       roles: ["ru": ["ru/sc/secretary", "ru/sc/deputy-secretary"], "us": ["us/nsc/advisor"]],
                       tracks: ["counterterrorism", "cyber-threats", "strategic-stability"])
        try await line("ru-us/services", "Heads of security and intelligence services", from: ruOperator, to: usOperator,
                       roles: ["ru": ["ru/fsb/director"], "us": ["us/cia/director"]], tracks: ["international-terrorism", "drug-trafficking"])
        try await line("ru-us/embassy", "Ambassador in Washington and the State Department", from: ruOperator, to: usOperator,
                       roles: ["ru": ["ru/embassy/ambassador"], "us": ["us/state/under-secretary"]], tracks: ["normalization", "non-proliferation", "cybercrime"])
        // Compartments: an official reads only the lines of their roles.
        do {
            _ = try await pompeo.session.client.entries(line: "ru-us/mfa")
            throw Failure(description: "the CIA director's key read the foreign ministers' line")
        } catch ClientError.refused(403, _) {
            try check(true, "compartments")
            say("   ✓ compartments: the CIA director's key is refused the foreign ministers' line (403); reads are recorded.")
        }

        // 3. Moscow's March document of proposed steps, and Washington's replies per step.
        say("\n3. Moscow's document of proposed steps (March), and Washington's replies, step by step.")
        var plan = EntryContent.withRandomSalt(language: "en", subject: "Proposed steps towards normalization")
        plan.proposal = ProposalBody(stages: [
            .init(title: "Restore channels", steps: [.init(text: "Resume regular consultations of deputy foreign ministers"),
                                                     .init(text: "Return of diplomatic properties")]),
            .init(title: "Security dialogue", steps: [.init(text: "Working group on strategic stability", track: try TrackID("strategic-stability"))]),
            .init(title: "Normal embassy work", steps: [.init(text: "Lift limits on visas for diplomats")]),
        ])
        let march = try await lavrov.session.send(.init(.proposal, line: "ru-us/mfa", track: "normalization", precedence: .priority, content: plan), wait: 20)
        func reply(_ step: (Int, Int), _ answer: ReplyBody.Answer, counter: String? = nil) async throws {
            var content = EntryContent.withRandomSalt(language: "en")
            content.reply = ReplyBody(step: StepNumber(stage: step.0, step: step.1), answer: answer, counterText: counter)
            try await tillerson.session.send(.init(.reply, line: "ru-us/mfa", content: content, references: [march]), wait: 20)
        }
        try await reply((1, 1), .accept)
        try await reply((1, 2), .counter, counter: "Discuss the properties after the consultations resume")
        try await reply((2, 1), .accept)
        try await reply((3, 1), .decline)
        let board = try await lavrov.session.client.proposals(line: "ru-us/mfa").first { $0.pointer == march }
        let states = board?.stages.flatMap(\.steps).map { "\($0.number) \($0.state)" } ?? []
        try check(states == ["1.1 accepted", "1.2 countered", "2.1 accepted", "3.1 declined"] && board?.state == "in negotiation",
                  "the proposal's state on Moscow's node follows Washington's replies")
        say("   \(march): \(board!.stages.count) stages, \(states.count) steps, signed by Sergey Lavrov. Washington's replies: \(states.joined(separator: "; ")).")
        say("   ✓ Moscow's node derives the state from the record alone: \(board!.state).")
        let marchOnUs = try await tillerson.session.client.entry(march)
        try check(marchOnUs.received && marchOnUs.authorName == "Sergey Lavrov", "Washington holds ru's proposal, signed by Lavrov")
        say("   ✓ officially received: Washington cosigned a checkpoint covering it at \(marchOnUs.receivedAt ?? "?").")

        // A reply to a step that does not exist is refused, with the reason.
        do {
            var content = EntryContent.withRandomSalt()
            content.reply = ReplyBody(step: StepNumber(stage: 4, step: 1), answer: .accept)
            try await tillerson.session.send(.init(.reply, line: "ru-us/mfa", content: content, references: [march]))
            throw Failure(description: "a reply to step 4.1 was accepted")
        } catch let ClientError.brokeRule(code, reason) where code == "bad-reference" {
            try check(true, "refusal")
            say("   ✓ a reply to step 4.1 is refused: \(reason)")
        }

        // 4. A 2+2 meeting: requested, agreed, and its joint statement signed by both sides.
        say("\n4. A 2+2 meeting of the foreign and defence ministers.")
        var request = EntryContent.withRandomSalt(language: "en", subject: "2+2 consultations")
        request.meeting = MeetingRequestBody(format: "2+2", options: [
            .init(start: "2017-09-20T14:00:00Z", place: "Washington"), .init(start: "2017-10-02T10:00:00Z", place: "Moscow"),
        ], agenda: [.init(track: try TrackID("strategic-stability"), item: "New START and INF"),
                    .init(track: try TrackID("normalization"), item: "Embassy operations")])
        let meeting = try await tillerson.session.send(.init(.meetingRequest, line: "ru-us/2plus2", content: request), wait: 20)
        var choice = EntryContent.withRandomSalt()
        choice.confirmation = MeetingConfirmationBody(option: 2)
        let confirmation = try await lavrov.session.send(.init(.meetingConfirmation, line: "ru-us/2plus2", content: choice, references: [meeting]), wait: 20)
        let statement = try await shoigu.session.send(.init(.minutes, line: "ru-us/2plus2",
            content: .withRandomSalt(language: "en", subject: "Joint statement", text: "The sides agreed to continue the 2+2 format."),
            references: [confirmation]), wait: 20)
        let beforeCountersign = try await mattis.session.client.meetings(line: "ru-us/2plus2").first?.minutes.first
        try check(beforeCountersign?.isFinal == false, "one-sided minutes are not final")
        say("   Requested by Washington (\(meeting)); Moscow confirmed option 2, Moscow, 2017-10-02. Joint statement drafted by Moscow (\(statement)).")
        say("   ✓ signed by one side only, it is not final.")
        try await mattis.session.send(.init(.minutes, line: "ru-us/2plus2", content: .withRandomSalt(), references: [statement]), wait: 20)
        let final = try await lavrov.session.client.meetings(line: "ru-us/2plus2").first
        try check(final?.chosenOption == 2 && final?.minutes.first?.isFinal == true, "the joint statement is final on Moscow's node")
        say("   ✓ countersigned by James Mattis: final, on both nodes.")

        // 5. The ambassador changes: the line goes on, the history stays attributed.
        say("\n5. A new ambassador arrives in Washington.")
        let before = try await kislyak.session.send(.init(.message, line: "ru-us/embassy", track: "normalization",
                                                          content: .withRandomSalt(language: "en", text: "My last message as ambassador.")), wait: 20)
        let antonovKey = AuthorKey()
        var handover = EntryContent.withRandomSalt()
        handover.handover = RoleHandoverBody(role: try RoleName("ru/embassy/ambassador"), holder: "Anatoly Antonov", key: antonovKey.publicKey)
        try await ruOperator.send(.init(.roleHandover, line: "operators", content: handover), wait: 20)
        let antonov = try await OfficialSession.open(ru.client.signed(by: antonovKey))
        let after = try await antonov.send(.init(.message, line: "ru-us/embassy", track: "normalization",
                                                 content: .withRandomSalt(language: "en", text: "I have arrived and present my copy of credentials.")), wait: 20)
        let old = try await shannon.session.client.entry(before), new = try await shannon.session.client.entry(after)
        try check(old.authorName == "Sergey Kislyak" && new.authorName == "Anatoly Antonov", "attribution across the handover")
        say("   ru/embassy/ambassador handed from Sergey Kislyak to Anatoly Antonov. Washington reads \(before) as Kislyak's and \(after) as Antonov's.")
        do {
            try await kislyak.session.send(.init(.message, line: "ru-us/embassy", content: .withRandomSalt(text: "still here?"), role: "ru/embassy/ambassador"))
            throw Failure(description: "the former ambassador's key still signed")
        } catch let ClientError.refused(status, _) where status == 401 {
            try check(true, "old key refused")
            say("   ✓ the former ambassador's key is no longer accepted by Moscow's node (401).")
        }

        // 6. A FLASH notification, acknowledged in time.
        say("\n6. A FLASH notification on the Security Council line, acknowledged in time.")
        let flash = try await mcmaster.session.send(.init(.message, line: "ru-us/sc-nsc", track: "counterterrorism", precedence: .flash,
            content: .withRandomSalt(language: "en", subject: "Threat warning", text: "Credible information on a planned attack; details follow.")), wait: 20)
        let pendingBefore = try await patrushev.session.client.pending().first { $0.pointer == flash }
        try check(pendingBefore != nil && pendingBefore?.isOverdue == false, "the flash awaits Moscow's acknowledgement")
        try await patrushev.session.send(.init(.acknowledgement, line: "ru-us/sc-nsc", content: .withRandomSalt(), references: [flash]), wait: 20)
        let acknowledged = try await mcmaster.session.client.entry(flash)
        try check(acknowledged.acknowledgements.count == 1, "Washington sees the acknowledgement")
        let deputy = try await ru.client.roles().first { pendingBefore!.escalateTo == [$0.role] }
        try check(deputy?.holder == venediktov.name, "the flash would escalate to Patrushev's deputy")
        say("   \(flash): FLASH, acknowledge by \(pendingBefore!.deadline) (10 minutes); if late, it escalates to \(deputy!.role) (\(deputy!.holder)).")
        say("   ✓ acknowledged by Nikolai Patrushev within the deadline; Washington's node shows the acknowledgement.")

        // 7. The services' line.
        say("\n7. The heads of services, on international terrorism.")
        let services = try await bortnikov.session.send(.init(.message, line: "ru-us/services", track: "international-terrorism", precedence: .immediate,
            content: .withRandomSalt(language: "ru", text: "Предлагаем обменяться данными о перемещении боевиков.")), wait: 20)
        var english = EntryContent.withRandomSalt(language: "en", text: "We propose to exchange data on the movement of fighters.")
        english.subject = nil
        try await pompeo.session.send(.init(.translation, line: "ru-us/services", content: english, references: [services]), wait: 20)
        let original = try await bortnikov.session.client.entry(services)
        try check(original.translations.count == 1 && original.content.language == "ru", "the original stays; a translation is attached")
        say("   \(services) in Russian; Washington attached an English translation. ✓ the original stays the official text.")

        // 8. The question of the year.
        say("\n8. \"Has Washington officially sent a three-stage plan?\"")
        let question = RecordQuestion(sender: try SideID("us"), line: try LineID("ru-us/mfa"), stages: 3)
        let answer = try await lavrov.session.client.answer(question)
        let verified = try RecordAnswer(json: answer.json).verify()
        try check(verified.matches.isEmpty, "no three-stage proposal from us")
        say("   No. \(verified.sentence)")
        say("   ✓ verified offline from \(answer.entries.count) signed entries and Moscow's cosigned checkpoint (hotline verify).")
        let moscowAnswer = try await tillerson.session.client.answer(RecordQuestion(sender: try SideID("ru"), line: try LineID("ru-us/mfa"), stages: 3))
        let yes = try moscowAnswer.verify()
        try check(yes.matches.map(\.sequence) == [march.sequence], "ru's three-stage proposal was received")
        say("   And the other way: \(yes.sentence)")

        let directory = sides.root.appendingPathComponent("proofs")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let answerFile = directory.appendingPathComponent("three-stage-plan.answer.json")
        try Data(answer.json).write(to: answerFile)
        let bundle = try await tillerson.session.client.bundle(march, disclose: true)
        let bundleFile = directory.appendingPathComponent("march-proposal.bundle.json")
        try Data(bundle.json).write(to: bundleFile)
        try check((try? EvidenceBundle(json: bundle.json).verify()) != nil, "the evidence bundle verifies")
        return Outcome(checks: checks.total, answerFile: answerFile, bundleFile: bundleFile)
    }
}
