import Foundation
import HotlineClient
import HotlineRecord
import HotlineRules
import HotlineStore
import Hummingbird
import NIOCore

/// The client API (docs/PROTOCOL.md, "Client API"; docs/openapi.json). Every route but the
/// OpenAPI document needs a request signed by a key of this side; the node answers as that key.
extension NodeServer {
    /// The largest request body: a submission with the largest sealed content, in JSON.
    static let maxRequestBody = 2 * SealedContent.maxEncodedSize

    func addOfficialsAPI(to router: Router<BasicRequestContext>) {
        let node = self.node
        // The web console: static files, unsigned (the page signs its own API requests).
        router.get("console") { _, _ -> Response in Self.consoleFile("index.html") }
        router.get("console/:file") { _, context -> Response in Self.consoleFile(try context.parameters.require("file")) }
        router.get("api/v1/openapi.json") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.json)))
        }
        signed(router, .get, "api/v1/status") { _, _, _ in try Self.json(200, try await node.status()) }
        signed(router, .get, "api/v1/me") { _, caller, _ in try Self.json(200, node.whoAmI(caller)) }
        signed(router, .get, "api/v1/sides") { _, _, _ in try Self.json(200, try node.sidesView()) }
        signed(router, .get, "api/v1/roles") { _, _, _ in try Self.json(200, node.roleHolders()) }
        signed(router, .get, "api/v1/lines") { _, caller, _ in try Self.json(200, node.lines(for: caller)) }
        signed(router, .get, "api/v1/entries") { request, caller, _ in
            let line = try Self.parameter(request, "line")
            let since = try Self.optionalNumber(request, "since") ?? 0
            return try Self.json(200, try await node.entries(line: line, for: caller, since: since))
        }
        signedWithContext(router, .get, "api/v1/entries/:side/:sequence") { _, caller, context, _ in
            let side = try context.parameters.require("side")
            guard let sequence = UInt64(try context.parameters.require("sequence")) else { throw NodeError.notFound("an entry number is a whole number") }
            return try Self.json(200, try await node.entry(side: side, sequence: sequence, for: caller))
        }
        signed(router, .get, "api/v1/bundle") { request, caller, _ in
            let side = try Self.parameter(request, "side")
            guard let sequence = try Self.optionalNumber(request, "sequence") else { throw NodeError.notFound("give ?side=&sequence= of the entry") }
            let disclose = request.uri.queryParameters.get("disclose") == "true"
            return Self.raw(200, "application/json", try await node.bundle(side: side, sequence: sequence, disclose: disclose, for: caller).json)
        }
        let server = self
        signed(router, .get, "api/v1/events") { request, caller, _ in
            let line = try Self.parameter(request, "line")
            _ = try node.readable(line, caller)
            let since = try Self.optionalNumber(request, "since") ?? node.clock.milliseconds
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: ResponseBody { writer in
                try await Self.streamEvents(node: node, server: server, line: line, caller: caller, since: since, writer: &writer)
            })
        }
        signed(router, .get, "api/v1/proposals") { request, caller, _ in try Self.json(200, try node.proposals(line: try Self.parameter(request, "line"), for: caller)) }
        signed(router, .get, "api/v1/meetings") { request, caller, _ in try Self.json(200, try node.meetings(line: try Self.parameter(request, "line"), for: caller)) }
        signed(router, .get, "api/v1/pending") { _, caller, _ in try Self.json(200, node.pending(for: caller, at: node.clock.milliseconds)) }
        signed(router, .get, "api/v1/answer") { request, caller, _ in
            let question = try Self.question(request)
            let answer = try await node.answer(question, asOf: try Self.optionalNumber(request, "asOf"), for: caller)
            return Self.raw(200, "application/json", answer.json)
        }
        signed(router, .get, "api/v1/reads") { request, caller, _ in
            guard node.isOperator(caller) else { throw NodeError.forbidden("only the operator reads the audit of reads") }
            let limit = min(try Self.optionalNumber(request, "limit") ?? 100, 10_000)
            return try Self.json(200, try await node.store.reads(limit: Int(limit)).map(ReadView.init))
        }
        signed(router, .post, "api/v1/entries") { request, caller, body in
            let submission: SignedSubmission
            if request.headers[.contentType]?.hasPrefix(SignedSubmission.mediaType) == true {
                do { submission = try SignedSubmission(encoded: body) } catch {
                    return try Self.json(400, APIError(error: "the body is not an entry submission: \(error)"))
                }
            } else {
                do { submission = try JSONDecoder().decode(EntrySubmission.self, from: Data(body)) } catch {
                    return try Self.json(400, APIError(error: "the body is not an entry submission (JSON with header, signature and content in canonical base64, or \(SignedSubmission.mediaType)): \(error)"))
                }
            }
            if let header = try? EntryHeader(encoded: submission.header), header.authorKeyID != caller.keyID {
                throw NodeError.forbidden("an entry is submitted by its author: the request is signed by key \(caller.keyID.hex.prefix(16))…, the entry by \(header.authorKeyID.hex.prefix(16))…")
            }
            let wait = try Self.wait(request)
            let result = try await node.submit(header: submission.header, signature: submission.signature, content: submission.content, waitForReceipt: wait)
            return try Self.json(200, result.receipt)
        }
        signed(router, .post, "api/v1/drafts") { _, caller, body in
            let request: DraftRequest
            do { request = try JSONDecoder().decode(DraftRequest.self, from: Data(body)) } catch {
                return try Self.json(400, APIError(error: "the body is not a draft: \(error)"))
            }
            return try Self.json(200, try node.draft(request, for: caller))
        }
        signedWithContext(router, .post, "api/v1/drafts/:id") { request, caller, context, body in
            let id = try context.parameters.require("id")
            let signature: DraftSignature
            do { signature = try JSONDecoder().decode(DraftSignature.self, from: Data(body)) } catch {
                return try Self.json(400, APIError(error: "expected {\"signature\": BASE64}"))
            }
            let result = try await node.submitDraft(id, signature: signature, for: caller, waitForReceipt: try Self.wait(request))
            return try Self.json(200, result.receipt)
        }
        signed(router, .post, "api/v1/alarms/clear") { _, caller, body in
            guard node.isOperator(caller) else { throw NodeError.forbidden("only the operator clears alarms") }
            guard let clear = try? JSONDecoder().decode(ClearAlarms.self, from: Data(body)) else {
                return try Self.json(400, APIError(error: "expected {\"peer\": SIDE, \"note\": TEXT}"))
            }
            return try Self.json(200, ["cleared": try await node.clearAlarms(peer: clear.peer, note: clear.note)])
        }
    }

    /// A route that checks the request's signature first and maps the node's errors to statuses.
    func signedWithContext(_ router: Router<BasicRequestContext>, _ method: HTTPRequest.Method, _ path: RouterPath,
                                   _ handler: @escaping @Sendable (Request, Node.Caller, BasicRequestContext, [UInt8]) async throws -> Response) {
        let node = self.node
        router.on(path, method: method) { request, context -> Response in
            guard let buffer = try? await request.body.collect(upTo: Self.maxRequestBody) else {
                return try Self.json(413, APIError(error: "request body larger than \(Self.maxRequestBody) bytes"))
            }
            let body = Array(buffer: buffer)
            do {
                let caller = try node.authenticate(Node.SignedRequest(
                    method: request.method.rawValue, authority: request.head.authority ?? "", path: request.uri.path,
                    query: request.uri.query, headers: request.headers.map { ($0.name.canonicalName, $0.value) }, body: body))
                return try await handler(request, caller, context, body)
            } catch let NodeError.refused(violation) {
                return try Self.json(422, APIError(error: violation.message, code: violation.code.rawValue))
            } catch let error as NodeError {
                return try Self.json(error.status, APIError(error: error.description))
            } catch let error as HTTPError {
                throw error
            } catch {
                return try Self.json(400, APIError(error: "\(error)"))
            }
        }
    }

    /// A signed route (as `signedWithContext`), for this file and NodeServer+LinkHealth.swift.
    func signed(_ router: Router<BasicRequestContext>, _ method: HTTPRequest.Method, _ path: RouterPath,
                _ handler: @escaping @Sendable (Request, Node.Caller, [UInt8]) async throws -> Response) {
        signedWithContext(router, method, path) { request, caller, _, body in try await handler(request, caller, body) }
    }

    /// Server-sent events: each new entry on the line as `event: entry` with its EntryView as
    /// data, a comment every 15 s to keep the connection open, and an end after 10 minutes (the
    /// client reconnects with `since`) or when the node stops.
    static func streamEvents(node: Node, server: NodeServer, line: String, caller: Node.Caller, since: UInt64,
                             writer: inout any ResponseBodyWriter) async throws {
        var seen = Set<EntryPointer>()
        var lastSize: UInt64 = .max
        let started = ContinuousClock.now
        var lastBeat = started
        try await writer.write(ByteBuffer(string: ": hotline events on \(line)\n\n"))
        while server.isReady, !node.stopping.withLock({ $0 }), !Task.isCancelled, ContinuousClock.now - started < .seconds(600) {
            let size = node.recordSize
            if size != lastSize {
                lastSize = size
                let fresh = try await node.entries(line: line, for: caller, since: since, excluding: seen)
                for entry in fresh {
                    seen.insert(entry.pointer)
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    let data = String(decoding: try encoder.encode(entry), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "id: \(entry.pointer)\nevent: entry\ndata: \(data)\n\n"))
                }
            }
            if ContinuousClock.now - lastBeat > .seconds(15) {
                lastBeat = ContinuousClock.now
                try await writer.write(ByteBuffer(string: ": still here\n\n"))
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        try await writer.finish(nil)
    }

    static func consoleFile(_ name: String) -> Response {
        guard ConsoleFiles.isServable(name), let file = ConsoleFiles.files[name] else {
            return raw(404, "text/plain; charset=utf-8", Array("no console file \(name.prefix(80))\n".utf8))
        }
        return Response(status: .ok, headers: [.contentType: file.contentType, .cacheControl: "no-cache",
                                               .init("Content-Security-Policy")!: "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'"],
                        body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }

    static func raw(_ status: Int, _ type: String, _ bytes: [UInt8]) -> Response {
        Response(status: .init(code: status), headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func parameter(_ request: Request, _ name: String) throws -> String {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else {
            throw NodeError.badRequest("the query parameter \(name) is missing")
        }
        return value
    }

    /// ?wait=SECONDS: at most 300; a value that is not a finite number (nan, inf) is refused.
    static func wait(_ request: Request) throws -> Duration? {
        guard let text = request.uri.queryParameters.get("wait") else { return nil }
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
            throw NodeError.badRequest("wait is a number of seconds from 0 to 300, not \"\(text.prefix(40))\"")
        }
        return .milliseconds(Int(min(seconds, 300) * 1000))
    }

    static func subject(_ request: Request) throws -> String? {
        guard let text = request.uri.queryParameters.get("subject") else { return nil }
        guard (1...200).contains(text.count) else { throw NodeError.badRequest("subject is a text of 1 to 200 characters") }
        return text
    }

    static func optionalNumber(_ request: Request, _ name: String) throws -> UInt64? {
        guard let text = request.uri.queryParameters.get(name) else { return nil }
        guard Checkpoint.isDecimal(text), let value = UInt64(text) else {
            throw NodeError.badRequest("the query parameter \(name) is a whole number, not \"\(text.prefix(40))\"")
        }
        return value
    }

    /// GET /api/v1/answer's question: sender, and optionally kind, line, track, stages, from, until.
    static func question(_ request: Request) throws -> RecordQuestion {
        func name<T>(_ key: String, _ make: (String) throws -> T) throws -> T? {
            guard let text = request.uri.queryParameters.get(key) else { return nil }
            do { return try make(text) } catch { throw NodeError.badRequest("\(key): \(error)") }
        }
        guard let sender = try name("sender", { try SideID($0) }) else { throw NodeError.badRequest("the query parameter sender is missing") }
        let kind = try name("kind") { token -> EntryKind in
            guard let kind = EntryKind(token: token) else { throw NodeError.badRequest("not an entry kind: \(token.prefix(40))") }
            return kind
        }
        let stages = try optionalNumber(request, "stages")
        guard stages.map({ (1...1_000).contains($0) }) ?? true else { throw NodeError.badRequest("stages is from 1 to 1000") }
        return RecordQuestion(sender: sender, kind: kind, line: try name("line", { try LineID($0) }), track: try name("track", { try TrackID($0) }),
                              signedFrom: try optionalNumber(request, "from"), signedUntil: try optionalNumber(request, "until"),
                              stages: stages.map(Int.init), subject: try subject(request))
    }
}

/// One read in the audit, for GET /api/v1/reads.
public struct ReadView: Codable, Sendable {
    public var keyID: String
    public var roles: String
    public var line: String
    public var entries: String
    public var readAt: String

    init(_ read: ReadRecord) {
        keyID = read.keyID.hex
        roles = read.roles
        line = read.line
        entries = read.entries
        readAt = UTCTime.format(read.readAt * 1000)
    }
}

extension NodeError {
    /// The HTTP status the client API answers this error with.
    var status: Int {
        switch self {
        case .unauthenticated: 401
        case .forbidden: 403
        case .notFound, .unknownPeer: 404
        case .badRequest: 400
        case .refused, .rejected: 422
        case .configuration, .dataDirectory: 500
        }
    }

}
