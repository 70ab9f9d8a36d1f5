import Testing
@testable import HotlineRecord

/// The names' syntax: examples of each rule, and the one-pass path check against the plain
/// definition (split on '/', check every segment) on random texts.
struct IdentifierTests {
    @Test func namesFollowTheirRules() throws {
        for good in ["ru/mod/minister", "us/operator", "a/b", "ru/x-1/y2"] { _ = try RoleName(good) }
        for bad in ["ru", "ru/", "/ru/x", "ru//x", "ru/-x", "Ru/x", "ru/x.y", "ru/x y", "", "ru/é",
                    String(repeating: "a", count: 33) + "/x", "ru/" + String(repeating: "x", count: 126)] {
            #expect(throws: IdentifierError.self, "\(bad)") { try RoleName(bad) }
        }
        // A role's side is its first segment, of at most 32 characters.
        let longestSide = String(repeating: "a", count: 32)
        #expect(try RoleName(longestSide + "/x").side.rawValue == longestSide)
        #expect(try RoleName("ru/mod/minister").side == SideID("ru"))
        for good in ["operators", "ru-us/mod", "ru-us/2.2", "a"] { _ = try LineID(good) }
        for bad in ["", "/", "x/", "/x", "x//y", ".x", "x/.y", "X", String(repeating: "l", count: 65)] {
            #expect(throws: IdentifierError.self, "\(bad)") { try LineID(bad) }
        }
        _ = try TrackID("counter-terrorism.2026")
        #expect(throws: IdentifierError.self) { try TrackID("a/b") }
    }

    @Test func pathCheckMatchesItsDefinition() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab09-./A /".utf8)
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...12, using: &generator)
            let text = String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
            for (minSegments, allowDot) in [(1, true), (2, false), (1, false)] {
                let definition = (1...10).contains(text.utf8.count)
                    && text.split(separator: "/", omittingEmptySubsequences: false).count >= minSegments
                    && text.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
                        Identifier.isSegment(String($0), maxLength: 10, allowDot: allowDot)
                    }
                #expect(Identifier.isPath(text, minSegments: minSegments, maxLength: 10, allowDot: allowDot) == definition, "\(text)")
            }
        }
    }
}
