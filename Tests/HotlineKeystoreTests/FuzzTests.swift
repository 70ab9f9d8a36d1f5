import Testing
@testable import HotlineKeystore

/// Random and mutated input must always end in a typed error (or, for harmless edits, a file
/// equal to the original), never in a crash or a costly key derivation.
@Suite("Random and mutated input")
struct FuzzTests {
    /// Bytes that steer random input into the parser's interesting paths.
    private static let jsonAlphabet = Array(#"{}[]":,\-0123456789.eE+truefalsnul ABab/=u"#.utf8) + [0x00, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xFF]

    @Test func randomBytesGiveTypedErrors() {
        var generator = SplitMix64(seed: 0x486F_746C_696E_6531)
        for round in 0..<4000 {
            let length = Int.random(in: 0...300, using: &generator)
            let useAlphabet = round % 2 == 0
            var bytes: [UInt8] = (0..<length).map { _ in
                useAlphabet ? Self.jsonAlphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            if round % 4 == 0 { bytes.insert(ASCII.openBrace, at: 0) }
            #expect(throws: KeystoreError.self, "round \(round)") { try OfficialKeystore(encoded: bytes) }
        }
    }

    @Test func mutatedFilesGiveTypedErrorsOrStayEquivalent() throws {
        let (keystore, _) = try Fixture.keystore()
        let original = keystore.encoded()
        var generator = SplitMix64(seed: 0x4B65_7973_746F_7265)
        var openedMutants: [[UInt8]] = []

        for round in 0..<6000 {
            let mutant = mutate(original, times: 1 + round % 3, using: &generator)
            let parsed: OfficialKeystore
            do {
                parsed = try OfficialKeystore(encoded: mutant)
            } catch {
                #expect(!error.description.isEmpty)
                continue
            }
            // Whatever parses has safe KDF settings, so unlocking it could never be costly.
            #expect(parsed.parameters.memoryBytes <= ScryptParameters.allowedMemoryBytes.upperBound)
            #expect(parsed.parameters.work <= ScryptParameters.maximumWork)
            if parsed != keystore, openedMutants.count < 5 { openedMutants.append(mutant) }
        }

        // A few mutants that parsed but differ from the original must fail to unlock.
        #expect(openedMutants.count == 5, "too few mutants parsed to exercise unlock")
        for mutant in openedMutants {
            #expect(throws: KeystoreError.self) {
                try OfficialKeystore(encoded: mutant).unlock(passphrase: Fixture.passphrase)
            }
        }
    }

    private func mutate(_ input: [UInt8], times: Int, using generator: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<times {
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: bytes[index] ^= 1 << UInt8.random(in: 0...7, using: &generator)
            case 1: bytes[index] = Self.jsonAlphabet.randomElement(using: &generator)!
            case 2: bytes.insert(Self.jsonAlphabet.randomElement(using: &generator)!, at: index)
            case 3: bytes.remove(at: index)
            case 4: bytes = Array(bytes.prefix(index))
            default:
                // Digits are where the KDF settings live: push one towards a huge value.
                if (ASCII.zero...ASCII.nine).contains(bytes[index]) {
                    bytes.insert(contentsOf: Array("99999".utf8), at: index)
                }
            }
            if bytes.isEmpty { break }
        }
        return bytes
    }
}
