import Foundation
import Testing

/// `hotline demo`, as the README runs it: it plays the whole story, checks every claim, and
/// leaves proof files that `hotline verify` accepts and that fail once tampered with.
@Suite struct DemoCommandTests {
    @Test func theDemoChecksEveryClaimAndItsProofsVerifyOffline() throws {
        let started = Date()
        let demo = try run(Products.url("hotline"), ["demo"], timeout: 300)
        let seconds = Date().timeIntervalSince(started)
        #expect(demo.status == 0, "\(demo.stderr)")
        print("hotline demo took \(String(format: "%.1f", seconds)) s")
        #expect(demo.stdout.contains("No. As of "), "\(demo.stdout)")
        #expect(demo.stdout.contains("none of entries 0–"))
        #expect(demo.stdout.range(of: #"All \d+ claims above were checked"#, options: .regularExpression) != nil)

        let files = demo.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "hotline verify ") else { return nil }
            return String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
        #expect(files.count == 2)
        for file in files {
            let verified = try run(Products.url("hotline"), ["verify", file])
            #expect(verified.status == 0, "\(file): \(verified.stderr)")
        }
        let answer = try #require(files.first { $0.hasSuffix(".answer.json") })
        #expect(try run(Products.url("hotline"), ["verify", answer]).stdout.contains("none of entries"))

        // Claiming a match the record does not hold fails the check.
        var text = try String(contentsOfFile: answer, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"matches\":[]", with: "\"matches\":[0]")
        let forged = FileManager.default.temporaryDirectory.appendingPathComponent("forged-\(UUID().uuidString).answer.json")
        try text.write(to: forged, atomically: true, encoding: .utf8)
        let refused = try run(Products.url("hotline"), ["verify", forged.path])
        #expect(refused.status == 1 && refused.stderr.contains("claims entries 0"), "\(refused.stderr)")
        try? FileManager.default.removeItem(at: forged)
        if let root = files.first.map({ URL(fileURLWithPath: $0).deletingLastPathComponent().deletingLastPathComponent() }) {
            try? FileManager.default.removeItem(at: root)
        }
    }
}
