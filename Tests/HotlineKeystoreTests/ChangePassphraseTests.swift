import Testing
@testable import HotlineKeystore

@Suite("Changing the passphrase")
struct ChangePassphraseTests {
    @Test func newPassphraseOpensAndOldOneNoLongerDoes() throws {
        let (keystore, signingKey) = try Fixture.keystore()
        let changed = try keystore.changingPassphrase(from: Fixture.passphrase, to: Fixture.otherPassphrase)

        #expect(changed.holder == keystore.holder)
        #expect(changed.publicKey.rawRepresentation == keystore.publicKey.rawRepresentation)
        #expect(changed.parameters == keystore.parameters)
        #expect(changed.salt != keystore.salt)
        #expect(changed.nonce != keystore.nonce)

        let reread = try OfficialKeystore(encoded: changed.encoded())
        #expect(try reread.unlock(passphrase: Fixture.otherPassphrase).rawRepresentation == signingKey.rawRepresentation)
        #expect(throws: KeystoreError.wrongPassphrase) { try reread.unlock(passphrase: Fixture.passphrase) }
    }

    @Test func wrongOldPassphraseIsRefused() throws {
        let (keystore, _) = try Fixture.keystore()
        #expect(throws: KeystoreError.wrongPassphrase) {
            try keystore.changingPassphrase(from: "not the passphrase at all", to: Fixture.otherPassphrase)
        }
    }

    @Test func shortNewPassphraseIsRefused() throws {
        let (keystore, _) = try Fixture.keystore()
        #expect(throws: KeystoreError.passphraseTooShort(characters: 5, minimum: 12)) {
            try keystore.changingPassphrase(from: Fixture.passphrase, to: "short")
        }
    }

    @Test func parametersCanBeUpgradedWhileChanging() throws {
        let (keystore, signingKey) = try Fixture.keystore()
        let stronger = try ScryptParameters(logN: 15, r: 8, p: 1)
        let changed = try keystore.changingPassphrase(from: Fixture.passphrase, to: Fixture.otherPassphrase, parameters: stronger)
        let reread = try OfficialKeystore(encoded: changed.encoded())
        #expect(reread.parameters == stronger)
        #expect(try reread.unlock(passphrase: Fixture.otherPassphrase).rawRepresentation == signingKey.rawRepresentation)
    }
}
