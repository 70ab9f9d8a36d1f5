import Crypto
import Testing
@testable import HTTPMessageSignatures

/// Random and mutated header values: never a crash, always a typed error or a result that
/// means the same as the original.
@Suite("Malformed and random input")
struct FuzzTests {
    /// Characters that matter to the grammar, plus a few that never may appear.
    static let alphabet = Array(#"abcsig1-_.*=:;,() "\?0123456789+/AZ@%é"#.utf8) + [0x09, 0x0A, 0x00, 0x7F, 0xFF]

    static func mutate<G: RandomNumberGenerator>(_ text: String, using generator: inout G) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<7, using: &generator) {
            case 0 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...8, using: &generator))
                bytes.removeSubrange(position..<end)
            case 1:
                bytes.insert(alphabet.randomElement(using: &generator)!, at: position)
            case 2 where !bytes.isEmpty:
                bytes[position] = alphabet.randomElement(using: &generator)!
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...16, using: &generator))
                bytes.insert(contentsOf: bytes[position..<end], at: end)
            case 4 where bytes.count > 1:
                bytes.swapAt(position, Int.random(in: 0..<bytes.count, using: &generator))
            case 5:
                bytes = Array(bytes.prefix(position))
            default:
                bytes.insert(contentsOf: [ASCII.space, ASCII.space], at: position)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A random dictionary built from the model, so it is valid by construction.
    static func randomDictionary<G: RandomNumberGenerator>(using generator: inout G) -> StructuredDictionary {
        func key() -> String {
            generator.string(from: "abcxyz*", length: 1...1) + generator.string(from: "abc019_-.*", length: 0...6)
        }
        func bareItem() -> StructuredBareItem {
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: return .integer(Int64.random(in: -999_999_999_999_999...999_999_999_999_999, using: &generator))
            case 1: return .string(generator.string(from: #" az\"AZ09!~"#, length: 0...12))
            case 2: return .token(generator.string(from: "aZ*", length: 1...1) + generator.string(from: "aZ09:/!#*+-.^_|~", length: 0...8))
            case 3: return .byteSequence(generator.bytes(Int.random(in: 0...20, using: &generator)))
            default: return .boolean(Bool.random(using: &generator))
            }
        }
        func parameters() -> [StructuredParameter] {
            var seen = Set<String>()
            return (0..<Int.random(in: 0...3, using: &generator)).compactMap { _ in
                let name = key()
                return seen.insert(name).inserted ? StructuredParameter(key: name, value: bareItem()) : nil
            }
        }
        var seen = Set<String>()
        var members: [StructuredDictionary.Member] = []
        for _ in 0..<Int.random(in: 0...6, using: &generator) {
            let name = key()
            guard seen.insert(name).inserted else { continue }
            if Bool.random(using: &generator) {
                let items = (0..<Int.random(in: 0...5, using: &generator)).map { _ in StructuredItem(bareItem(), parameters: parameters()) }
                members.append(.init(key: name, value: .innerList(StructuredInnerList(items, parameters: parameters()))))
            } else {
                members.append(.init(key: name, value: .item(StructuredItem(bareItem(), parameters: parameters()))))
            }
        }
        return StructuredDictionary(members)
    }

    @Test("random valid dictionaries survive serialize then parse unchanged")
    func modelRoundTrip() throws {
        var generator = SplitMix64(seed: 1)
        for _ in 0..<2000 {
            let dictionary = Self.randomDictionary(using: &generator)
            let text = try StructuredFieldSerializer.serialize(dictionary)
            #expect(try StructuredFieldParser.parseDictionary(text) == dictionary, "\(text)")
        }
    }

    @Test("random and mutated field values parse to a typed error or to something that serializes back stably")
    func parserNeverCrashes() throws {
        var generator = SplitMix64(seed: 2)
        var accepted = 0
        var refused = 0
        for round in 0..<6000 {
            let text: String
            if round % 2 == 0 {
                let bytes = (0..<Int.random(in: 0...60, using: &generator)).map { _ in Self.alphabet.randomElement(using: &generator)! }
                text = String(decoding: bytes, as: UTF8.self)
            } else {
                text = Self.mutate(try StructuredFieldSerializer.serialize(Self.randomDictionary(using: &generator)), using: &generator)
            }
            do {
                let parsed = try StructuredFieldParser.parseDictionary(text)
                let canonical = try StructuredFieldSerializer.serialize(parsed)
                #expect(try StructuredFieldParser.parseDictionary(canonical) == parsed, "\(text)")
                accepted += 1
            } catch {
                // `error` is a StructuredFieldError by the parser's typed throws.
                #expect(!error.description.isEmpty)
                if let at = offset(of: error) { #expect(at >= 0 && at <= text.utf8.count, "\(text): \(error)") }
                refused += 1
            }
        }
        #expect(accepted > 500)
        #expect(refused > 2000)
    }

    @Test("thousands of mutated Signature-Input, Signature and Content-Digest values never verify unless they mean the original")
    func mutatedHeaders() throws {
        var generator = SplitMix64(seed: 3)
        let official = try TestOfficial(keyID: "ru/official", using: &generator)
        let body = Array(#"{"text": "proposal"}"#.utf8)
        let request = makeRequest(body: body)
        let headers = try hotlineSign(request, by: official, created: 1_700_000_000)
        let signed = request.adding(headers)
        let originalInput = try StructuredFieldParser.parseDictionary(headers.signatureInput)["sig1"]
        let originalSignature = try StructuredFieldParser.parseDictionary(headers.signature)["sig1"]
        let originalDigest = ContentDigest.headerValue(for: body)

        func verify(_ request: SignableRequest) -> SignatureError? {
            signatureError { () throws(SignatureError) in
                try MessageVerifier.verify(
                    request, body: body, label: "sig1", policy: .hotline, now: 1_700_000_010,
                    publicKey: keyLookup([official])
                )
            }
        }

        var refused = 0
        for _ in 0..<3000 {
            let mutated = Self.mutate(headers.signatureInput, using: &generator)
            if let error = verify(signed.replacingHeader("Signature-Input", with: mutated)) {
                #expect(!error.description.isEmpty)
                refused += 1
            } else {
                #expect(try StructuredFieldParser.parseDictionary(mutated)["sig1"] == originalInput, "\(mutated)")
            }
        }
        for _ in 0..<3000 {
            let mutated = Self.mutate(headers.signature, using: &generator)
            if let error = verify(signed.replacingHeader("Signature", with: mutated)) {
                #expect(!error.description.isEmpty)
                refused += 1
            } else {
                #expect(try StructuredFieldParser.parseDictionary(mutated)["sig1"] == originalSignature, "\(mutated)")
            }
        }
        for _ in 0..<2000 {
            let mutated = Self.mutate(originalDigest, using: &generator)
            if let error = verify(signed.replacingHeader("Content-Digest", with: mutated)) {
                #expect(!error.description.isEmpty)
                refused += 1
            } else {
                // The raw value is signed, so only whitespace the signature base trims may change.
                #expect(ASCII.trimmingOptionalWhitespace(mutated) == originalDigest, "\(mutated)")
            }
            // On its own, the digest check accepts only values whose sha-256 is the body's.
            let standalone = signatureError { () throws(SignatureError) in try ContentDigest.verify(mutated, body: body) }
            if standalone == nil {
                let parsed = try StructuredFieldParser.parseDictionary(mutated)
                #expect(parsed["sha-256"] == .item(StructuredItem(.byteSequence(Array(SHA256.hash(data: body))))), "\(mutated)")
            }
        }
        #expect(refused > 7000)
    }

    @Test("oversized and overfull headers are refused before any work")
    func oversized() throws {
        let official = try TestOfficial(keyID: "k", seed: Array(repeating: 9, count: 32))
        let request = makeRequest()
        let headers = try hotlineSign(request, by: official)
        let padding = String(repeating: " ", count: 8 * 1024)
        let error = signatureError { () throws(SignatureError) in
            try MessageVerifier.verify(
                request.adding(SignatureHeaders(signatureInput: headers.signatureInput + padding, signature: headers.signature)),
                body: Array(#"{"text": "proposal"}"#.utf8), label: "sig1", policy: .hotline, now: 1_700_000_000,
                publicKey: keyLookup([official])
            )
        }
        #expect(error == .malformedSignatureInput(.fieldTooLong(length: headers.signatureInput.utf8.count + 8192, limit: 8192)))
    }
}
