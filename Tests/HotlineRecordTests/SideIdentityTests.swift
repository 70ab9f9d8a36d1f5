import Foundation
import HotlineRecord
import PropertyBased
import Testing

/// The signed identity file a side hands the other at pairing.
struct SideIdentityTests {
    static func identity(tls: [UInt8]? = nil) throws -> (SideIdentity, SideKeys) {
        let keys = try SideKeys(side: SideID("ru"))
        let identity = try SideIdentity(keys: keys, name: "Moscow", operatorKey: AuthorKey().publicKey,
                                        addresses: ["https://hotline.example:7400"], tlsCertificate: tls)
        return (identity, keys)
    }

    @Test func roundTripsWithAndWithoutACertificate() throws {
        for certificate in [nil, [UInt8](repeating: 0x30, count: 500)] {
            let (identity, _) = try Self.identity(tls: certificate)
            let read = try SideIdentity(json: identity.json)
            #expect(read == identity)
            #expect(read.tlsCertificate == certificate)
        }
    }

    /// The certificate is signed with the rest: swapping, adding or removing it is detected.
    @Test func theCertificateCannotBeSwappedOrStripped() throws {
        let (identity, _) = try Self.identity(tls: [UInt8](repeating: 0x30, count: 500))
        var object = try JSONSerialization.jsonObject(with: Data(identity.json)) as! [String: Any]
        object["tlsCertificate"] = Base64.encode([UInt8](repeating: 0x31, count: 500))
        #expect(throws: KeyError.self) { try SideIdentity(json: Array(try JSONSerialization.data(withJSONObject: object))) }
        object["tlsCertificate"] = nil
        #expect(throws: KeyError.self) { try SideIdentity(json: Array(try JSONSerialization.data(withJSONObject: object))) }
        let (plain, _) = try Self.identity()
        var added = try JSONSerialization.jsonObject(with: Data(plain.json)) as! [String: Any]
        added["tlsCertificate"] = Base64.encode([UInt8](repeating: 0x30, count: 500))
        #expect(throws: KeyError.self) { try SideIdentity(json: Array(try JSONSerialization.data(withJSONObject: added))) }
        added["tlsCertificate"] = "not base64!"
        #expect(throws: KeyError.self) { try SideIdentity(json: Array(try JSONSerialization.data(withJSONObject: added))) }
    }

    @Test func randomFilesAreRejectedWithoutCrashing() async throws {
        let (identity, _) = try Self.identity(tls: [1, 2, 3])
        let bytes = identity.json
        await propertyCheck(count: 500, input: Gen.int(in: 0..<bytes.count), Gen.uint8(in: 1...255)) { position, delta in
            var mutated = bytes
            mutated[position] &+= delta
            if let read = try? SideIdentity(json: mutated) {
                // Only changes JSON does not see (e.g. whitespace) may pass, and they change nothing.
                #expect(read == identity)
            }
        }
        await propertyCheck(count: 500, input: Gen.uint8(in: 0...255).array(of: 0...300)) { random in
            #expect(throws: KeyError.self) { try SideIdentity(json: random) }
        }
    }
}
