import ArgumentParser
import Foundation
import HotlineNode
import HotlineRecord

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create this side's node: keys, configuration and store.",
        discussion: """
            Generates the side's Ed25519, ML-DSA-65 and X-Wing keys and the operator's key \
            (private seeds in secrets.json, mode 0600), a self-signed TLS certificate for the peer \
            endpoint (tls.crt, tls.key), writes node.json and creates the store. \
            Refuses to touch a directory that already holds a node. Prints the fingerprint to \
            read to the other side's operator at pairing.
            """)

    @OptionGroup var data: DataOption
    @Option(help: "This side's name in the record, e.g. ru (a-z, 0-9, -).") var side: String
    @Option(help: "A display name, e.g. Moscow.") var name: String
    @Option(help: "Where the peer endpoint listens (host:port).") var peerListen = "0.0.0.0:7400"
    @Option(help: "Where the client API listens (host:port); keep it on loopback.") var apiListen = "127.0.0.1:7401"
    @Option(name: .customLong("advertise"), help: "A base URL the other side dials, e.g. http://203.0.113.5:7400 (repeatable).")
    var advertisedAddresses: [String] = []
    @Flag(help: "Serve the peer endpoint over TLS 1.3 with this node's self-signed certificate (advertise https:// addresses).")
    var tls = false

    func run() throws {
        let sideID: SideID
        do { sideID = try SideID(side) } catch { throw fail("\(error)") }
        let configuration = NodeConfiguration(side: side, name: name, peerListen: peerListen, apiListen: apiListen,
                                              advertisedAddresses: advertisedAddresses, peerTLS: tls)
        do {
            try configuration.validate()
            let directory = try NodeDirectory.initialize(at: data.directory.url.path, side: sideID, name: name, configuration: configuration)
            let identity = try directory.identity()
            print("""
                Created the node of \(side) (\(name)) in \(directory.url.path).
                Fingerprint: \(identity.fingerprint)

                Next: `hotline identity export --data \(directory.url.path) > \(side).identity.json`, give that file to the
                other side, and read the fingerprint above to its operator over the telephone.
                """)
        } catch {
            throw fail("\(error)")
        }
    }
}

struct IdentityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Show or export this side's identity.",
        subcommands: [Export.self, Show.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the signed identity file the other side pairs with.")
        @OptionGroup var data: DataOption
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

        func run() throws {
            do {
                let bytes = Data(try data.directory.identity().json)
                if let output { try bytes.write(to: URL(fileURLWithPath: output)) } else { FileHandle.standardOutput.write(bytes) }
            } catch { throw fail("\(error)") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print this side's name, fingerprint and addresses.")
        @OptionGroup var data: DataOption

        func run() throws {
            do {
                let identity = try data.directory.identity()
                print("\(identity.side) (\(identity.name))\nFingerprint: \(identity.fingerprint)\nAddresses: \(identity.addresses.joined(separator: ", "))")
            } catch { throw fail("\(error)") }
        }
    }
}

struct PairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pair",
        abstract: "Pin another side's keys from its identity file.",
        discussion: """
            Checks the file's signatures, shows its fingerprint and asks you to confirm it against \
            the fingerprint the other side's operator reads to you out of band (telephone, in \
            person). Pass --fingerprint to confirm without a prompt. Restart `hotline serve` afterwards.
            """)

    @OptionGroup var data: DataOption
    @Argument(help: "The other side's identity file.") var identityFile: String
    @Option(name: .customLong("address"), help: "A base URL of the other side's node (repeatable; default: the file's addresses).")
    var addresses: [String] = []
    @Option(help: "The fingerprint read to you by the other side's operator (30 digits).") var fingerprint: String?

    func run() throws {
        let identity: SideIdentity
        do {
            guard let bytes = FileManager.default.contents(atPath: identityFile) else { throw NodeError.dataDirectory("cannot read \(identityFile)") }
            identity = try SideIdentity(json: [UInt8](bytes))
        } catch { throw fail("\(error)") }
        print("Side \(identity.side) (\(identity.name))\nFingerprint: \(identity.fingerprint)")
        let expected: String
        if let fingerprint {
            expected = fingerprint
        } else {
            print("Type the fingerprint the operator of \(identity.side) reads to you: ", terminator: "")
            expected = readLine() ?? ""
        }
        guard expected.filter(\.isNumber) == identity.fingerprint.filter(\.isNumber) else {
            throw fail("the fingerprint does not match; not paired. Check with the other side's operator before trying again.")
        }
        do {
            try data.directory.pair(identity, addresses: addresses)
            print("Paired with \(identity.side). Restart `hotline serve` to open the line.")
        } catch { throw fail("\(error)") }
    }
}
