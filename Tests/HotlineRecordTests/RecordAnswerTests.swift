import Foundation
@testable import HotlineRecord
import Testing

/// Answers about what a side officially sent, positive and negative, checked offline.
@Suite struct RecordAnswerTests {
    /// ru's log to us: a message, a three-stage proposal on track normalization, a one-stage one.
    struct Log {
        var leaves: [[UInt8]] = []
        var plaintexts: [[UInt8]] = []
        let ru: SideKeys
        let us: SideKeys

        init() throws {
            (ru, us) = try Fixture.sides()
            try add(.message, track: "normalization", stages: nil)
            try add(.proposal, track: "normalization", stages: 3)
            try add(.proposal, track: "cybercrime", stages: 1)
        }

        mutating func add(_ kind: EntryKind, track: String, stages: Int?) throws {
            var content = EntryContent(salt: Fixture.seed("answer \(leaves.count)"), subject: "Item \(leaves.count)", text: "item \(leaves.count)")
            if let stages {
                content.proposal = ProposalBody(stages: (0..<stages).map { .init(title: "Stage \($0 + 1)", steps: [.init(text: "step")]) })
            }
            let plaintext = content.plaintext
            let author = try Fixture.author("ru/sc/secretary")
            let header = EntryHeader(
                sender: ru.side, recipient: us.side, line: try LineID("ru-us/sc-nsc"), track: try TrackID(track), kind: kind,
                precedence: .routine, timeMilliseconds: 1_490_000_000_000 + UInt64(leaves.count), authorRole: try RoleName("ru/sc/secretary"),
                authorKeyID: author.publicKey.keyID, commitment: EntryContent.commitment(to: plaintext),
                contentHash: Hash.sha256(plaintext), contentLength: UInt32(plaintext.count))
            leaves.append(Entry(sequence: UInt64(leaves.count), header: header, authorSignature: try author.sign(header)).encoded)
            plaintexts.append(plaintext)
        }

        func checkpoint(size: Int? = nil, cosignedAt: UInt64 = 1_490_100_000) throws -> SignedNote {
            var frontier = MerkleFrontier()
            for leaf in leaves.prefix(size ?? leaves.count) { _ = frontier.append(Merkle.leafHash(leaf)) }
            let checkpoint = Checkpoint(origin: LogOrigin(sender: ru.side, recipient: us.side).text, size: frontier.size, rootHash: frontier.rootHash)
            var note = try ru.signCheckpoint(checkpoint)
            note.signatures += try us.cosign(checkpoint, timestamp: cosignedAt)
            return note
        }

        func answer(_ question: RecordQuestion, size: Int? = nil) throws -> RecordAnswer {
            try RecordAnswer(question: question, cosignedCheckpoint: try checkpoint(size: size), entries: Array(leaves.prefix(size ?? leaves.count)),
                             sender: ru.publicKeys, recipient: us.publicKeys, plaintext: { plaintexts[Int($0)] })
        }
    }

    @Test func positiveAndNegativeAnswersVerifyAndSayWhatTheyProve() throws {
        let log = try Log()
        let ru = log.ru.side
        let threeStages = try log.answer(RecordQuestion(sender: ru, stages: 3))
        let verified = try RecordAnswer(json: threeStages.json).verify()
        #expect(verified.matches.map(\.sequence) == [1])
        #expect(verified.sentence.contains("of entries 0–2, one is a proposal with 3 stages: ru#1."))
        // Disclosed: the two proposals (header matches), not the message.
        #expect(Set(threeStages.disclosed.keys) == [1, 2])

        let none = try log.answer(RecordQuestion(sender: ru, kind: .proposal, track: try TrackID("strategic-stability")))
        let negative = try RecordAnswer(json: none.json).verify()
        #expect(negative.matches.isEmpty)
        #expect(negative.sentence == "As of 2017-03-21T12:40:00Z, us held ru's log up to 3 entries, and none of entries 0–2 is a proposal on track strategic-stability.")
        #expect(none.disclosed.isEmpty, "header questions disclose no plaintext")

        // As of an earlier checkpoint, the three-stage proposal had not been sent yet.
        let earlier = try log.answer(RecordQuestion(sender: ru, stages: 3), size: 1)
        #expect(try earlier.verify().matches.isEmpty)
    }

    @Test func answersThatHideOrInventEntriesAreRefused() throws {
        let log = try Log()
        let question = RecordQuestion(sender: log.ru.side, stages: 3)
        let honest = try log.answer(question)

        var hidden = honest
        hidden.matches = []
        #expect(throws: BundleError.self) { try hidden.verify() }

        var invented = honest
        invented.matches = [1, 2]
        #expect(throws: BundleError.self) { try invented.verify() }

        var dropped = honest
        dropped.entries.removeLast()
        #expect(throws: BundleError.self) { try dropped.verify() }

        var swapped = honest
        swapped.entries[0] = try Log().leaves[0]   // same log, so identical: still fine
        #expect(throws: Never.self) { try swapped.verify() }
        swapped.entries.swapAt(0, 2)
        #expect(throws: BundleError.self) { try swapped.verify() }

        var undisclosed = honest
        undisclosed.disclosed[2] = nil
        #expect(throws: BundleError.self) { try undisclosed.verify() }

        var forgedText = honest
        forgedText.disclosed[1] = log.plaintexts[2]
        #expect(throws: BundleError.self) { try forgedText.verify() }

        var overDisclosed = honest
        overDisclosed.disclosed[0] = log.plaintexts[0]
        #expect(throws: BundleError.self) { try overDisclosed.verify() }

        var uncosigned = honest
        uncosigned.checkpoint = try log.ru.signCheckpoint(try Checkpoint(note: try SignedNote(parsing: honest.checkpoint))).serialized
        #expect(throws: BundleError.self) { try uncosigned.verify() }

        var otherSide = honest
        otherSide.question.sender = log.us.side
        #expect(throws: BundleError.self) { try otherSide.verify() }
    }

    @Test func malformedAndRandomFilesAreRefusedWithoutCrashing() throws {
        let json = try Log().answer(RecordQuestion(sender: try SideID("ru"), kind: .proposal)).json
        let text = String(decoding: json, as: UTF8.self)
        for broken in [
            text.replacingOccurrences(of: "hotline-answer/v1", with: "hotline-answer/v2"),
            text.replacingOccurrences(of: "\"kind\":\"proposal\"", with: "\"kind\":\"plan\""),
            text.replacingOccurrences(of: "\"matches\":[", with: "\"extra\":1,\"matches\":["),
            text.replacingOccurrences(of: "\"matches\":[1,2]", with: "\"matches\":[1.0]"),
            "[]", "{}", "",
        ] {
            #expect(throws: BundleError.self) { try RecordAnswer(json: Array(broken.utf8)) }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var mutated = json
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if let answer = try? RecordAnswer(json: mutated) { _ = try? answer.verify() }
            let random = (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(throws: BundleError.self) { try RecordAnswer(json: random) }
        }
    }
}

extension RecordAnswerTests {
    @Test func questionsAboutASubjectDiscloseOnlyTheEntriesOfThatKind() throws {
        let log = try Log()
        var question = RecordQuestion(sender: log.ru.side, kind: .proposal, subject: "ITEM 1")
        let answer = try log.answer(question)
        let verified = try RecordAnswer(json: answer.json).verify()
        #expect(verified.matches.map(\.sequence) == [1])
        #expect(Set(answer.disclosed.keys) == [1, 2])
        #expect(verified.sentence.contains("whose subject contains \"ITEM 1\""))
        question.subject = "nothing like it"
        #expect(try log.answer(question).verify().matches.isEmpty)
    }
}
