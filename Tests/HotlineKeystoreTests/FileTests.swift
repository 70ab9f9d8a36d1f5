import Foundation
import Testing
@testable import HotlineKeystore

@Suite("Keystore files on disk")
struct FileTests {
    @Test func writtenFileIsOwnerOnlyAndReadsBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (keystore, signingKey) = try Fixture.keystore()
        let path = directory.file("official.keystore")

        try keystore.write(to: path)

        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_mode & 0o7777 == 0o600)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == keystore.encoded())
        let reread = try OfficialKeystore.read(from: path)
        #expect(reread == keystore)
        #expect(try reread.unlock(passphrase: Fixture.passphrase).rawRepresentation == signingKey.rawRepresentation)
    }

    @Test func existingFileIsNeverOverwritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (first, _) = try Fixture.keystore()
        let (second, _) = try Fixture.keystore()
        let path = directory.file("official.keystore")
        try first.write(to: path)

        #expect(throws: KeystoreError.fileAlreadyExists(path: path)) { try second.write(to: path) }
        #expect(try OfficialKeystore.read(from: path) == first)
    }

    @Test func symbolicLinkIsNotFollowedWhenWriting() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (keystore, _) = try Fixture.keystore()
        let link = directory.file("link.keystore")
        let target = directory.file("elsewhere")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)

        #expect(throws: KeystoreError.fileAlreadyExists(path: link)) { try keystore.write(to: link) }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func unwritableLocationReportsTheSystemError() throws {
        let (keystore, _) = try Fixture.keystore()
        let path = "/nonexistent-directory-\(UUID().uuidString)/official.keystore"
        #expect(throws: KeystoreError.fileSystemError(operation: "open", path: path, code: ENOENT)) {
            try keystore.write(to: path)
        }
    }

    @Test func readingRefusesMissingOddAndOversizedFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.file("missing")
        #expect(throws: KeystoreError.fileSystemError(operation: "open", path: missing, code: ENOENT)) {
            try OfficialKeystore.read(from: missing)
        }
        #expect(throws: KeystoreError.notARegularFile(path: directory.path)) {
            try OfficialKeystore.read(from: directory.path)
        }
        let fifo = directory.file("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: KeystoreError.notARegularFile(path: fifo)) { try OfficialKeystore.read(from: fifo) }

        let large = directory.file("large")
        let size = OfficialKeystore.maximumEncodedSize + 1
        try Data(count: size).write(to: URL(fileURLWithPath: large))
        #expect(throws: KeystoreError.inputTooLarge(byteCount: size, limit: OfficialKeystore.maximumEncodedSize)) {
            try OfficialKeystore.read(from: large)
        }
    }
}
