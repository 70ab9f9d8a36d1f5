import Foundation
import HotlineRecord
import Testing

/// Canonical base64: one text per value.
struct Base64Tests {
    /// The definition the fast decoder must match: Foundation decodes it, and re-encoding gives
    /// back exactly the text.
    static func reference(_ text: String) -> [UInt8]? {
        guard text.utf8.count % 4 == 0, let data = Data(base64Encoded: text) else { return nil }
        return Data(data).base64EncodedString() == text ? [UInt8](data) : nil
    }

    @Test func roundTripsEveryLength() {
        var random = SystemRandomNumberGenerator()
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(Base64.decodeCanonical(Base64.encode(bytes)) == bytes, "length \(length)")
        }
    }

    @Test func rfc4648Examples() {
        let examples = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in examples {
            #expect(Base64.decodeCanonical(encoded) == Array(plain.utf8))
        }
    }

    @Test func refusesNonCanonicalText() {
        for text in ["Zg=", "Zh==", "Zm9=", "Zm8", "Z===", "====", "Zg==Zg==", "Zm9v\n", " Zm9v", "Zm-v", "Zm_v", "Zm9v=", "Zg=a", "=Zm9"] {
            #expect(Base64.decodeCanonical(text) == nil, "\(text)")
        }
    }

    /// Random texts over the alphabet, padding and a few strangers: the decoder agrees with the
    /// reference on every one.
    @Test func agreesWithTheReferenceOnRandomText() {
        var random = SystemRandomNumberGenerator()
        let characters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/====-_ \n\u{e9}")
        var accepted = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...12, using: &random)
            var text = String((0..<length).map { _ in characters.randomElement(using: &random)! })
            // Bias towards well-formed padding so that the accepting paths are exercised too.
            if Bool.random(using: &random), text.count >= 2 { text = String(text.prefix(text.count - text.count % 4)) }
            let expected = Self.reference(text)
            #expect(Base64.decodeCanonical(text) == expected, "\(text.debugDescription)")
            if expected != nil { accepted += 1 }
        }
        #expect(accepted > 100)
    }
}
