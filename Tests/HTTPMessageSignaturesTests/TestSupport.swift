import Crypto
import Foundation
@testable import HTTPMessageSignatures

/// A deterministic generator, so a failing random case can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RandomNumberGenerator {
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }

    mutating func string(from alphabet: String, length: ClosedRange<Int>) -> String {
        let characters = Array(alphabet)
        let count = Int.random(in: length, using: &self)
        return String((0..<count).map { _ in characters.randomElement(using: &self)! })
    }
}

/// Undoes RFC 8792 single-backslash line wrapping, as used in the RFC's printed examples:
/// a backslash at the end of a line joins it to the next with that line's leading spaces
/// removed.
func unwrapRFC8792(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var output: [String] = []
    while !lines.isEmpty {
        var line = lines.removeFirst()
        while line.hasSuffix("\\"), !lines.isEmpty {
            line.removeLast()
            line += String(lines.removeFirst().drop { $0 == " " })
        }
        output.append(line)
    }
    return output.joined(separator: "\n")
}

/// The 32-byte key material at the end of a base64 Ed25519 PKCS#8 or SPKI document.
func trailingKeyBytes(ofBase64DER der: String) -> [UInt8] {
    Array(Data(base64Encoded: der)!.suffix(32))
}

/// A signer and its registered public key, with a lookup closure for the verifier.
struct TestOfficial {
    let keyID: String
    let privateKey: Curve25519.Signing.PrivateKey

    init(keyID: String, seed: [UInt8]) throws {
        self.keyID = keyID
        self.privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    init<G: RandomNumberGenerator>(keyID: String, using generator: inout G) throws {
        try self.init(keyID: keyID, seed: generator.bytes(32))
    }
}

/// A key lookup over a set of officials.
func keyLookup(_ officials: [TestOfficial]) -> (String) -> Curve25519.Signing.PublicKey? {
    { keyID in officials.first { $0.keyID == keyID }?.privateKey.publicKey }
}

/// A Hotline-shaped request with its Content-Digest already set.
func makeRequest(
    method: String = "POST",
    authority: String = "ru.hotline.example:7401",
    path: String = "/v1/messages",
    query: String? = "draft=1",
    contentType: String? = "application/json",
    body: [UInt8] = Array(#"{"text": "proposal"}"#.utf8)
) -> SignableRequest {
    var headers: [(name: String, value: String)] = [("Content-Digest", ContentDigest.headerValue(for: body))]
    if let contentType { headers.append(("Content-Type", contentType)) }
    return SignableRequest(method: method, authority: authority, path: path, query: query, headers: headers)
}

extension SignableRequest {
    /// This request with `headers` appended.
    func adding(_ headers: SignatureHeaders) -> SignableRequest {
        var copy = self
        copy.headers.append(("Signature-Input", headers.signatureInput))
        copy.headers.append(("Signature", headers.signature))
        return copy
    }

    /// This request with every header named `name` replaced by one with `value` (or removed if nil).
    func replacingHeader(_ name: String, with value: String?) -> SignableRequest {
        var copy = self
        let index = copy.headers.firstIndex { $0.name.lowercased() == name.lowercased() }
        copy.headers.removeAll { $0.name.lowercased() == name.lowercased() }
        if let value { copy.headers.insert((name, value), at: index ?? copy.headers.count) }
        return copy
    }
}

/// Signs `request` the Hotline way with fixed, valid parameters unless overridden.
func hotlineSign(
    _ request: SignableRequest,
    by official: TestOfficial,
    components: [CoveredComponent]? = nil,
    created: Int64 = 1_700_000_000,
    expires: Int64? = nil,
    nonce: String = "n-0001",
    tag: String = "hotline",
    label: String = "sig1"
) throws(SignatureError) -> SignatureHeaders {
    try MessageSigner.sign(
        request,
        components: components ?? MessageSigner.hotlineComponents(for: request),
        key: official.privateKey,
        keyID: official.keyID,
        created: created,
        expires: expires,
        nonce: nonce,
        tag: tag,
        label: label
    )
}

/// Runs `body` and returns the SignatureError it threw, or nil if it did not throw.
func signatureError<T>(_ body: () throws(SignatureError) -> T) -> SignatureError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// The byte offset a parse error points at, if it has one.
func offset(of error: StructuredFieldError) -> Int? {
    switch error {
    case let .tooManyMembers(_, at), let .tooManyInnerListItems(_, at), let .tooManyParameters(_, at),
         let .unexpectedEnd(_, at), let .unexpectedCharacter(_, _, at), let .duplicateKey(_, at),
         let .duplicateParameter(_, at), let .integerTooLong(at), let .unsupportedType(_, at),
         let .invalidEscape(_, at), let .invalidBase64(at):
        return at
    case .fieldTooLong, .invalidKey, .invalidString, .invalidToken, .integerOutOfRange:
        return nil
    }
}
