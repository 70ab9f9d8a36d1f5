import Foundation
import Testing

/// The second implementation in tools/independent-verifier, written only from the specs and
/// docs/PROTOCOL.md, must agree with this one on every golden bundle. CI requires it
/// (HOTLINE_REQUIRE_INDEPENDENT_VERIFIER=1); elsewhere it runs when Python has `cryptography`
/// with ML-DSA.
@Suite struct IndependentVerifierTests {
    static let python = URL(fileURLWithPath: "/usr/bin/env")
    static let required = ProcessInfo.processInfo.environment["HOTLINE_REQUIRE_INDEPENDENT_VERIFIER"] == "1"
    static let available: Bool = {
        (try? run(python, ["python3", "-c", "import cryptography.hazmat.primitives.asymmetric.mldsa"]))?.status == 0
    }()

    @Test(.enabled(if: required || available, "needs python3 with cryptography >= 48 (pip install cryptography)"))
    func agreesOnEveryGoldenBundle() throws {
        let bundles = Products.repository.appendingPathComponent("testdata/bundles")
        let good = try VerifyCommandTests.jsonFiles(bundles).map(\.path)
        let broken = try VerifyCommandTests.jsonFiles(bundles.appendingPathComponent("broken")).map(\.path)
        let script = "tools/independent-verifier/verify_bundle.py"
        let accepted = try run(Self.python, ["python3", script] + good)
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
        #expect(accepted.stdout.split(separator: "\n").filter { $0.hasPrefix("OK ") }.count == good.count)
        for file in broken {
            let refused = try run(Self.python, ["python3", script, file])
            #expect(refused.status == 1, "\(file): \(refused.stdout)")
            #expect(refused.stdout.hasPrefix("FAIL "), "\(file): \(refused.stdout)")
        }
    }

    @Test(.enabled(if: required || available, "needs python3 with cryptography >= 48 (pip install cryptography)"))
    func itsOwnTestsPass() throws {
        let result = try run(Self.python, ["python3", "-m", "unittest", "discover", "-s", "tools/independent-verifier"], timeout: 600)
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
    }
}
