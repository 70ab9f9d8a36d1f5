import Foundation
import Testing

/// The exit codes the CLI documents: 4 when the node cannot be reached, 64 for a wrong command
/// line, 1 for a file that does not verify; each with one line saying why.
@Suite struct ExitCodeTests {
    @Test func unreachableNodeWrongUsageAndBadFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-exit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("ru").path
        // A port nothing listens on: the node is not running.
        let initialized = try run(Products.url("hotline"), ["init", "--data", data, "--side", "ru", "--name", "Moscow",
                                                            "--peer-listen", "127.0.0.1:9", "--api-listen", "127.0.0.1:9"])
        #expect(initialized.status == 0, "\(initialized.stderr)")

        for arguments in [["status", "--data", data], ["roles", "--data", data], ["send", "--data", data, "hello"]] {
            let result = try run(Products.url("hotline"), arguments)
            #expect(result.status == 4, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("cannot reach the node"), "\(result.stderr)")
        }
        let usage = try run(Products.url("hotline"), ["reply", "ru#1", "--data", data, "--step", "1.1"])
        #expect(usage.status == 64, "\(usage.stderr)")
        #expect(usage.stderr.contains("--accept"), "\(usage.stderr)")

        let notAFile = try run(Products.url("hotline"), ["verify", root.appendingPathComponent("missing.json").path])
        #expect(notAFile.status == 1 && notAFile.stderr.contains("no such file"), "\(notAFile.stderr)")
    }
}
