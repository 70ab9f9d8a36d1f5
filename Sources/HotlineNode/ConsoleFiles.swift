import Foundation

/// The web console's files (Sources/HotlineNode/Console): plain HTML, JavaScript and CSS, no
/// build step, served by the node itself at /console/ (no CDN). Read once, at first use.
enum ConsoleFiles {
    struct File: Sendable {
        let bytes: [UInt8]
        let contentType: String
    }

    static let files: [String: File] = {
        guard let directory = Bundle.module.url(forResource: "Console", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [:] }
        var files: [String: File] = [:]
        for name in names where isServable(name) {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { continue }
            files[name] = File(bytes: [UInt8](data), contentType: contentType(of: name))
        }
        return files
    }()

    /// Only plain names: nothing with a path separator or a leading dot is ever served.
    static func isServable(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        }
    }

    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "json": "application/json"
        case "png": "image/png"
        default: "application/octet-stream"
        }
    }
}
