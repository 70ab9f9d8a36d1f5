import Foundation
@testable import HotlineRecord

/// Deterministic keys and records for tests and golden vectors. The seeds are public: these
/// keys protect nothing.
enum Fixture {
    static func seed(_ label: String) -> [UInt8] { Hash.sha256(Array("hotline test seed \(label)".utf8)).bytes }

    static func sideKeys(_ side: String) throws -> SideKeys {
        try SideKeys(side: SideID(side), ed25519Seed: seed("\(side) ed25519"), mldsa65Seed: seed("\(side) ml-dsa-65"),
                     xwingSeed: seed("\(side) x-wing"))
    }

    static func sides() throws -> (SideKeys, SideKeys) { (try sideKeys("ru"), try sideKeys("us")) }

    static func author(_ role: String) throws -> AuthorKey { try AuthorKey(seed: seed("author \(role)")) }

    static func policy(sender: SideKeys, recipient: SideKeys) throws -> CheckpointPolicy {
        CheckpointPolicy(logKeys: try sender.publicKeys.logVerifierKeys(to: recipient.side),
                         cosignerKeys: try recipient.publicKeys.cosignerVerifierKeys())
    }
}
