import HotlineRecord

/// An entry breaks a rule of the official workflows. `code` is stable (clients and tests match on
/// it); `message` says what is wrong and what to do, in words an official can act on.
public struct RuleViolation: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        case outOfOrder = "out-of-order"
        case unknownSide = "unknown-side"
        case notAuthorized = "not-authorized"
        case roleNotHeld = "role-not-held"
        case keyRevoked = "key-revoked"
        case keyExpired = "key-expired"
        case lineNotOpen = "line-not-open"
        case notOnLine = "not-on-line"
        case unknownTrack = "unknown-track"
        case badReference = "bad-reference"
        case missingContent = "missing-content"
        case invalidContent = "invalid-content"
        case tooLarge = "too-large"
        case conflict = "conflict"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code.rawValue)]" }
}
