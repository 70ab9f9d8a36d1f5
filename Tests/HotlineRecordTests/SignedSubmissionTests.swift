import Foundation
import HotlineRecord
import PropertyBased
import Testing

/// The binary body of POST /api/v1/entries.
struct SignedSubmissionTests {
    static let sample = SignedSubmission(header: [UInt8](repeating: 7, count: 300), signature: [UInt8](repeating: 9, count: 64),
                                         content: [UInt8](repeating: 1, count: 1_000))

    @Test func roundTrips() throws {
        let bytes = Self.sample.encoded
        #expect(bytes.count == 1 + 2 + 300 + 1 + 64 + 4 + 1_000)
        #expect(Array(bytes.prefix(3)) == [1, 0x01, 0x2c])
        #expect(try SignedSubmission(encoded: bytes) == Self.sample)
    }

    @Test func malformedBodiesSayWhatIsWrong() {
        let bytes = Self.sample.encoded
        let cases: [([UInt8], String)] = [
            ([], "submission.version at byte 0: input ends early"),
            ([2] + bytes.dropFirst(), "submission.version"),
            (Array(bytes.dropLast()), "submission.content"),
            (bytes + [0], "unexpected byte after the end"),
            (SignedSubmission(header: [1], signature: [UInt8](repeating: 0, count: 63), content: []).encoded, "submission.signature"),
            (SignedSubmission(header: [], signature: [UInt8](repeating: 0, count: 64), content: []).encoded, "submission.header"),
        ]
        for (body, expected) in cases {
            do {
                _ = try SignedSubmission(encoded: body)
                Issue.record("accepted a malformed body expected to fail at \(expected)")
            } catch {
                #expect(error.description.contains(expected), "\(error)")
            }
        }
    }

    @Test func jsonCarriesTheFieldsInCanonicalBase64() throws {
        let json = try JSONEncoder().encode(Self.sample)
        #expect(try JSONDecoder().decode(SignedSubmission.self, from: json) == Self.sample)
        var object = try JSONSerialization.jsonObject(with: json) as! [String: String]
        object["signature"] = String(object["signature"]!.dropLast()) + "B"   // non-zero trailing bits
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SignedSubmission.self, from: try JSONSerialization.data(withJSONObject: object))
        }
        object["signature"] = nil
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SignedSubmission.self, from: try JSONSerialization.data(withJSONObject: object))
        }
    }

    @Test func randomBytesAreRejectedWithoutCrashing() async {
        await propertyCheck(count: 3000, input: Gen.uint8(in: 0...255).array(of: 0...400)) { bytes in
            if let submission = try? SignedSubmission(encoded: bytes) {
                #expect(submission.encoded == bytes)
            }
        }
    }

    @Test func mutationsEitherFailOrAreCanonical() async {
        let bytes = SignedSubmission(header: [1, 2, 3], signature: [UInt8](repeating: 5, count: 64), content: [4, 4]).encoded
        await propertyCheck(count: 3000, input: Gen.int(in: 0..<bytes.count), Gen.uint8(in: 1...255)) { position, delta in
            var mutated = bytes
            mutated[position] &+= delta
            if let submission = try? SignedSubmission(encoded: mutated) {
                #expect(submission.encoded == mutated)
            }
        }
    }
}
