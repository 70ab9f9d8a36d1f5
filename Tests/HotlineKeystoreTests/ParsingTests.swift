import Foundation
import Testing
@testable import HotlineKeystore

/// Strict parsing: every structural problem gets its own typed error, and nothing here derives a key.
@Suite("Parsing keystore files")
struct ParsingTests {
    /// One valid file shared by the cases below (parsing never needs the passphrase).
    static let valid: JSONValue = {
        let keystore = try! OfficialKeystore.create(holder: Fixture.holder, passphrase: Fixture.passphrase, parameters: .fast).0
        return try! StrictJSONParser.parse(keystore.encoded())
    }()

    private func parse(_ text: String) throws(KeystoreError) -> OfficialKeystore {
        try OfficialKeystore(encoded: Array(text.utf8))
    }

    private func parse(_ document: JSONValue) throws(KeystoreError) -> OfficialKeystore {
        try OfficialKeystore(encoded: document.bytes)
    }

    @Test func unknownFormatIsNamed() {
        #expect(throws: KeystoreError.unsupportedFormat("hotline-keystore/v2")) {
            try parse(Self.valid.replacing(["format"], with: .string("hotline-keystore/v2")))
        }
    }

    /// The Kelvin sign K is canonically equivalent to "K"; Swift's String == would accept it.
    @Test func fieldNamesAreComparedByteForByte() {
        let renamed = Self.valid.replacing(["publicKey"], with: nil)
            .replacing(["public\u{212A}ey"], with: Self.valid.value(at: ["publicKey"]))
        #expect(throws: KeystoreError.unexpectedField("public\u{212A}ey")) { try parse(renamed) }
    }

    static let requiredFields: [[String]] = [
        ["format"], ["holder"], ["publicKey"], ["kdf"], ["cipher"],
        ["kdf", "name"], ["kdf", "logN"], ["kdf", "r"], ["kdf", "p"], ["kdf", "salt"],
        ["cipher", "name"], ["cipher", "nonce"], ["cipher", "ciphertext"],
    ]

    @Test(arguments: requiredFields)
    func missingFieldIsNamed(path: [String]) {
        #expect(throws: KeystoreError.missingField(path.joined(separator: "."))) {
            try parse(Self.valid.replacing(path, with: nil))
        }
    }

    @Test(arguments: [["comment"], ["kdf", "dkLen"], ["cipher", "aad"]])
    func extraFieldIsNamed(path: [String]) {
        #expect(throws: KeystoreError.unexpectedField(path.joined(separator: "."))) {
            try parse(Self.valid.replacing(path, with: .string("x")))
        }
    }

    @Test(arguments: [
        (["holder"], JSONValue.number("7"), "a string"),
        (["format"], JSONValue.null, "a string"),
        (["publicKey"], JSONValue.array([]), "a string"),
        (["kdf"], JSONValue.string("scrypt"), "an object"),
        (["cipher"], JSONValue.bool(true), "an object"),
        (["kdf", "logN"], JSONValue.string("14"), "an integer without fraction or exponent"),
        (["kdf", "logN"], JSONValue.number("14.0"), "an integer without fraction or exponent"),
        (["kdf", "r"], JSONValue.number("8e0"), "an integer without fraction or exponent"),
        (["kdf", "salt"], JSONValue.number("0"), "a string"),
        (["cipher", "nonce"], JSONValue.object([]), "a string"),
    ])
    func wronglyTypedFieldIsNamed(path: [String], value: JSONValue, expected: String) {
        #expect(throws: KeystoreError.wrongFieldType(field: path.joined(separator: "."), expected: expected)) {
            try parse(Self.valid.replacing(path, with: value))
        }
    }

    @Test func topLevelMustBeAnObject() {
        #expect(throws: KeystoreError.wrongFieldType(field: "(top level)", expected: "an object")) { try parse("[]") }
        #expect(throws: KeystoreError.wrongFieldType(field: "(top level)", expected: "an object")) { try parse("\"hotline\"") }
    }

    @Test func unknownAlgorithmsAreNamed() {
        #expect(throws: KeystoreError.unsupportedKDF("argon2id")) {
            try parse(Self.valid.replacing(["kdf", "name"], with: .string("argon2id")))
        }
        #expect(throws: KeystoreError.unsupportedCipher("chacha20-poly1305")) {
            try parse(Self.valid.replacing(["cipher", "name"], with: .string("chacha20-poly1305")))
        }
    }

    @Test func hostileKDFSettingsAreRefused() {
        #expect(throws: KeystoreError.kdfParameterOutOfRange(parameter: "logN", value: 40, allowed: 14...20)) {
            try parse(Self.valid.replacing(["kdf", "logN"], with: .number("40")))
        }
        #expect(throws: KeystoreError.kdfParameterOutOfRange(parameter: "logN", value: -1, allowed: 14...20)) {
            try parse(Self.valid.replacing(["kdf", "logN"], with: .number("-1")))
        }
        #expect(throws: KeystoreError.kdfParameterOutOfRange(parameter: "p", value: Int.max, allowed: 1...16)) {
            try parse(Self.valid.replacing(["kdf", "p"], with: .number("123456789012345678901234567890")))
        }
        #expect(throws: KeystoreError.kdfMemoryOutOfRange(byteCount: 1 << 30, allowed: ScryptParameters.allowedMemoryBytes)) {
            try parse(Self.valid.replacing(["kdf", "logN"], with: .number("20")))
        }
        #expect(throws: KeystoreError.kdfWorkTooHigh(work: 5 << 20, limit: 1 << 22)) {
            try parse(Self.valid.replacing(["kdf", "logN"], with: .number("17")).replacing(["kdf", "p"], with: .number("5")))
        }
    }

    /// The valid salt is 16 bytes, so canonical base64 is 22 characters plus "==".
    @Test(arguments: [
        "AAAAAAAAAAAAAAAAAAAAAA",      // padding missing
        "AAAAAAAAAAAAAAAAAAAAAB==",    // non-zero trailing bits
        "AAAAAAAAAAA AAAAAAAAAAA==",   // whitespace
        "AAAAAAAAAAAAAAAAAAAA_-==",    // URL-safe alphabet
        "AAAAAAAAAAAAAAAAAAAAAA===",   // extra padding
        "AAAAAAAAAAAAAAAAAAAAAA==\n", // trailing newline
    ])
    func nonCanonicalBase64IsRefused(salt: String) {
        #expect(throws: KeystoreError.nonCanonicalBase64(field: "kdf.salt")) {
            try parse(Self.valid.replacing(["kdf", "salt"], with: .string(salt)))
        }
    }

    @Test func wrongLengthsAreNamed() {
        #expect(throws: KeystoreError.wrongLength(field: "kdf.salt", expected: 16, actual: 15)) {
            try parse(Self.valid.replacing(["kdf", "salt"], with: Base64.encode([UInt8](repeating: 1, count: 15))))
        }
        #expect(throws: KeystoreError.wrongLength(field: "kdf.salt", expected: 16, actual: 0)) {
            try parse(Self.valid.replacing(["kdf", "salt"], with: .string("")))
        }
        #expect(throws: KeystoreError.wrongLength(field: "cipher.ciphertext", expected: 48, actual: 49)) {
            try parse(Self.valid.replacing(["cipher", "ciphertext"], with: Base64.encode([UInt8](repeating: 1, count: 49))))
        }
    }

    @Test func duplicateFieldIsRefused() {
        let text = String(decoding: Self.valid.bytes, as: UTF8.self)
        let duplicated = text.replacingOccurrences(of: #""holder":"#, with: #""holder":"Mallory","holder":"#)
        #expect(throws: KeystoreError.duplicateField("holder")) { try parse(duplicated) }
    }

    @Test func oversizedInputIsRefusedUnread() {
        let huge = [UInt8](repeating: 0x20, count: OfficialKeystore.maximumEncodedSize + 1)
        #expect(throws: KeystoreError.inputTooLarge(byteCount: huge.count, limit: OfficialKeystore.maximumEncodedSize)) {
            try OfficialKeystore(encoded: huge)
        }
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        (#"{"format":"hotline-keystore/v1",}"#, "expected a quoted field name"),
        (#"{"format":"hotline-keystore/v1"} x"#, "unexpected data after the JSON value"),
        (#"{"format":"hotline-keystore/v1"#, "unterminated string"),
        ("{\"format\":\"a\u{1}b\"}", "unescaped control character in a string"),
        (#"{"format":"\ud800"}"#, #"unpaired surrogate in \u escape"#),
        (#"{"format":"\q"}"#, "unknown escape sequence"),
        (#"{"format":01}"#, "expected ',' or '}' in an object"),
        (#"{"format":tru}"#, "unexpected character"),
        ("\u{FEFF}{}", "unexpected character"),
        (String(repeating: "[", count: 9) + String(repeating: "]", count: 9), "nesting deeper than 8 levels"),
    ])
    func malformedJSONIsDescribed(text: String, problem: String) {
        #expect {
            try parse(text)
        } throws: { error in
            guard case let .malformedJSON(_, found) = error as? KeystoreError else { return false }
            return found == problem
        }
    }

    @Test func invalidUTF8IsRefused() {
        var bytes = Array(#"{"format":"x"}"#.utf8)
        bytes[11] = 0xC3  // a lead byte followed by '"' is not UTF-8
        #expect(throws: KeystoreError.malformedJSON(offset: 10, problem: "string is not valid UTF-8")) {
            try OfficialKeystore(encoded: bytes)
        }
    }

    /// Whitespace and escapes are legal JSON; they change the text but not the values that
    /// are authenticated, so such a file still opens.
    @Test func prettyPrintedAndEscapedFileStillOpens() throws {
        let (keystore, signingKey) = try Fixture.keystore(holder: "Zo\u{EB} \u{1F600}")
        let text = String(decoding: keystore.encoded(), as: UTF8.self)
            .replacingOccurrences(of: "\u{EB}", with: #"\u00eb"#)
            .replacingOccurrences(of: "\u{1F600}", with: #"\ud83d\ude00"#)
            .replacingOccurrences(of: ",", with: ",\n  ")
            .replacingOccurrences(of: ":", with: " : ")
        let reread = try parse("\n" + text + "\n")
        #expect(reread == keystore)
        #expect(try reread.unlock(passphrase: Fixture.passphrase).rawRepresentation == signingKey.rawRepresentation)
    }
}
