import NIOCore
import AsyncHTTPClient
import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import HotlineStore
import HotlineTestSupport
import Testing

/// Two nodes on loopback exchange entries and receipts.
@Suite(.serialized) struct DeliveryTests {
    static func draft(_ text: String, precedence: Precedence = .routine) throws -> EntryComposer.Draft {
        EntryComposer.Draft(line: try LineID("operators"), kind: .message, precedence: precedence,
                            content: .withRandomSalt(language: "en", text: text))
    }

    @Test func entriesArriveWithReceiptsAndBothCopiesAreIdentical() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        let composer = try sides.ru.composer()
        let usKeys = try sides.ru.peerKeys("us")
        var receipts: [EntryReceipt] = []
        for i in 0..<20 {
            let submission = try composer.compose(try Self.draft("message \(i)"), to: usKeys, at: 1_700_000_000_000 + UInt64(i))
            receipts.append(try await sides.ru.client.submit(submission, waitForReceipt: i == 19 ? 20 : nil))
        }
        #expect(receipts.map(\.sequence) == Array(0..<20))
        #expect(receipts.last?.received == true)

        // us holds a byte-identical copy of ru's log and a cosigned checkpoint of it.
        let origin = LogOrigin(sender: try SideID("ru"), recipient: try SideID("us"))
        let sent = try await sides.ru.node.store.records(origin, in: 0..<20)
        let received = try await sides.us.node.store.records(origin, in: 0..<20)
        #expect(sent == received)
        let receipt = try #require(try await sides.ru.node.store.cosignedCheckpoint(origin, size: nil))
        let policy = CheckpointPolicy(logKeys: try sides.ru.node.identity.keys.logVerifierKeys(to: try SideID("us")),
                                      cosignerKeys: try sides.us.node.identity.keys.cosignerVerifierKeys())
        #expect(try policy.verify(receipt).checkpoint.size == 20)

        let status = try await sides.ru.client.status()
        #expect(status.peers.first?.sent.cosignedSize == 20)
        #expect(status.peers.first?.sent.lag == 0)
        let usStatus = try await sides.us.client.status()
        #expect(usStatus.peers.first?.received.size == 20)
        await sides.stop()
    }

    /// A client that lost the answer sends the same signed entry again: it learns where the
    /// entry already is, and the log holds it once. The same content under another header is refused.
    @Test func resubmittingAnEntryReturnsWhereItAlreadyIs() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        let composer = try sides.ru.composer()
        let usKeys = try sides.ru.peerKeys("us")
        let content = EntryContent.withRandomSalt(language: "en", text: "sent twice")
        let draft = EntryComposer.Draft(line: try LineID("operators"), content: content)
        let first = try composer.compose(draft, to: usKeys, at: 1_700_000_000_000)
        let other = try composer.compose(try Self.draft("another"), to: usKeys, at: 1_700_000_000_001)
        let a = try await sides.ru.client.submit(first)
        let b = try await sides.ru.client.submit(other)
        let again = try await sides.ru.client.submit(first, waitForReceipt: 20)
        #expect(a.sequence == 0 && b.sequence == 1)
        #expect(again.sequence == 0 && again.leafHash == a.leafHash)
        #expect(again.received)
        // The same plaintext (same commitment) with a different header is another entry claiming
        // to be this one: refused.
        let changed = try composer.compose(draft, to: usKeys, at: 1_700_000_000_999)
        await #expect(throws: ClientError.self) { try await sides.ru.client.submit(changed) }
        let origin = LogOrigin(sender: try SideID("ru"), recipient: try SideID("us"))
        #expect(try await sides.ru.node.store.treeHead(origin).size == 2)

        // The same entry sent many times at once, while commits are running: once in the log.
        let burst = try composer.compose(try Self.draft("sent in a burst"), to: usKeys, at: 1_700_000_000_002)
        let answers = await withTaskGroup(of: UInt64?.self) { group in
            for _ in 0..<20 { group.addTask { try? await sides.ru.client.submit(burst).sequence } }
            return await group.reduce(into: [UInt64?]()) { $0.append($1) }
        }
        #expect(answers.compactMap { $0 }.allSatisfy { $0 == 2 } && answers.contains(2), "\(answers)")
        let later = try await sides.ru.client.submit(burst)
        #expect(later.sequence == 2)
        #expect(try await sides.ru.node.store.treeHead(origin).size == 3)
        await sides.stop()
    }

    /// The client API takes a submission in binary (what the client library sends) or in JSON,
    /// and says precisely what is wrong with a bad body.
    @Test func submissionsInJSONAndBinaryAndMalformedOnes() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        let composer = try sides.ru.composer()
        let usKeys = try sides.ru.peerKeys("us")
        func post(_ body: [UInt8], type: String) async throws -> (Int, String) {
            let (status, answer) = try await sides.ru.client.raw("POST", "/api/v1/entries", body: body, contentType: type)
            return (status, String(decoding: answer, as: UTF8.self))
        }
        let json = try composer.compose(try Self.draft("as JSON"), to: usKeys, at: 1_700_000_000_000)
        let (status, body) = try await post(Array(try JSONEncoder().encode(json)), type: "application/json")
        #expect(status == 200, "\(body)")
        let binary = try composer.compose(try Self.draft("as binary"), to: usKeys, at: 1_700_000_000_001)
        let (binaryStatus, binaryBody) = try await post(binary.encoded, type: SignedSubmission.mediaType)
        #expect(binaryStatus == 200, "\(binaryBody)")

        let (truncated, truncatedBody) = try await post(Array(binary.encoded.dropLast()), type: SignedSubmission.mediaType)
        #expect(truncated == 400 && truncatedBody.contains("submission.content"), "\(truncatedBody)")
        var notBase64 = String(decoding: try JSONEncoder().encode(json), as: UTF8.self)
        notBase64 = notBase64.replacingOccurrences(of: "\"signature\":\"", with: "\"signature\":\"*")
        let (badJSON, badJSONBody) = try await post(Array(notBase64.utf8), type: "application/json")
        #expect(badJSON == 400 && badJSONBody.contains("canonical base64"), "\(badJSONBody)")
        let origin = LogOrigin(sender: try SideID("ru"), recipient: try SideID("us"))
        #expect(try await sides.ru.node.store.treeHead(origin).size == 2)
        await sides.stop()
    }

    /// Over TLS each side trusts the certificate in the other's signed identity and nothing
    /// else: a client pinned to another certificate, or speaking plain HTTP, gets nowhere.
    @Test func entriesArriveOverPinnedTLS() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30, tls: true)
        let composer = try sides.ru.composer()
        let receipt = try await sides.ru.client.submit(try composer.compose(try Self.draft("over TLS"), to: try sides.ru.peerKeys("us"),
                                                                            at: 1_700_000_000_000), waitForReceipt: 20)
        #expect(receipt.received)
        #expect(try sides.ru.directory.peerIdentity("us").tlsCertificate == (try sides.us.directory.tlsCredentials()?.certificateDER))

        let url = "https://127.0.0.1:\(sides.us.server.peerPort!)/health/live"
        let stranger = try PeerTLS.makeCredentials(side: try SideID("us"))
        for (certificate, shouldConnect) in [(try #require(try sides.us.directory.tlsCredentials()).certificateDER, true), (stranger.certificateDER, false)] {
            var configuration = HTTPClient.Configuration()
            configuration.tlsConfiguration = try PeerTLS.clientConfiguration(pinning: certificate)
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            let answer = try? await client.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
            #expect((answer?.status.code == 200) == shouldConnect, "pinned to the \(shouldConnect ? "right" : "wrong") certificate")
            try await client.shutdown()
        }
        let plain = try? await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(sides.us.server.peerPort!)/health/live"), timeout: .seconds(10))
        #expect(plain?.status.code != 200)
        await sides.stop()
    }

    /// A node restored from a back-up older than what it sent gets its own entries back from
    /// the other side's replica, then goes on where it left off.
    @Test func aNodeRestoredFromAnOldBackUpRecoversItsOwnLog() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        let origin = LogOrigin(sender: try SideID("ru"), recipient: try SideID("us"))
        let usKeys = try sides.ru.peerKeys("us")
        var ru = sides.ru
        func send(_ count: Int, from: Int) async throws {
            let composer = try ru.composer()
            for i in from..<from + count {
                let receipt = try await ru.client.submit(try composer.compose(try Self.draft("entry \(i)"), to: usKeys, at: 1_700_000_000_000 + UInt64(i)),
                                                         waitForReceipt: i == from + count - 1 ? 20 : nil)
                #expect(receipt.sequence == UInt64(i))
                if i == from + count - 1 { #expect(receipt.received) }
            }
        }
        try await send(5, from: 0)
        // Back up ru's store with the node stopped, run on, then restore the old copy.
        let store = sides.ru.directory.url.appendingPathComponent("node.sqlite").path
        let backup = sides.root.appendingPathComponent("ru-backup.sqlite").path
        await ru.stop()
        // With the node stopped nothing writes: the file and its WAL together are a snapshot.
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: store + suffix) {
            try FileManager.default.copyItem(atPath: store + suffix, toPath: backup + suffix)
        }
        ru = try await RunningNode.start(directory: sides.ru.directory)
        try await send(5, from: 5)
        await ru.stop()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: backup + suffix) {
            try FileManager.default.copyItem(atPath: backup + suffix, toPath: store + suffix)
        }
        #expect(try await SQLiteStore(path: store).treeHead(origin).size == 5)

        ru = try await RunningNode.start(directory: sides.ru.directory)
        var size: UInt64 = 0
        for _ in 0..<200 {
            size = try await ru.node.store.treeHead(origin).size
            if size == 10 { break }
            try await Task.sleep(nanoseconds: 25_000_000)
        }
        #expect(size == 10, "ru recovered its log to \(size) entries")
        #expect(try await ru.node.store.records(origin, in: 0..<10) == (try await sides.us.node.store.records(origin, in: 0..<10)))
        // And the line goes on from there.
        try await send(1, from: 10)
        // The replica endpoint answers precisely, and only with sealed entries.
        let base = "http://127.0.0.1:\(sides.us.server.peerPort!)/hotline/v1/replica"
        for (query, status) in [("", 400), ("?log=hotline/ru/us&from=01", 400), ("?log=hotline/fr/us&from=0", 404),
                                ("?log=hotline/ru/us&from=11", 416), ("?log=hotline/ru/us&from=3", 200)] {
            let answer = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + query), timeout: .seconds(10))
            #expect(Int(answer.status.code) == status, "\(query)")
            let body = Array(buffer: try await answer.body.collect(upTo: 1 << 24))
            if status == 200 {
                let batch = try SealedBatch(encoded: body)
                #expect(batch.first == 3 && batch.sealedRecords.count == 8)
                #expect(try batch.open(with: try sides.ru.directory.loadSecrets().keys).count == 8)
                #expect(throws: EntryError.self) { try batch.open(with: try sides.us.directory.loadSecrets().keys) }
            }
        }
        await ru.stop()
        await sides.us.stop()
        try? FileManager.default.removeItem(at: sides.root)
    }

    /// After a start, appends wait for a first receipt from the peer; with the peer down they
    /// go ahead once the grace period has passed, and are delivered when it comes back.
    @Test func afterAStartAppendsWaitForContactOrTheGracePeriod() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        await sides.ru.stop()
        await sides.us.stop()
        var configuration = try sides.ru.directory.loadConfiguration()
        configuration.contactGraceSeconds = 1
        try sides.ru.directory.save(configuration)
        let ru = try await RunningNode.start(directory: sides.ru.directory)
        let composer = try ru.composer()
        let submission = try composer.compose(try Self.draft("while us is down"), to: try ru.peerKeys("us"), at: 1_700_000_000_000)
        let started = ContinuousClock.now
        let receipt = try await ru.client.submit(submission)
        let waited = ContinuousClock.now - started
        #expect(receipt.sequence == 0 && !receipt.received)
        #expect(waited >= .milliseconds(900) && waited < .seconds(10), "the append waited \(waited)")
        // Waiting for a receipt that cannot come ends at its deadline, with "not received".
        let waitStarted = ContinuousClock.now
        let unanswered = try await ru.client.submit(try composer.compose(try Self.draft("still down"), to: try ru.peerKeys("us"), at: 1_700_000_000_001),
                                                    waitForReceipt: 0.5)
        let waitedForReceipt = ContinuousClock.now - waitStarted
        #expect(unanswered.sequence == 1 && !unanswered.received)
        #expect(waitedForReceipt >= .milliseconds(500) && waitedForReceipt < .seconds(5), "the receipt was awaited \(waitedForReceipt)")
        // With the peer up, the entries are delivered and later appends do not wait.
        let us = try await RunningNode.start(directory: sides.us.directory)
        let second = try await ru.client.submit(try composer.compose(try Self.draft("with us up"), to: try ru.peerKeys("us"), at: 1_700_000_000_002),
                                                waitForReceipt: 20)
        #expect(second.sequence == 2 && second.received)
        await ru.stop()
        await us.stop()
        try? FileManager.default.removeItem(at: sides.root)
    }

    @Test func heartbeatsRefreshTheReceipt() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 0.3)
        let origin = LogOrigin(sender: try SideID("ru"), recipient: try SideID("us"))
        // With nothing sent, the empty log is still checkpointed and cosigned, again and again.
        var marks: [UInt64] = []
        for _ in 0..<40 {
            if let mark = try await sides.ru.node.store.latestCosignature(origin), marks.last != mark.timestamp { marks.append(mark.timestamp) }
            if marks.count >= 3 { break }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
        #expect(marks.count >= 3, "receipt times seen: \(marks)")
        let status = try await sides.us.client.status()
        #expect(status.peers.first?.received.lastCosignedSecondsAgo != nil)
        await sides.stop()
    }
}
