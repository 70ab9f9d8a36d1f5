import Crypto
import Foundation  // DataProtocol, the body type Crypto hashes.

/// The `Content-Digest` field of RFC 9530, with `sha-256` only: it binds the request body to
/// a signature that covers `content-digest`.
public enum ContentDigest {
    /// The algorithm key this module writes and requires.
    public static let algorithm = "sha-256"

    /// The field value for `body`: `sha-256=:<base64 of SHA-256(body)>:`.
    public static func headerValue<Body: DataProtocol>(for body: Body) -> String {
        "\(algorithm)=:\(Base64.encode(Array(SHA256.hash(data: body)))):"
    }

    /// Checks a received `Content-Digest` value against the body that came with it.
    ///
    /// The value may list several algorithms; only `sha-256` is checked and it must be
    /// there, since a digest this side cannot compute protects nothing.
    public static func verify<Body: DataProtocol>(_ headerValue: String, body: Body) throws(SignatureError) {
        let dictionary: StructuredDictionary
        do throws(StructuredFieldError) {
            dictionary = try StructuredFieldParser.parseDictionary(headerValue)
        } catch {
            throw .malformedContentDigest(error)
        }
        guard let member = dictionary[algorithm] else { throw .contentDigestMissingSHA256 }
        guard case let .item(item) = member, case let .byteSequence(claimed) = item.value else {
            throw .contentDigestNotByteSequence
        }
        guard claimed.count == SHA256.byteCount else {
            throw .contentDigestWrongLength(byteCount: claimed.count)
        }
        let actual = Array(SHA256.hash(data: body))
        // Constant time out of habit; a digest is not a secret, so this is not load-bearing.
        var difference: UInt8 = 0
        for (left, right) in zip(claimed, actual) { difference |= left ^ right }
        guard difference == 0 else { throw .contentDigestMismatch }
    }
}
