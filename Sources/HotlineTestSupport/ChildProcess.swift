import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with posix_spawn, for tests that kill processes at random moments.
/// Foundation's `Process` is avoided here: its SIGCHLD machinery has misbehaved under repeated
/// SIGKILLs. Standard output is collected by a reader thread until end of file; standard error
/// goes to /dev/null.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    private let output = Mutex("")
    private let finished = Mutex(false)
    private let exitStatus = Mutex<Int32?>(nil)

    /// With `capturingErrors`, standard error is collected with standard output.
    public init(executable: String, arguments: [String], capturingErrors: Bool = false) throws {
        var pipeDescriptors: [Int32] = [0, 0]
        guard pipe(&pipeDescriptors) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        let (readEnd, writeEnd) = (pipeDescriptors[0], pipeDescriptors[1])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        if capturingErrors {
            posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, nil, argv, environ)
        close(writeEnd)
        guard result == 0 else {
            close(readEnd)
            throw POSIXError(.init(rawValue: result) ?? .EIO)
        }
        pid = child

        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                output.withLock { $0 += String(decoding: buffer.prefix(count), as: UTF8.self) }
            }
            close(readEnd)
            finished.withLock { $0 = true }
        }
        thread.start()
    }

    /// The lines printed so far.
    public var lines: [Substring] { output.withLock { $0 }.split(separator: "\n") }

    public func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(pid, signal)
    }

    /// Waits for the child to exit and for its output to be read to the end; returns the raw
    /// wait status.
    @discardableResult
    public func wait() -> Int32 {
        if let status = exitStatus.withLock({ $0 }) { return status }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        exitStatus.withLock { $0 = status }
        while !finished.withLock({ $0 }) { usleep(1_000) }
        return status
    }

    /// Whether the child is still running (without reaping it).
    public var isRunning: Bool {
        guard exitStatus.withLock({ $0 }) == nil else { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid {
            exitStatus.withLock { $0 = status }
            return false
        }
        return result == 0
    }

    /// True if the wait status says the child was killed by `signal`.
    public static func wasKilled(_ status: Int32, by signal: Int32 = SIGKILL) -> Bool {
        (status & 0x7f) == signal
    }
}
