import ArgumentParser
import Foundation
import HotlineClient
import HotlineKeystore
import HotlineNode
import HotlineRecord

/// How an official's command reaches the node and signs: `--key` names their keystore (the
/// passphrase from $HOTLINE_PASSPHRASE or asked for); without it the command signs as the
/// side's operator, with the operator key from the data directory.
struct OfficialOptions: ParsableArguments {
    @OptionGroup var data: DataOption
    @Option(name: .customLong("key"), help: ArgumentHelp("Your keystore (made by `hotline key new`); default: sign as the operator.", valueName: "file"))
    var keystore: String?
    @Option(name: .customLong("as"), help: ArgumentHelp("The role to sign as, when your key holds several on the line.", valueName: "role"))
    var role: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func session() async throws -> OfficialSession {
        let key: AuthorKey
        if let keystore {
            key = try unlockKeystore(keystore)
        } else {
            key = try data.directory.loadSecrets().operatorKey
        }
        return try await OfficialSession.open(try data.client(key: key))
    }
}

/// Unlocks a keystore with the passphrase from $HOTLINE_PASSPHRASE, or asked for on the terminal.
func unlockKeystore(_ path: String) throws -> AuthorKey {
    let keystore = try OfficialKeystore.read(from: path)
    let passphrase = try ProcessInfo.processInfo.environment["HOTLINE_PASSPHRASE"] ?? readPassphrase("Passphrase for \(keystore.holder) (\(path)): ")
    let privateKey = try keystore.unlock(passphrase: passphrase)
    return try AuthorKey(seed: [UInt8](privateKey.rawRepresentation))
}

/// Reads a line from the terminal without echoing it.
func readPassphrase(_ prompt: String) throws -> String {
    FileHandle.standardError.write(Data(prompt.utf8))
    var original = termios()
    let isTerminal = tcgetattr(STDIN_FILENO, &original) == 0
    if isTerminal {
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
    }
    defer {
        if isTerminal {
            tcsetattr(STDIN_FILENO, TCSANOW, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }
    guard let line = readLine(strippingNewline: true) else { throw ValidationError("no passphrase given") }
    return line
}

/// An entry named on the command line as SIDE#SEQUENCE, e.g. ru#12.
struct EntryName: ExpressibleByArgument {
    var side: String
    var sequence: UInt64

    init?(argument: String) {
        let parts = argument.split(separator: "#")
        guard parts.count == 2, let sequence = UInt64(parts[1]), (try? SideID(String(parts[0]))) != nil else { return nil }
        side = String(parts[0])
        self.sequence = sequence
    }

    /// The entry by place alone, to ask the node for it (its answer carries the leaf hash).
    var pointer: EntryPointer { EntryPointer(side: side, sequence: sequence, leafHash: "") }
}

/// Runs a command body and turns failures into one clear line and an exit code (docs/OPERATIONS.md):
/// 1 a check failed, 3 the node refused (a rule, a signature, a compartment), 4 the node is unreachable.
func running(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch let ClientError.brokeRule(code, reason) {
        FileHandle.standardError.write(Data("hotline: refused: \(reason) [\(code)]\n".utf8))
        throw ExitCode(3)
    } catch let ClientError.refused(status, reason) where status > 0 {
        FileHandle.standardError.write(Data("hotline: the node refused (\(status)): \(reason)\n".utf8))
        throw ExitCode(3)
    } catch let error as ClientError {
        if case .unreachable = error {
            FileHandle.standardError.write(Data("hotline: \(error)\n".utf8))
            throw ExitCode(4)
        }
        throw fail("\(error)")
    } catch {
        throw fail("\(error)")
    }
}
