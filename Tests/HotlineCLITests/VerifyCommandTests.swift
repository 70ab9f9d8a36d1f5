import Foundation
import Testing

/// `hotline verify` run as a user runs it, on every golden bundle.
@Suite struct VerifyCommandTests {
    static let bundles = Products.repository.appendingPathComponent("testdata/bundles")

    static func jsonFiles(_ directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasPrefix("expected") }
            .sorted { $0.path < $1.path }
    }

    @Test func goodBundlesPrintTheirSentenceAndExitZero() throws {
        let sentences = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.bundles.appendingPathComponent("expected-sentences.json"))) as! [String: String]
        let files = try Self.jsonFiles(Self.bundles)
        #expect(!files.isEmpty)
        for file in files {
            let result = try run(Products.url("hotline"), ["verify", file.path])
            #expect(result.status == 0, "\(file.lastPathComponent): \(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == sentences[file.lastPathComponent])
            #expect(lines.count == 2 && lines[1].hasPrefix("Keys: "))
            #expect(result.stderr.isEmpty)
        }
    }

    @Test func brokenBundlesPrintOneLineAndExitOne() throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.bundles.appendingPathComponent("broken/expected-failures.json"))) as! [String: String]
        for file in try Self.jsonFiles(Self.bundles.appendingPathComponent("broken")) {
            let result = try run(Products.url("hotline"), ["verify", file.path])
            #expect(result.status == 1, "\(file.lastPathComponent)")
            #expect(result.stdout.isEmpty)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(file.lastPathComponent): \(result.stderr)")
            #expect(result.stderr.hasPrefix("hotline verify: "))
            #expect(result.stderr.contains(expected[file.lastPathComponent]!), "\(file.lastPathComponent): \(result.stderr)")
        }
    }

    @Test func jsonOutput() throws {
        let good = try run(Products.url("hotline"), ["verify", "--json", Self.bundles.appendingPathComponent("flash-notification.json").path])
        #expect(good.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(good.stdout.utf8)) as! [String: Any]
        #expect(object["verified"] as? Bool == true)
        #expect(object["index"] as? Int == 5)
        #expect(object["receivedAsOf"] as? String == "2017-03-15T14:10:00Z")
        let bad = try run(Products.url("hotline"), ["verify", "--json", Self.bundles.appendingPathComponent("broken/wrong-index.json").path])
        #expect(bad.status == 1)
        let failure = try JSONSerialization.jsonObject(with: Data(bad.stdout.utf8)) as! [String: Any]
        #expect(failure["verified"] as? Bool == false)
        #expect((failure["reason"] as? String)?.contains("index") == true)
    }

    @Test func missingFileAndMissingArgument() throws {
        let missing = try run(Products.url("hotline"), ["verify", "/nonexistent/bundle.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "hotline verify: cannot read /nonexistent/bundle.json: no such file\n")
        let usage = try run(Products.url("hotline"), ["verify"])
        #expect(usage.status == 64)
    }
}
