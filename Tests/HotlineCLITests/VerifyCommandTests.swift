import Foundation
import Testing

/// `hotline verify` run as a user runs it, on every golden bundle.
@Suite struct VerifyCommandTests {
    static let bundles = Products.repository.appendingPathComponent("testdata/bundles")

    static func jsonFiles(_ directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.path < $1.path }
    }

    @Test func goodBundlesPrintTheirSentenceAndExitZero() throws {
        let sentences = try JSONSerialization.jsonObject(with: Data(contentsOf: Products.repository.appendingPathComponent("testdata/expected/bundle-sentences.json"))) as! [String: String]
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
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Products.repository.appendingPathComponent("testdata/expected/broken-bundle-failures.json"))) as! [String: String]
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

@Suite struct TrustedFingerprintTests {
    static let bundle = Products.repository.appendingPathComponent("testdata/bundles/march-proposal-disclosed.json").path
    static func fingerprint(_ side: String) throws -> String {
        let keys = try JSONSerialization.jsonObject(with: Data(contentsOf: Products.repository.appendingPathComponent("testdata/keys/\(side).json"))) as! [String: Any]
        return keys["fingerprint"] as! String
    }

    @Test func matchingFingerprintsPass() throws {
        let ru = try Self.fingerprint("ru"), us = try Self.fingerprint("us")
        let result = try run(Products.url("hotline"), ["verify", "--trust", "ru=\(ru)", "--trust", "us=\(us.replacingOccurrences(of: " ", with: ""))", Self.bundle])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aDifferentFingerprintFails() throws {
        let result = try run(Products.url("hotline"), ["verify", "--trust", "us=11111 22222 33333 44444 55555 66666", Self.bundle])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not the trusted 11111 22222 33333 44444 55555 66666"))
        let stranger = try run(Products.url("hotline"), ["verify", "--trust", "fr=11111 22222 33333 44444 55555 66666", Self.bundle])
        #expect(stranger.status == 1)
        #expect(stranger.stderr.contains("trusted for fr"))
        let malformed = try run(Products.url("hotline"), ["verify", "--trust", "us=123", Self.bundle])
        #expect(malformed.status == 1)
        #expect(malformed.stderr.contains("30 digits"))
    }
}
