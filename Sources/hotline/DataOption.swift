import ArgumentParser
import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord

/// `--data DIR`: the node's data directory (default: $HOTLINE_DATA, else ./hotline-data).
struct DataOption: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("The node's data directory (default: $HOTLINE_DATA or ./hotline-data).", valueName: "dir"))
    var path: String?

    var directory: NodeDirectory {
        NodeDirectory(path ?? ProcessInfo.processInfo.environment["HOTLINE_DATA"] ?? "hotline-data")
    }

    /// A client for the node's API, at the address its configuration gives, signing as the
    /// operator (the operator key is in the data directory).
    func client() throws -> NodeClient {
        try client(key: try directory.loadSecrets().operatorKey)
    }

    /// A client for the node's API signing with `key`.
    func client(key: AuthorKey) throws -> NodeClient {
        let configuration = try directory.loadConfiguration().overridden(by: ProcessInfo.processInfo.environment)
        guard let address = HostPort(configuration.apiListen) else { throw NodeError.configuration("apiListen is not host:port") }
        let host = address.host == "0.0.0.0" ? "127.0.0.1" : address.host
        return NodeClient(baseURL: "http://\(host):\(address.port)", key: key)
    }
}

/// Prints a one-line error to stderr and exits 1, so that failures read the same everywhere.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("hotline: \(message)\n".utf8))
    return ExitCode(1)
}

func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
