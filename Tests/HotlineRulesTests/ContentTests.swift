import Foundation
import HotlineRecord
import HotlineRules
import Testing

@Suite struct ContentTests {
    @Test func everyBodyRoundTripsThroughThePlaintext() throws {
        var content = EntryContent(salt: Array(repeating: 3, count: 32), language: "en", subject: "s", text: "t")
        content.paragraphs = ["p"]
        content.attachments = [NoteAttachment(name: "a", mediaType: "text/plain", bytes: [1, 2])]
        content.proposal = ProposalBody(stages: [.init(title: "one", steps: [.init(text: "x", track: try TrackID("cybercrime"))])])
        content.reply = ReplyBody(step: StepNumber(stage: 1, step: 1), answer: .counter, counterText: "y")
        content.meeting = MeetingRequestBody(format: "2+2", options: [.init(start: "2017-09-20T10:00:00Z", place: "Washington")],
                                             agenda: [.init(track: try TrackID("normalization"), item: "i")])
        content.confirmation = MeetingConfirmationBody(option: 1)
        content.grant = RoleGrantBody(role: try RoleName("ru/mfa/minister"), holder: "h", key: AuthorKey().publicKey, deputy: try RoleName("ru/mfa/deputy"))
        content.handover = RoleHandoverBody(role: try RoleName("ru/mfa/minister"), holder: "h", key: AuthorKey().publicKey)
        content.revocation = KeyRevocationBody(keyID: Hash.sha256([1]), reason: "r")
        content.charter = LineCharterBody(title: "t", format: "1+1", roles: [try SideID("ru"): [try RoleName("ru/a")], try SideID("us"): [try RoleName("us/b")]],
                                          tracks: [try TrackID("cybercrime")])
        #expect(try EntryContent(plaintext: content.plaintext) == content)
        // Absent bodies are left out, so a plain message reads as before.
        let message = EntryContent(salt: Array(repeating: 3, count: 32), text: "t")
        #expect(String(decoding: message.plaintext, as: UTF8.self) == #"{"salt":"AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=","text":"t"}"#)
    }

    @Test func malformedPlaintextsAreRefusedWithTheFieldNamed() throws {
        let salt = "\"salt\":\"AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=\""
        let cases: [(String, String)] = [
            ("{\(salt),\"grant\":{\"role\":\"RU/x\",\"holder\":\"h\",\"key\":\"k\"}}", "grant.role"),
            ("{\(salt),\"reply\":{\"step\":{\"stage\":1,\"step\":1},\"answer\":\"maybe\"}}", "reply.answer"),
            ("{\(salt),\"proposal\":{\"stages\":[{\"title\":\"t\"}]}}", "proposal.stages.0"),
            ("{\(salt),\"charter\":{\"title\":\"t\",\"format\":\"1+1\",\"roles\":{\"ru\":[\"ru/a\"]},\"tracks\":[\"Bad Track\"]}}", "charter.tracks.0"),
            ("{\(salt),\"confirmation\":{\"option\":\"one\"}}", "confirmation.option"),
        ]
        for (json, field) in cases {
            #expect {
                _ = try EntryContent(plaintext: Array(json.utf8))
            } throws: { error in
                guard case let .malformedContent(reason) = error as? EntryError else { return false }
                return reason.hasPrefix(field)
            }
        }
        #expect(throws: EntryError.self) { _ = try EntryContent(plaintext: Array("{\"text\":\"no salt\"}".utf8)) }
    }

    @Test func randomPlaintextsNeverCrashTheDecoder() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["{", "}", "[", "]", ",", ":", "\"salt\"", "\"AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=\"", "\"proposal\"",
                      "\"stages\"", "\"steps\"", "\"grant\"", "\"role\"", "1", "-1", "null", "true", "\"\\u0000\"", "\"ru/x\"", " "]
        var accepted = 0
        for _ in 0..<20_000 {
            let bytes: [UInt8]
            if Bool.random(using: &generator) {
                bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            } else {
                bytes = Array((0..<Int.random(in: 1...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined().utf8)
            }
            if (try? EntryContent(plaintext: bytes)) != nil { accepted += 1 }
        }
        #expect(accepted < 20_000)
    }

    @Test func utcTimesParseOnlyTheOneFormAndRoundTrip() {
        #expect(UTCTime.milliseconds("1970-01-01T00:00:00Z") == 0)
        #expect(UTCTime.milliseconds("2017-09-20T10:00:00Z") == 1_505_901_600_000)
        #expect(UTCTime.milliseconds("2016-02-29T23:59:59Z") == 1_456_790_399_000)
        for bad in ["2017-02-29T10:00:00Z", "2017-09-20T24:00:00Z", "2017-09-20T10:00:00", "2017-09-20 10:00:00Z",
                    "2017-9-20T10:00:00Z", "1969-12-31T23:59:59Z", "2017-09-20T10:00:60Z", "", "２０17-09-20T10:00:00Z"] {
            #expect(UTCTime.milliseconds(bad) == nil, "\(bad)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let seconds = UInt64.random(in: 0...253_402_300_799, using: &generator)   // up to 9999-12-31T23:59:59Z
            let text = UTCTime.format(seconds * 1000)
            #expect(UTCTime.milliseconds(text) == seconds * 1000, "\(text)")
        }
    }
}
