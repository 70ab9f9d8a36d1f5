import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A fault-injecting TCP proxy for tests that put it between two servers on loopback: it listens
/// on 127.0.0.1 and forwards every connection to 127.0.0.1:`upstreamPort`, dropping, delaying,
/// duplicating or cutting connections as `Faults` says. Both ends are always loopback.
///
/// Plain POSIX sockets and blocking I/O on `Thread`s, not SwiftNIO, so that the proxy shares no
/// event loops with the servers under test and a wedged server cannot wedge the proxy. Every
/// blocking point can be interrupted: `accept`, `recv` and `send` by shutting the socket down,
/// `connect` and the injected delays by polling in short slices. That is what lets `stop()`
/// promise to end every thread it started.
///
/// Writes use MSG_NOSIGNAL, so a peer that went away gives EPIPE instead of killing the test
/// process with SIGPIPE; the process's signal dispositions are left alone.
public final class FaultProxy: Sendable {
    /// What to do to connections. Each probability is drawn once per accepted connection, when it
    /// is accepted; `setFaults(_:)` therefore changes new connections only.
    public struct Faults: Sendable, Equatable {
        /// Close a new client connection at once, without connecting upstream.
        public var dropProbability: Double
        /// Seconds to sleep before forwarding each chunk, in both directions.
        public var delay: ClosedRange<Double>?
        /// Also open a second upstream connection that is sent a copy of every byte the client
        /// sends; its responses are read and thrown away. This replays requests, to test that
        /// the upstream handles them idempotently.
        public var duplicateProbability: Double
        /// Cut the connection, both sides, after a random 1–4096 bytes have been forwarded
        /// (counting both directions).
        public var cutProbability: Double

        public init(dropProbability: Double = 0, delay: ClosedRange<Double>? = nil,
                    duplicateProbability: Double = 0, cutProbability: Double = 0) {
            precondition(delay.map { $0.lowerBound >= 0 } ?? true, "a delay cannot be negative")
            self.dropProbability = dropProbability
            self.delay = delay
            self.duplicateProbability = duplicateProbability
            self.cutProbability = cutProbability
        }

        public static let none = Faults()
    }

    /// Counts since the proxy started.
    public struct Statistics: Sendable, Equatable {
        /// Client connections accepted, dropped ones included.
        public var accepted = 0
        /// Client connections closed at once by `dropProbability`.
        public var dropped = 0
        /// Connections cut by `cutProbability` (counted when the cut happens).
        public var cut = 0
        /// Connections for which a duplicate upstream connection was opened.
        public var duplicated = 0
        /// Bytes forwarded between client and upstream, both directions; copies sent to
        /// duplicate connections are not counted.
        public var bytesForwarded = 0

        public init() {}
    }

    /// The port the proxy listens on, on 127.0.0.1.
    public let port: Int
    private let core: Core

    /// Starts listening on an ephemeral port of 127.0.0.1, with no faults.
    public init(upstreamPort: Int) throws {
        precondition((1...65535).contains(upstreamPort), "not a TCP port: \(upstreamPort)")
        let (listener, port) = try Socket.listenOnLoopback()
        self.port = port
        core = Core(listener: listener, upstreamPort: upstreamPort)
        core.spawn { [core] in core.acceptLoop() }
    }

    /// Stops the proxy as `stop()` does. The threads hold the internal state, never the
    /// `FaultProxy` itself, so dropping the last reference without calling `stop()` still ends
    /// them: deinit closes the listener and every connection and blocks until every thread has
    /// returned (milliseconds, since all their blocking points are interruptible).
    deinit {
        core.stop()
    }

    /// Applies to connections accepted from now on; open connections keep the faults they had.
    public func setFaults(_ faults: Faults) {
        core.state.withLock { $0.faults = faults }
    }

    /// Removes all faults and closes every connection still open, so that clients notice and
    /// reconnect cleanly instead of going on with a connection that is still being delayed or
    /// is about to be cut. Returns once the sockets are shut down; their threads end shortly
    /// after.
    public func heal() {
        let links = core.state.withLock { state in
            state.faults = .none
            return Array(state.links.values)
        }
        links.forEach { $0.kill() }
    }

    /// Closes the listener and every connection, and waits until every thread the proxy started
    /// has returned. Safe to call more than once, and from several threads.
    public func stop() {
        core.stop()
    }

    public var statistics: Statistics {
        core.state.withLock { $0.statistics }
    }
}

// MARK: - The shared state the threads run on

/// Everything the threads need. Kept apart from `FaultProxy` so that the threads do not keep the
/// proxy alive and its deinit can stop them.
private final class Core: Sendable {
    struct State {
        var faults = FaultProxy.Faults.none
        var statistics = FaultProxy.Statistics()
        var stopped = false
        var links: [Int: Link] = [:]
        var nextLinkID = 0
        /// Threads started and not yet returned. A thread is only ever started by the initializer
        /// or by another counted thread, so once `stopped` is set and this reaches zero it stays
        /// zero.
        var liveThreads = 0
    }

    let listener: Int32
    let upstreamPort: Int
    let state = Mutex(State())

    init(listener: Int32, upstreamPort: Int) {
        self.listener = listener
        self.upstreamPort = upstreamPort
    }

    /// Starts a counted thread.
    func spawn(_ body: @escaping @Sendable () -> Void) {
        state.withLock { $0.liveThreads += 1 }
        let thread = Thread { [self] in
            body()
            state.withLock { $0.liveThreads -= 1 }
        }
        thread.start()
    }

    func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            let error = errno
            // Not inherited by child processes the tests spawn (Glibc's module has no accept4).
            if client >= 0 { _ = fcntl(client, F_SETFD, FD_CLOEXEC) }
            // shutdown() in stop() makes a blocked accept fail with EINVAL.
            if state.withLock({ $0.stopped }) {
                if client >= 0 { close(client) }
                return
            }
            if client < 0 {
                // EINTR and ECONNABORTED are harmless; anything else (out of descriptors, say)
                // is waited out rather than spun on. stop() still ends the loop.
                if error != EINTR && error != ECONNABORTED { usleep(10_000) }
                continue
            }
            admit(client)
        }
    }

    /// Draws the faults for a new connection and either drops it or starts forwarding it.
    private func admit(_ client: Int32) {
        let link = state.withLock { state -> Link? in
            guard !state.stopped else { return nil }
            state.statistics.accepted += 1
            let faults = state.faults
            if Self.chance(faults.dropProbability) {
                state.statistics.dropped += 1
                return nil
            }
            let link = Link(id: state.nextLinkID, client: client, delay: faults.delay,
                            cutAfter: Self.chance(faults.cutProbability) ? Int.random(in: 1...4096) : nil,
                            duplicating: Self.chance(faults.duplicateProbability))
            state.nextLinkID += 1
            state.links[link.id] = link
            return link
        }
        guard let link else {
            close(client)
            return
        }
        link.spawn(on: self) { [self] in link.run(on: self) }
    }

    func remove(_ link: Link) {
        _ = state.withLock { $0.links.removeValue(forKey: link.id) }
    }

    func count(_ update: (inout FaultProxy.Statistics) -> Void) {
        state.withLock { update(&$0.statistics) }
    }

    var isStopped: Bool { state.withLock { $0.stopped } }

    func stop() {
        let (first, links) = state.withLock { state in
            defer { state.stopped = true }
            return (!state.stopped, Array(state.links.values))
        }
        // Only the first call touches the listener: after it is closed its number may be reused.
        if first { shutdown(listener, Int32(SHUT_RDWR)) }
        links.forEach { $0.kill() }
        while state.withLock({ $0.liveThreads }) > 0 { usleep(1_000) }
        if first { close(listener) }
    }

    static func chance(_ probability: Double) -> Bool {
        probability > 0 && Double.random(in: 0..<1) < probability
    }
}

// MARK: - One proxied connection

/// A client connection, its upstream connection and maybe a duplicate upstream connection, with
/// the threads that pump bytes between them. The sockets are closed by whichever of those
/// threads returns last, never earlier, so `kill()` can never shut down a reused descriptor.
private final class Link: Sendable {
    struct State {
        var upstream: Int32 = -1
        var duplicate: Int32 = -1
        var killed = false
        var closed = false
        var threads = 0
        var directionsDone = 0
        var forwarded = 0
    }

    let id: Int
    let client: Int32
    let delay: ClosedRange<Double>?
    let cutAfter: Int?
    let duplicating: Bool
    private let state = Mutex(State())

    init(id: Int, client: Int32, delay: ClosedRange<Double>?, cutAfter: Int?, duplicating: Bool) {
        self.id = id
        self.client = client
        self.delay = delay
        self.cutAfter = cutAfter
        self.duplicating = duplicating
    }

    var isKilled: Bool { state.withLock { $0.killed } }

    /// Shuts every socket down, which wakes whatever thread is blocked on it.
    func kill() {
        state.withLock { state in
            guard !state.closed else { return }
            state.killed = true
            for socket in [client, state.upstream, state.duplicate] where socket >= 0 {
                shutdown(socket, Int32(SHUT_RDWR))
            }
        }
    }

    /// Starts a thread counted both by the link (for closing its sockets) and by the core (for
    /// stop()).
    func spawn(on core: Core, _ body: @escaping @Sendable () -> Void) {
        state.withLock { $0.threads += 1 }
        core.spawn { [self] in
            body()
            threadReturned(core: core)
        }
    }

    private func threadReturned(core: Core) {
        let last = state.withLock { state -> Bool in
            state.threads -= 1
            guard state.threads == 0 else { return false }
            state.killed = true
            state.closed = true
            for socket in [client, state.upstream, state.duplicate] where socket >= 0 { close(socket) }
            return true
        }
        if last { core.remove(self) }
    }

    /// The first thread of a link: connects upstream, starts the other threads, then pumps
    /// client → upstream itself.
    func run(on core: Core) {
        guard let upstream = Socket.connectToLoopback(port: core.upstreamPort, giveUpIf: { core.isStopped || self.isKilled }),
              attach(upstream, duplicate: false)
        else {
            kill()
            return
        }
        Socket.setNoDelay(client)
        var duplicate: Int32?
        if duplicating,
           let socket = Socket.connectToLoopback(port: core.upstreamPort, giveUpIf: { core.isStopped || self.isKilled }),
           attach(socket, duplicate: true) {
            duplicate = socket
            core.count { $0.duplicated += 1 }
            spawn(on: core) { [self] in drain(socket) }
        }
        spawn(on: core) { [self] in pump(from: upstream, to: client, copyTo: nil, core: core) }
        pump(from: client, to: upstream, copyTo: duplicate, core: core)
    }

    /// Records a connected upstream socket so that kill() reaches it; closes it instead if the
    /// link was killed while connecting.
    private func attach(_ socket: Int32, duplicate: Bool) -> Bool {
        state.withLock { state in
            guard !state.killed else {
                close(socket)
                return false
            }
            if duplicate { state.duplicate = socket } else { state.upstream = socket }
            return true
        }
    }

    /// Forwards `source` to `destination` (and a copy to `copy`) until end of file, an error, a
    /// cut or a kill.
    private func pump(from source: Int32, to destination: Int32, copyTo copy: Int32?, core: Core) {
        var copy = copy
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = Socket.receive(source, into: &buffer)
            if count == 0 {
                // End of file: pass the half-close on, and end the link once both ways are done.
                shutdown(destination, Int32(SHUT_WR))
                if let copy { shutdown(copy, Int32(SHUT_WR)) }
                let bothDone = state.withLock { state in
                    state.directionsDone += 1
                    return state.directionsDone == 2
                }
                if bothDone { kill() }
                return
            }
            guard count > 0 else {
                kill()
                return
            }
            if let delay, !sleep(Double.random(in: delay)) { return }

            // Reserve this chunk against the cut budget, shared by both directions.
            let (allowed, cutNow) = state.withLock { state -> (Int, Bool) in
                guard !state.killed else { return (0, false) }
                guard let cutAfter else { return (count, false) }
                let allowed = min(count, cutAfter - state.forwarded)
                state.forwarded += allowed
                return (allowed, allowed > 0 && state.forwarded == cutAfter)
            }
            if allowed > 0 {
                let sent = buffer.withUnsafeBytes { bytes in
                    let chunk = UnsafeRawBufferPointer(rebasing: bytes[..<allowed])
                    guard Socket.sendAll(destination, chunk) else { return false }
                    // A duplicate that fails is just abandoned; the real connection goes on.
                    if let socket = copy, !Socket.sendAll(socket, chunk) { copy = nil }
                    return true
                }
                guard sent else {
                    kill()
                    return
                }
                core.count { $0.bytesForwarded += allowed }
            }
            if cutNow {
                core.count { $0.cut += 1 }
                kill()
                return
            }
            if allowed < count { return }
        }
    }

    /// Reads and discards the duplicate connection's responses.
    private func drain(_ socket: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while Socket.receive(socket, into: &buffer) > 0 {}
    }

    /// Sleeps in short slices so that a kill does not wait out a long delay; false if killed.
    private func sleep(_ seconds: Double) -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while true {
            if isKilled { return false }
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero { return true }
            usleep(UInt32(min(remaining, .milliseconds(10)) / .microseconds(1)))
        }
    }
}

// MARK: - POSIX helpers

private enum Socket {
    static func posixError(_ code: Int32 = errno) -> POSIXError {
        POSIXError(.init(rawValue: code) ?? .EIO)
    }

    static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)  // 127.0.0.1
        return address
    }

    static func newSocket() throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw posixError() }
        return socket
    }

    /// A listening socket on 127.0.0.1 and the ephemeral port the kernel chose.
    static func listenOnLoopback() throws -> (Int32, Int) {
        let socket = try newSocket()
        do {
            var one: Int32 = 1
            guard setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
                throw posixError()
            }
            var address = loopbackAddress(port: 0)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0, listen(socket, 128) == 0 else { throw posixError() }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
            }
            guard named == 0 else { throw posixError() }
            return (socket, Int(UInt16(bigEndian: address.sin_port)))
        } catch {
            close(socket)
            throw error
        }
    }

    /// Connects to 127.0.0.1:`port` without blocking for long: the connect runs non-blocking and
    /// is polled in 20 ms slices, for at most `timeout`, giving up early when `giveUpIf` says so.
    /// (A blocking connect to a listener whose backlog is full can hang for minutes.)
    static func connectToLoopback(port: Int, timeout: Duration = .seconds(5),
                                  giveUpIf shouldGiveUp: () -> Bool) -> Int32? {
        guard let socket = try? newSocket() else { return nil }
        let flags = fcntl(socket, F_GETFL)
        _ = fcntl(socket, F_SETFL, flags | O_NONBLOCK)
        var address = loopbackAddress(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // After EINTR the connect goes on asynchronously, just as after EINPROGRESS.
        var connected = result == 0
        if !connected && (errno == EINPROGRESS || errno == EINTR) {
            let deadline = ContinuousClock.now + timeout
            while !connected && ContinuousClock.now < deadline && !shouldGiveUp() {
                var descriptor = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&descriptor, 1, 20)
                if ready < 0 && errno != EINTR { break }
                guard ready > 0 else { continue }
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                guard getsockopt(socket, SOL_SOCKET, SO_ERROR, &error, &length) == 0, error == 0 else { break }
                connected = true
            }
        }
        guard connected else {
            close(socket)
            return nil
        }
        _ = fcntl(socket, F_SETFL, flags)
        setNoDelay(socket)
        return socket
    }

    /// Small chunks are forwarded as they come, not held back by Nagle's algorithm.
    static func setNoDelay(_ socket: Int32) {
        var one: Int32 = 1
        _ = setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Bytes read, 0 at end of file, or -1 on an error other than EINTR.
    static func receive(_ socket: Int32, into buffer: inout [UInt8]) -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            return count
        }
    }

    static func sendAll(_ socket: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = send(socket, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += sent
        }
        return true
    }
}
