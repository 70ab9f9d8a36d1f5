import Testing
@testable import HTTPMessageSignatures

@Suite("Structured Field Dictionaries (RFC 8941 / RFC 9651)")
struct StructuredFieldTests {
    @Test("parses the RFC 8941 dictionary examples")
    func rfcExamples() throws {
        let strings = try StructuredFieldParser.parseDictionary(#"en="Applepie", da=:w4ZibGV0w6ZydGU=:"#)
        #expect(strings == StructuredDictionary([
            .init(key: "en", value: .item(StructuredItem(.string("Applepie")))),
            .init(key: "da", value: .item(StructuredItem(.byteSequence(Array("Æbletærte".utf8))))),
        ]))

        let booleans = try StructuredFieldParser.parseDictionary("a=?0, b, c; foo=bar")
        #expect(booleans == StructuredDictionary([
            .init(key: "a", value: .item(StructuredItem(.boolean(false)))),
            .init(key: "b", value: .item(StructuredItem(.boolean(true)))),
            .init(key: "c", value: .item(StructuredItem(.boolean(true), parameters: [.init(key: "foo", value: .token("bar"))]))),
        ]))
        #expect(try StructuredFieldSerializer.serialize(booleans) == "a=?0, b, c;foo=bar")
    }

    @Test("parses a Signature-Input member with every parameter type it uses")
    func signatureInputShape() throws {
        let text = #"sig1=("@method" "content-digest");created=1618884473;expires=-5;keyid="a \"b\" \\c";alg=ed25519;flag"#
        let dictionary = try StructuredFieldParser.parseDictionary(text)
        #expect(dictionary["sig1"] == .innerList(StructuredInnerList(
            [StructuredItem(.string("@method")), StructuredItem(.string("content-digest"))],
            parameters: [
                .init(key: "created", value: .integer(1_618_884_473)),
                .init(key: "expires", value: .integer(-5)),
                .init(key: "keyid", value: .string(#"a "b" \c"#)),
                .init(key: "alg", value: .token("ed25519")),
                .init(key: "flag", value: .boolean(true)),
            ]
        )))
        #expect(try StructuredFieldSerializer.serialize(dictionary) == text)
    }

    @Test("serializes canonically: one space after commas, none inside parameters")
    func canonicalSerialization() throws {
        let loose = try StructuredFieldParser.parseDictionary("  a=1 ,\tb=(  \"x\"   \"y\" );p=2,c=:AAE=:  ")
        #expect(try StructuredFieldSerializer.serialize(loose) == #"a=1, b=("x" "y");p=2, c=:AAE=:"#)
    }

    @Test("accepts the edges of the grammar")
    func edges() throws {
        #expect(try StructuredFieldParser.parseDictionary("") == StructuredDictionary())
        // Trailing OWS after the last member is discarded by the dictionary algorithm itself.
        #expect(try StructuredFieldParser.parseDictionary(" a=1 \t")["a"] == .item(StructuredItem(.integer(1))))
        #expect(try StructuredFieldParser.parseDictionary("a=999999999999999")["a"] == .item(StructuredItem(.integer(999_999_999_999_999))))
        #expect(try StructuredFieldParser.parseDictionary("a=-999999999999999")["a"] == .item(StructuredItem(.integer(-999_999_999_999_999))))
        #expect(try StructuredFieldParser.parseDictionary("*a.b-c_d*=()")["*a.b-c_d*"] == .innerList(StructuredInnerList([])))
        #expect(try StructuredFieldParser.parseDictionary("a=*tok:en/x")["a"] == .item(StructuredItem(.token("*tok:en/x"))))
        // Unpadded base64 is accepted, as RFC 8941 section 4.2.7 asks.
        #expect(try StructuredFieldParser.parseDictionary("a=:AAE:")["a"] == .item(StructuredItem(.byteSequence([0, 1]))))
    }

    @Test("refuses malformed input with what and where", arguments: [
        ("sig1=(\"a\" \"b\"", StructuredFieldError.unexpectedEnd(expected: "')' closing the inner list", at: 13)),
        ("a=1,", .unexpectedEnd(expected: "a dictionary member after ','", at: 4)),
        ("a=1 b=2", .unexpectedCharacter(UInt8(ascii: "b"), expected: "',' between dictionary members", at: 4)),
        ("A=1", .unexpectedCharacter(UInt8(ascii: "A"), expected: "a key starting with a lowercase letter or '*'", at: 0)),
        ("a=1, a=2", .duplicateKey("a", at: 5)),
        ("a=1;p;p", .duplicateParameter("p", at: 6)),
        ("a=1234567890123456", .integerTooLong(at: 2)),
        ("a=1.5", .unsupportedType("a Decimal", at: 2)),
        ("a=@1659578233", .unsupportedType("a Date", at: 2)),
        ("a=%\"x\"", .unsupportedType("a Display String", at: 2)),
        ("a=\"x\\n\"", .invalidEscape(UInt8(ascii: "n"), at: 5)),
        ("a=\"x", .unexpectedEnd(expected: "'\"' closing the string", at: 4)),
        ("a=\"\u{7F}\"", .unexpectedCharacter(0x7F, expected: "printable ASCII inside a string", at: 3)),
        ("a=:A:", .invalidBase64(at: 2)),
        ("a=:AA=A:", .invalidBase64(at: 2)),
        ("a=:A-A:", .unexpectedCharacter(UInt8(ascii: "-"), expected: "a base64 character or ':' closing the byte sequence", at: 4)),
        ("a=?2", .unexpectedCharacter(UInt8(ascii: "2"), expected: "'1' or '0' after '?'", at: 3)),
        ("a=-", .unexpectedEnd(expected: "a digit", at: 3)),
        ("a=(\"x\"\"y\")", .unexpectedCharacter(UInt8(ascii: "\""), expected: "a space or ')' after an inner list item", at: 6)),
        ("\ta=1", .unexpectedCharacter(0x09, expected: "a key starting with a lowercase letter or '*'", at: 0)),
        ("a=1 x", .unexpectedCharacter(UInt8(ascii: "x"), expected: "',' between dictionary members", at: 4)),
        ("a=é", .unexpectedCharacter(0xC3, expected: "a value (integer, string, token, byte sequence or boolean)", at: 2)),
    ])
    func malformed(text: String, expected: StructuredFieldError) {
        #expect(throws: expected) { try StructuredFieldParser.parseDictionary(text) }
    }

    @Test("enforces the size limits")
    func limits() {
        let long = "a=\"" + String(repeating: "x", count: 8 * 1024) + "\""
        #expect(throws: StructuredFieldError.fieldTooLong(length: long.utf8.count, limit: 8192)) {
            try StructuredFieldParser.parseDictionary(long)
        }
        let sixteen = (0..<16).map { "k\($0)=1" }.joined(separator: ", ")
        #expect(throws: Never.self) { try StructuredFieldParser.parseDictionary(sixteen) }
        #expect(throws: StructuredFieldError.tooManyMembers(limit: 16, at: sixteen.utf8.count + 2)) {
            try StructuredFieldParser.parseDictionary(sixteen + ", k16=1")
        }
        let thirtyTwo = (0..<32).map { "\"h\($0)\"" }.joined(separator: " ")
        #expect(throws: Never.self) { try StructuredFieldParser.parseDictionary("s=(\(thirtyTwo))") }
        #expect(throws: StructuredFieldError.tooManyInnerListItems(limit: 32, at: thirtyTwo.utf8.count + 4)) {
            try StructuredFieldParser.parseDictionary("s=(\(thirtyTwo) \"h32\")")
        }
        let parameters = (0..<16).map { ";p\($0)" }.joined()
        #expect(throws: Never.self) { try StructuredFieldParser.parseDictionary("s=()\(parameters)") }
        #expect(throws: StructuredFieldError.tooManyParameters(limit: 16, at: parameters.utf8.count + 5)) {
            try StructuredFieldParser.parseDictionary("s=()\(parameters);p16")
        }
    }

    @Test("refuses to serialize what has no structured form", arguments: [
        (StructuredBareItem.string("line\nbreak"), StructuredFieldError.invalidString("line\nbreak")),
        (.string("é"), .invalidString("é")),
        (.token("1abc"), .invalidToken("1abc")),
        (.token("a b"), .invalidToken("a b")),
        (.integer(1_000_000_000_000_000), .integerOutOfRange(1_000_000_000_000_000)),
    ])
    func unserializable(item: StructuredBareItem, expected: StructuredFieldError) {
        #expect(throws: expected) { try StructuredFieldSerializer.serialize(item) }
    }

    @Test("refuses to serialize an invalid key")
    func invalidKey() {
        let dictionary = StructuredDictionary([.init(key: "Sig", value: .item(StructuredItem(.integer(1))))])
        #expect(throws: StructuredFieldError.invalidKey("Sig")) { try StructuredFieldSerializer.serialize(dictionary) }
    }

    @Test("base64 round-trips every length and refuses what is not base64")
    func base64() {
        var generator = SplitMix64(seed: 64)
        for length in 0..<70 {
            let bytes = generator.bytes(length)
            #expect(Base64.decode(Array(Base64.encode(bytes).utf8)) == bytes)
        }
        #expect(Base64.encode(Array("Æbletærte".utf8)) == "w4ZibGV0w6ZydGU=")
        for bad in ["A", "AAAAA", "A===", "AA=A", "AB*=", "===="] {
            #expect(Base64.decode(Array(bad.utf8)) == nil, "\(bad)")
        }
    }
}
