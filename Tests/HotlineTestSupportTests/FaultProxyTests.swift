import Foundation
import HotlineTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Each test puts a FaultProxy in front of a tiny echo server on loopback and stops both at the
/// end. Every socket the tests read from has a 3 s receive timeout, so a broken proxy fails a
/// test instead of hanging it.
@Suite(.timeLimit(.minutes(1))) struct FaultProxyTests {
    @Test func forwardsBytesBothWaysWithoutFaults() throws {
        let (echo, proxy) = try Self.start()
        defer { proxy.stop(); echo.stop() }

        let payload = Self.payload(100_000)
        let socket = try Loopback.connect(port: proxy.port)
        defer { close(socket) }
        #expect(Loopback.sendAll(socket, payload))
        #expect(Loopback.receive(socket, count: payload.count) == payload)
        #expect(Self.eventually { proxy.statistics.bytesForwarded == 2 * payload.count })
        #expect(proxy.statistics.accepted == 1)
        #expect(proxy.statistics.dropped == 0 && proxy.statistics.cut == 0 && proxy.statistics.duplicated == 0)
    }

    @Test func dropClosesNewConnectionsWithoutConnectingUpstream() throws {
        let (echo, proxy) = try Self.start()
        defer { proxy.stop(); echo.stop() }
        proxy.setFaults(.init(dropProbability: 1))

        for _ in 0..<3 {
            let socket = try Loopback.connect(port: proxy.port)
            defer { close(socket) }
            _ = Loopback.sendAll(socket, Array("hello".utf8))
            let (received, closed) = Loopback.receiveUntilClosed(socket)
            #expect(received == 0)
            #expect(closed)
        }
        #expect(Self.eventually { proxy.statistics.dropped == 3 })
        #expect(proxy.statistics.accepted == 3)
        #expect(echo.connections.isEmpty)
    }

    @Test func cutEndsALongStreamEarly() throws {
        let (echo, proxy) = try Self.start()
        defer { proxy.stop(); echo.stop() }
        proxy.setFaults(.init(cutProbability: 1))

        let payload = Self.payload(256 * 1024)
        let socket = try Loopback.connect(port: proxy.port)
        defer { close(socket) }
        _ = Loopback.sendAll(socket, payload)  // may fail part way: the proxy is cutting
        let (received, closed) = Loopback.receiveUntilClosed(socket)
        #expect(closed)
        #expect(received < 4096)  // the budget of 1–4096 bytes covers both directions
        #expect(Self.eventually { proxy.statistics.cut == 1 })
        #expect(proxy.statistics.bytesForwarded <= 4096)
        // The upstream side was cut too.
        #expect(Self.eventually { echo.connections.count == 1 && echo.openConnections == 0 })
    }

    @Test func duplicateReplaysEveryByteOnASecondConnection() throws {
        let (echo, proxy) = try Self.start()
        defer { proxy.stop(); echo.stop() }
        proxy.setFaults(.init(duplicateProbability: 1))

        let payload = Self.payload(50_000)
        let socket = try Loopback.connect(port: proxy.port)
        defer { close(socket) }
        #expect(Loopback.sendAll(socket, payload))
        // The client sees one echo, not two.
        #expect(Loopback.receive(socket, count: payload.count) == payload)
        #expect(Self.eventually { echo.connections.count == 2 && echo.connections.allSatisfy { $0 == payload } })
        #expect(proxy.statistics.duplicated == 1)
        #expect(Self.eventually { proxy.statistics.bytesForwarded == 2 * payload.count })
    }

    @Test func delaySlowsEachChunkInBothDirections() throws {
        let (echo, proxy) = try Self.start()
        defer { proxy.stop(); echo.stop() }
        proxy.setFaults(.init(delay: 0.2...0.2))

        let socket = try Loopback.connect(port: proxy.port)
        defer { close(socket) }
        let payload = Array("ping".utf8)
        let start = ContinuousClock.now
        #expect(Loopback.sendAll(socket, payload))
        #expect(Loopback.receive(socket, count: payload.count) == payload)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(400), "0.2 s out and 0.2 s back, took \(elapsed)")
        #expect(elapsed < .seconds(2))
    }

    @Test func healClosesOpenConnectionsAndClearsFaults() throws {
        let (echo, proxy) = try Self.start()
        defer { proxy.stop(); echo.stop() }

        let old = try Loopback.connect(port: proxy.port)
        defer { close(old) }
        #expect(Loopback.sendAll(old, Array("before".utf8)))
        #expect(Loopback.receive(old, count: 6) == Array("before".utf8))

        proxy.setFaults(.init(dropProbability: 1, delay: 1...1, cutProbability: 1))
        proxy.heal()
        let (received, closed) = Loopback.receiveUntilClosed(old)
        #expect(received == 0)
        #expect(closed)

        let new = try Loopback.connect(port: proxy.port)
        defer { close(new) }
        let payload = Self.payload(20_000)
        let start = ContinuousClock.now
        #expect(Loopback.sendAll(new, payload))
        #expect(Loopback.receive(new, count: payload.count) == payload)
        #expect(ContinuousClock.now - start < .milliseconds(900))  // no delay left either
        #expect(proxy.statistics.dropped == 0 && proxy.statistics.cut == 0)
    }

    @Test func stopClosesEverythingAndLeavesNoListener() throws {
        let (echo, proxy) = try Self.start()
        defer { echo.stop() }

        let open = try Loopback.connect(port: proxy.port)
        defer { close(open) }
        #expect(Loopback.sendAll(open, Array("hi".utf8)))
        #expect(Loopback.receive(open, count: 2) == Array("hi".utf8))

        proxy.stop()
        #expect(Loopback.receiveUntilClosed(open) == (0, true))
        #expect(Self.eventually { echo.openConnections == 0 })
        #expect(throws: POSIXError.self) { try Loopback.connect(port: proxy.port) }
        proxy.stop()  // a second stop is harmless
    }

    @Test func releasingTheProxyStopsIt() throws {
        let echo = try EchoServer()
        defer { echo.stop() }
        var proxy: FaultProxy? = try FaultProxy(upstreamPort: echo.port)
        let port = proxy!.port
        let open = try Loopback.connect(port: port)
        defer { close(open) }
        #expect(Loopback.sendAll(open, Array("hi".utf8)))
        #expect(Loopback.receive(open, count: 2) == Array("hi".utf8))

        proxy = nil  // deinit stops it
        #expect(Loopback.receiveUntilClosed(open) == (0, true))
        #expect(throws: POSIXError.self) { try Loopback.connect(port: port) }
    }

    /// Many clients at once under every fault, then stop() in the middle of it: stop returns
    /// (all threads ended), and every upstream connection gets closed.
    @Test func stopsCleanlyUnderLoadWithAllFaults() throws {
        let (echo, proxy) = try Self.start()
        defer { echo.stop() }
        proxy.setFaults(.init(dropProbability: 0.2, delay: 0...0.005, duplicateProbability: 0.3, cutProbability: 0.3))

        let clients = 16
        let finished = Mutex(0)
        for client in 0..<clients {
            Thread {
                defer { finished.withLock { $0 += 1 } }
                for round in 0..<5 {
                    guard let socket = try? Loopback.connect(port: proxy.port) else { return }
                    defer { close(socket) }
                    let payload = Self.payload(1000 + 997 * client + round)
                    guard Loopback.sendAll(socket, payload) else { continue }
                    _ = Loopback.receive(socket, count: payload.count)
                }
            }.start()
        }
        #expect(Self.eventually(.seconds(10)) { finished.withLock { $0 } >= clients / 2 })
        proxy.stop()
        #expect(Self.eventually(.seconds(10)) { finished.withLock { $0 } == clients })
        #expect(Self.eventually { echo.openConnections == 0 })
        let statistics = proxy.statistics
        #expect(statistics.accepted > 0)
        #expect(statistics.dropped + statistics.cut + statistics.duplicated > 0)
    }

    // MARK: Helpers

    static func start() throws -> (EchoServer, FaultProxy) {
        let echo = try EchoServer()
        do {
            return (echo, try FaultProxy(upstreamPort: echo.port))
        } catch {
            echo.stop()
            throw error
        }
    }

    static func payload(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 251) }
    }

    /// Polls `condition` every 5 ms for at most `timeout`.
    static func eventually(_ timeout: Duration = .seconds(3), _ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            usleep(5_000)
        }
        return condition()
    }
}

/// An echo server on 127.0.0.1: one thread accepts, one thread per connection echoes. It records
/// what each connection received, in the order of acceptance. stop() ends all its threads.
final class EchoServer: Sendable {
    struct Connection {
        var socket: Int32
        var open = true
        var received: [UInt8] = []
    }

    struct State {
        var stopped = false
        var connections: [Connection] = []
        var liveThreads = 0
    }

    let port: Int
    private let listener: Int32
    private let state = Mutex(State())

    init() throws {
        (listener, port) = try Loopback.listen()
        state.withLock { $0.liveThreads += 1 }
        Thread { [self] in
            acceptLoop()
            state.withLock { $0.liveThreads -= 1 }
        }.start()
    }

    /// Bytes each connection has received so far.
    var connections: [[UInt8]] { state.withLock { $0.connections.map(\.received) } }
    var openConnections: Int { state.withLock { $0.connections.count(where: \.open) } }

    private func acceptLoop() {
        while true {
            let socket = accept(listener, nil, nil)
            if state.withLock({ $0.stopped }) {
                if socket >= 0 { close(socket) }
                return
            }
            guard socket >= 0 else { continue }
            let index = state.withLock { state in
                state.connections.append(Connection(socket: socket))
                state.liveThreads += 1
                return state.connections.count - 1
            }
            Thread { [self] in
                echo(socket, index: index)
                state.withLock { $0.liveThreads -= 1 }
            }.start()
        }
    }

    private func echo(_ socket: Int32, index: Int) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            state.withLock { $0.connections[index].received += buffer[..<count] }
            guard Loopback.sendAll(socket, Array(buffer[..<count])) else { break }
        }
        // Closed under the lock, so stop() never shuts down a descriptor number reused since.
        state.withLock { state in
            state.connections[index].open = false
            close(socket)
        }
    }

    func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            for connection in state.connections where connection.open {
                shutdown(connection.socket, Int32(SHUT_RDWR))
            }
            return !state.stopped
        }
        if first { shutdown(listener, Int32(SHUT_RDWR)) }
        while state.withLock({ $0.liveThreads }) > 0 { usleep(1_000) }
        if first { close(listener) }
    }
}

/// Blocking client and listener sockets on 127.0.0.1 for the tests.
enum Loopback {
    static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        return address
    }

    static func listen() throws -> (Int32, Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var one: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && Glibc.listen(socket, 64) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard ok else {
            let error = errno
            close(socket)
            throw POSIXError(.init(rawValue: error) ?? .EIO)
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A connected socket with 3 s send and receive timeouts.
    static func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = address(port: port)
        var result: Int32
        repeat {
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        } while result < 0 && errno == EINTR
        guard result == 0 else {
            let error = errno
            close(socket)
            throw POSIXError(.init(rawValue: error) ?? .EIO)
        }
        return socket
    }

    static func sendAll(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                send(socket, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += sent
        }
        return true
    }

    /// Up to `count` bytes: fewer if the connection ends or the receive timeout passes first.
    static func receive(_ socket: Int32, count: Int) -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while received.count < count {
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, min($0.count, count - received.count), 0) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            received += buffer[..<n]
        }
        return received
    }

    /// Reads until the connection ends. `closed` is true for end of file or a reset, false if
    /// the receive timeout passed with the connection still open.
    static func receiveUntilClosed(_ socket: Int32) -> (received: Int, closed: Bool) {
        var received = 0
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                received += n
                continue
            }
            if n == 0 { return (received, true) }
            if errno == EINTR { continue }
            return (received, errno != EAGAIN && errno != EWOULDBLOCK)
        }
    }
}
