import Foundation
import HotlineRecord
import Hummingbird
import Testing

@testable import HotlineNode

/// docs/openapi.json is what the node serves at GET /api/v1/openapi.json, and it documents every
/// route of the client API's port. tools/api-fuzz fuzzes a live node from the same document.
struct OpenAPIDocumentTests {
    /// Every route on the client API's port, as OpenAPI operations: NodeServer+API.swift,
    /// NodeServer+LinkHealth.swift, and the health checks and metrics of NodeServer.apiRouter.
    /// A route added there must be added here and documented in docs/openapi.json.
    static let routes: Set<String> = [
        "get /api/v1/openapi.json",
        "get /api/v1/status",
        "get /api/v1/me",
        "get /api/v1/sides",
        "get /api/v1/roles",
        "get /api/v1/lines",
        "get /api/v1/entries",
        "post /api/v1/entries",
        "get /api/v1/entries/{side}/{sequence}",
        "get /api/v1/bundle",
        "get /api/v1/events",
        "get /api/v1/proposals",
        "get /api/v1/meetings",
        "get /api/v1/pending",
        "get /api/v1/answer",
        "get /api/v1/reads",
        "post /api/v1/alarms/clear",
        "post /api/v1/drafts",
        "post /api/v1/drafts/{id}",
        "get /api/v1/link/history",
        "get /api/v1/link/plot.svg",
        "get /api/v1/checkpoints",
        "get /api/v1/console-keys",
        "post /api/v1/console-keys",
        "delete /api/v1/console-keys/{keyID}",
        "get /health/live",
        "get /health/ready",
        "get /metrics",
        "get /console",
        "get /console/{file}",
    ]

    /// The routes that need no signature.
    static let unsigned: Set<String> = ["get /api/v1/openapi.json", "get /health/live", "get /health/ready", "get /metrics", "get /console", "get /console/{file}"]

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// docs/openapi.json, found from this file: Tests/HotlineNodeTests/ is two levels below the package root.
    static var documentURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs").appendingPathComponent("openapi.json")
    }

    static func document() throws -> [String: Any] {
        let data = try Data(contentsOf: documentURL)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "docs/openapi.json is not a JSON object")
    }

    /// `method path` of every operation in the document.
    static func documentedOperations(_ document: [String: Any]) throws -> [String: [String: Any]] {
        let paths = try #require(document["paths"] as? [String: [String: Any]], "no paths")
        var operations: [String: [String: Any]] = [:]
        for (path, item) in paths {
            for (method, operation) in item where methods.contains(method) {
                operations["\(method) \(path)"] = try #require(operation as? [String: Any], "\(method) \(path) is not an object")
            }
        }
        return operations
    }

    @Test func theNodeServesDocsOpenAPIJSONByteForByte() throws {
        let file = [UInt8](try Data(contentsOf: Self.documentURL))
        let served = OpenAPIDocument.json
        // Compared as a Bool, so that a failure names the first difference instead of printing both documents.
        let identical = file == served
        let firstDifference = file.indices.first { $0 >= served.count || file[$0] != served[$0] } ?? file.count
        #expect(identical, """
            docs/openapi.json (\(file.count) bytes) and Sources/HotlineNode/OpenAPIDocument.swift (\(served.count) bytes) differ \
            from byte \(firstDifference): run python3 tools/api-fuzz/embed_openapi.py
            """)
    }

    @Test func theDocumentIsOpenAPI31WithTheSignatureScheme() throws {
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        let components = try #require(document["components"] as? [String: Any])
        let schemes = try #require(components["securitySchemes"] as? [String: [String: Any]])
        let signature = try #require(schemes["hotlineSignature"], "no hotlineSignature security scheme")
        #expect(signature["type"] as? String == "apiKey" && signature["in"] as? String == "header" && signature["name"] as? String == "Signature")
        let description = try #require(signature["description"] as? String)
        for required in ["RFC 9421", "Content-Digest", "Signature-Input", "@authority", "@query", "keyid", "nonce", "tag"] {
            #expect(description.contains(required), "the security scheme does not explain \(required)")
        }
        let security = try #require(document["security"] as? [[String: [String]]])
        #expect(security.count == 1 && security.first?["hotlineSignature"] == [], "signed by default")
    }

    @Test func everyRouteIsDocumentedAndNothingElse() throws {
        let operations = try Self.documentedOperations(try Self.document())
        for route in Self.routes.sorted() {
            #expect(operations[route] != nil, "\(route) is not in docs/openapi.json")
        }
        for route in operations.keys.sorted() where !Self.routes.contains(route) {
            Issue.record("docs/openapi.json documents \(route), which the node does not serve")
        }
        for (route, operation) in operations {
            let responses = try #require(operation["responses"] as? [String: Any], "\(route) has no responses")
            #expect(responses["200"] != nil, "\(route) documents no 200")
            let security = operation["security"] as? [Any]
            if Self.unsigned.contains(route) {
                #expect(security?.isEmpty == true, "\(route) needs no signature: security must be []")
            } else {
                #expect(security == nil, "\(route) must keep the document's signature requirement")
                #expect(responses["401"] != nil, "\(route) documents no 401")
            }
        }
    }

    /// The router itself: a route added to NodeServer without a line in `routes` (and so in the
    /// document) fails here.
    @Test func theRouterServesExactlyTheDocumentedRoutes() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-openapi-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = try NodeDirectory.initialize(at: root.appendingPathComponent("ru").path, side: SideID("ru"), name: "Moscow")
        let node = try Node(directory: directory, environment: [:])
        let routes = NodeServer(node: node).apiRouter().routes.map { "\($0.method.rawValue.lowercased()) \($0.path)" }
        await node.shutdown()
        #expect(Set(routes) == Self.routes, "router only: \(Set(routes).subtracting(Self.routes).sorted()); list only: \(Self.routes.subtracting(routes).sorted())")
        #expect(routes.count == Set(routes).count)
    }
}
