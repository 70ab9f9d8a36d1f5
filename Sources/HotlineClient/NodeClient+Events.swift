import AsyncHTTPClient
import Foundation
import NIOCore

extension NodeClient {
    /// Follows a line: each entry stored on it from `since` (milliseconds; now by default) as it
    /// arrives, read from the node's server-sent events. The node ends a stream after 10
    /// minutes; this reconnects and goes on until the task is cancelled.
    public func events(line: String, since: UInt64? = nil) -> AsyncThrowingStream<EntryView, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var cursor = since ?? UInt64(Date().timeIntervalSince1970 * 1000)
                var seen = Set<EntryPointer>()
                do {
                    while !Task.isCancelled {
                        let path = "/api/v1/events?line=\(Self.escape(line))&since=\(cursor)"
                        var request = HTTPClientRequest(url: baseURL + path)
                        request.method = .GET
                        try sign(&request, method: "GET", path: path, body: [], contentType: nil)
                        let response = try await http.execute(request, timeout: .seconds(700))
                        guard response.status.code == 200 else {
                            let body = try await response.body.collect(upTo: 1 << 20)
                            let reason = (try? JSONDecoder().decode(APIError.self, from: Data(buffer: body)))?.error ?? String(buffer: body)
                            throw ClientError.refused(Int(response.status.code), reason)
                        }
                        var pending = ""
                        for try await chunk in response.body {
                            pending += String(buffer: chunk)
                            while let end = pending.range(of: "\n\n") {
                                let event = String(pending[..<end.lowerBound])
                                pending = String(pending[end.upperBound...])
                                guard let data = event.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }) else { continue }
                                let entry = try JSONDecoder().decode(EntryView.self, from: Data(data.dropFirst(6).utf8))
                                guard seen.insert(entry.pointer).inserted else { continue }
                                continuation.yield(entry)
                            }
                        }
                        cursor = max(cursor, UInt64(Date().timeIntervalSince1970 * 1000) - 60_000)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
