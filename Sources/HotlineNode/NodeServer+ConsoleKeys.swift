import Foundation
import HotlineClient
import Hummingbird

/// Operators' console keys on the client API (docs/PROTOCOL.md section 12.2): listed by the
/// operator, added and removed by the operator key alone (Node+ConsoleKeys).
extension NodeServer {
    func addConsoleKeysAPI(to router: Router<BasicRequestContext>) {
        let node = self.node
        signed(router, .get, "api/v1/console-keys") { _, caller, _ in try Self.json(200, try node.listConsoleKeys(for: caller)) }
        signed(router, .post, "api/v1/console-keys") { _, caller, body in
            guard let request = try? JSONDecoder().decode(ConsoleKeyRequest.self, from: Data(body)) else {
                return try Self.json(400, APIError(error: "expected {\"publicKey\": BASE64, \"name\": TEXT}"))
            }
            return try Self.json(200, try await node.addConsoleKey(request, for: caller))
        }
        signedWithContext(router, .delete, "api/v1/console-keys/:keyID") { _, caller, context, _ in
            try await node.removeConsoleKey(try context.parameters.require("keyID"), for: caller)
            return try Self.json(200, ["removed": true])
        }
    }
}
