import Foundation

/// The plaintext of an entry: a UTF-8 JSON object that always carries a random 32-byte salt, so
/// that the commitment in the signed header reveals nothing about short or guessable content.
/// Kinds that need more than text carry one body (EntryContent+Bodies.swift); absent fields are
/// left out of the JSON. The record core needs only the salt; `HotlineRules` reads the rest.
public struct EntryContent: Codable, Hashable, Sendable {
    /// 32 random bytes, standard base64.
    public var salt: String
    /// BCP 47 language tag of the text, e.g. "ru" or "en".
    public var language: String?
    public var subject: String?
    public var text: String?
    /// A formal note's numbered paragraphs.
    public var paragraphs: [String]?
    public var attachments: [NoteAttachment]?
    public var proposal: ProposalBody?
    public var reply: ReplyBody?
    public var meeting: MeetingRequestBody?
    public var confirmation: MeetingConfirmationBody?
    public var grant: RoleGrantBody?
    public var handover: RoleHandoverBody?
    public var revocation: KeyRevocationBody?
    public var charter: LineCharterBody?

    public init(salt: [UInt8], language: String? = nil, subject: String? = nil, text: String? = nil) {
        self.salt = Base64.encode(salt)
        self.language = language
        self.subject = subject
        self.text = text
    }

    /// Reads a plaintext. Only the shape is checked here; `HotlineRules` checks the kind's rules.
    public init(plaintext: [UInt8]) throws(EntryError) {
        _ = try Self.salt(of: plaintext)
        do {
            self = try JSONDecoder().decode(EntryContent.self, from: Data(plaintext))
        } catch {
            throw .malformedContent(Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
             let DecodingError.keyNotFound(_, context), let DecodingError.dataCorrupted(context):
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    /// A content with a fresh random salt.
    public static func withRandomSalt(language: String? = nil, subject: String? = nil, text: String? = nil) -> EntryContent {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return EntryContent(salt: salt, language: language, subject: subject, text: text)
    }

    /// The plaintext bytes: JSON with sorted keys.
    public var plaintext: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try! encoder.encode(self))
    }

    /// SHA-256("hotline/commitment/v1\n" || plaintext): what the signed header commits to.
    public static func commitment(to plaintext: [UInt8]) -> Hash {
        Hash.sha256(Array("hotline/commitment/v1\n".utf8) + plaintext)
    }

    /// Checks that a disclosed plaintext is a JSON object with a valid salt, and returns the salt.
    public static func salt(of plaintext: [UInt8]) throws(EntryError) -> [UInt8] {
        guard plaintext.count <= SealedContent.maxPlaintextSize else {
            throw .plaintextWithoutSalt("the plaintext is larger than \(SealedContent.maxPlaintextSize) bytes")
        }
        let document: JSONValue
        do { document = try JSONValue.parse(plaintext) } catch { throw .plaintextWithoutSalt("the plaintext is \(error)") }
        guard case let .object(fields) = document else {
            throw .plaintextWithoutSalt("the plaintext is not a JSON object")
        }
        guard case let .string(text)? = fields["salt"] else {
            throw .plaintextWithoutSalt("no \"salt\" string")
        }
        guard let salt = Base64.decodeCanonical(text), salt.count == 32 else {
            throw .plaintextWithoutSalt("\"salt\" is not canonical base64 of 32 bytes")
        }
        return salt
    }
}
