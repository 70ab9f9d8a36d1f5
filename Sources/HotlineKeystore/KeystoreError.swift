#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything that can go wrong while creating, reading, unlocking or storing a keystore.
///
/// Each case names what is wrong; `description` also says what to do about it.
public enum KeystoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why a holder name was refused.
    public enum HolderProblem: Equatable, Sendable {
        case empty
        case tooLong(byteCount: Int, limit: Int)
        case controlCharacter
    }

    // MARK: Creating

    /// A new passphrase has fewer characters than the policy requires.
    case passphraseTooShort(characters: Int, minimum: Int)
    /// The holder name is empty, too long or contains control characters.
    case invalidHolder(HolderProblem)

    // MARK: Reading a keystore file

    /// The input is larger than any genuine keystore file.
    case inputTooLarge(byteCount: Int, limit: Int)
    /// The input is not well-formed JSON (or is nested implausibly deep).
    case malformedJSON(offset: Int, problem: String)
    /// A JSON object names the same field twice, which makes its meaning ambiguous.
    case duplicateField(String)
    /// The `format` field names a format this version does not read.
    case unsupportedFormat(String)
    /// A required field is absent.
    case missingField(String)
    /// A field that the format does not define is present.
    case unexpectedField(String)
    /// A field holds the wrong kind of JSON value.
    case wrongFieldType(field: String, expected: String)
    /// A field is not canonical, padded, standard base64.
    case nonCanonicalBase64(field: String)
    /// A decoded field has the wrong number of bytes.
    case wrongLength(field: String, expected: Int, actual: Int)
    /// The key derivation function is not scrypt.
    case unsupportedKDF(String)
    /// The cipher is not AES-256-GCM.
    case unsupportedCipher(String)
    /// One scrypt parameter is outside the range this opener accepts.
    case kdfParameterOutOfRange(parameter: String, value: Int, allowed: ClosedRange<Int>)
    /// The scrypt parameters together would need too little or too much memory.
    case kdfMemoryOutOfRange(byteCount: Int, allowed: ClosedRange<Int>)
    /// The scrypt parameters together would take too long to evaluate.
    case kdfWorkTooHigh(work: Int, limit: Int)

    // MARK: Unlocking

    /// The passphrase does not open the keystore (or the file's authenticated content was altered).
    case wrongPassphrase
    /// The sealed seed opened but does not belong to the file's public key.
    case publicKeyMismatch
    /// scrypt refused to run; parameters are validated first, so this points to resource exhaustion.
    case keyDerivationFailed
    /// AES-GCM failed for a reason other than authentication.
    case cipherFailed

    // MARK: Files

    /// `write(to:)` refuses to replace an existing file.
    case fileAlreadyExists(path: String)
    /// The path exists but is not a regular file.
    case notARegularFile(path: String)
    /// A system call failed; `code` is the `errno` value.
    case fileSystemError(operation: String, path: String, code: Int32)

    public var description: String {
        switch self {
        case let .passphraseTooShort(characters, minimum):
            return "The passphrase has \(characters) characters but at least \(minimum) are required. Choose a longer passphrase, e.g. several unrelated words."
        case let .invalidHolder(problem):
            return "The holder name is not usable: \(problem.explanation). Use the official's name as a single line of printable text."
        case let .inputTooLarge(byteCount, limit):
            return "The input is \(byteCount) bytes, more than the \(limit) bytes any keystore file needs. Check that the right file was chosen."
        case let .malformedJSON(offset, problem):
            return "The keystore file is not valid JSON (\(problem) at byte \(offset)). The file is damaged or is not a keystore; restore it from a backup."
        case let .duplicateField(field):
            return "The field \"\(field)\" appears more than once, so the file is ambiguous. Restore the keystore from a backup."
        case let .unsupportedFormat(format):
            return "The file's format is \"\(format)\", but only \"\(OfficialKeystore.format)\" can be read. Use software that supports that format, or check that this is a Hotline keystore."
        case let .missingField(field):
            return "The required field \"\(field)\" is missing. The file is incomplete; restore it from a backup."
        case let .unexpectedField(field):
            return "The field \"\(field)\" is not part of the keystore format. The file was altered or written by other software; restore it from a backup."
        case let .wrongFieldType(field, expected):
            return "The field \"\(field)\" must be \(expected). The file is damaged; restore it from a backup."
        case let .nonCanonicalBase64(field):
            return "The field \"\(field)\" is not canonical padded standard base64. The file is damaged or was re-encoded; restore it from a backup."
        case let .wrongLength(field, expected, actual):
            return "The field \"\(field)\" decodes to \(actual) bytes but must be \(expected). The file is damaged; restore it from a backup."
        case let .unsupportedKDF(name):
            return "The key derivation function \"\(name)\" is not supported; only \"scrypt\" is. Check that this is a Hotline keystore."
        case let .unsupportedCipher(name):
            return "The cipher \"\(name)\" is not supported; only \"aes-256-gcm\" is. Check that this is a Hotline keystore."
        case let .kdfParameterOutOfRange(parameter, value, allowed):
            return "The scrypt parameter \(parameter) is \(value) but must lie in \(allowed.lowerBound)...\(allowed.upperBound). Too weak a setting would expose the passphrase and too costly a one could exhaust this machine, so the file is refused; re-create it with standard settings."
        case let .kdfMemoryOutOfRange(byteCount, allowed):
            return "The scrypt parameters need \(byteCount) bytes of memory, outside the accepted \(allowed.lowerBound)...\(allowed.upperBound). The file is refused; re-create it with standard settings."
        case let .kdfWorkTooHigh(work, limit):
            return "The scrypt parameters ask for \(work) units of work (N·r·p), more than the limit of \(limit). The file is refused so that it cannot stall this machine; re-create it with standard settings."
        case .wrongPassphrase:
            return "The passphrase does not open this keystore. Check the spelling, keyboard layout and Caps Lock, then try again. If you are sure it is right, the file was altered (holder, public key, scrypt settings, nonce or ciphertext); restore it from a trusted backup."
        case .publicKeyMismatch:
            return "The keystore opened, but the key inside does not match its recorded public key. Do not use this file; restore it from a trusted backup and report the incident."
        case .keyDerivationFailed:
            return "Deriving the key from the passphrase failed, probably for lack of memory. Close other programs and try again."
        case .cipherFailed:
            return "The AES-GCM cipher failed unexpectedly. Try again; if it persists, report it."
        case let .fileAlreadyExists(path):
            return "\(path) already exists and will not be overwritten. Choose another path, or move the old file away first if it is truly no longer needed."
        case let .notARegularFile(path):
            return "\(path) is not a regular file. Give the path of the keystore file itself."
        case let .fileSystemError(operation, path, code):
            return "\(operation) failed for \(path): \(Self.systemMessage(for: code)) (errno \(code)). Check the path and its permissions."
        }
    }

    private static func systemMessage(for code: Int32) -> String {
        guard let message = strerror(code) else { return "unknown error" }
        return String(cString: message)
    }
}

extension KeystoreError.HolderProblem {
    fileprivate var explanation: String {
        switch self {
        case .empty: return "it is empty"
        case let .tooLong(byteCount, limit): return "it is \(byteCount) bytes long in UTF-8, over the limit of \(limit)"
        case .controlCharacter: return "it contains a control character such as a line break or tab"
        }
    }
}
