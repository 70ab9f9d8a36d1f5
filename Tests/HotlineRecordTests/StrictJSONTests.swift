import Foundation
import PropertyBased
import Testing
@testable import HotlineRecord

@Suite struct StrictJSONTests {
    @Test func parsesWhatFoundationWrites() throws {
        let value = try JSONValue.parse(Array(#" { "a" : [1, -2, 3.5e-1, true, false, null], "b": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00" } "#.utf8))
        guard case let .object(fields) = value, case let .array(items)? = fields["a"], case let .string(text)? = fields["b"] else {
            Issue.record("wrong shape: \(value)"); return
        }
        #expect(items == [.number("1"), .number("-2"), .number("3.5e-1"), .bool(true), .bool(false), .null])
        #expect(text == "x\"\\/\u{08}\u{0C}\n\r\té😀")
        #expect(JSONValue.number("18446744073709551615").unsignedInteger == UInt64.max)
        #expect(JSONValue.number("18446744073709551616").unsignedInteger == nil)
        #expect(JSONValue.number("2.0").unsignedInteger == nil)
        #expect(JSONValue.number("-1").unsignedInteger == nil)
    }

    @Test(arguments: [
        "{\"a\":1,\"a\":2}", "\u{FEFF}{}", "{\"a\":01}", "[1,]", "{\"a\":1,}", "{a:1}", "'x'", "\"\\x\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"a\u{01}b\"", "[1 2]", "{} {}", "", "nul", "-", "1.", "1e",
        String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
    ])
    func rejects(_ text: String) {
        #expect(throws: JSONError.self) { try JSONValue.parse(Array(text.utf8)) }
    }

    @Test func rejectsInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xff, 0x22], [0x22, 0xc3, 0x22], [0x22, 0xed, 0xa0, 0x80, 0x22], [0x22, 0xc0, 0xaf, 0x22]] {
            #expect(throws: JSONError.self) { try JSONValue.parse(bytes) }
        }
    }

    @Test func agreesWithFoundationOnValidDocuments() async {
        // Random documents built from pieces: whenever Foundation and the strict reader both
        // accept, they agree on the keys; the strict reader never crashes.
        let pieces = ["{", "}", "[", "]", ",", ":", "\"k\"", "\"v\"", "1", "-0", "2.5", "true", "null", " ", "\"\\u00e9\""]
        await propertyCheck(count: 3000, input: Gen.int(in: 0..<pieces.count).array(of: 0...20)) { indexes in
            let text = indexes.map { pieces[$0] }.joined()
            let strict = try? JSONValue.parse(Array(text.utf8))
            if case let .object(fields)? = strict,
               let foundation = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? [String: Any] {
                #expect(Set(fields.keys) == Set(foundation.keys))
            }
        }
        await propertyCheck(count: 2000, input: Gen.uint8(in: 0...255).array(of: 0...64)) { bytes in
            _ = try? JSONValue.parse(bytes)
        }
    }
}
